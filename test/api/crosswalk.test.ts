import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (q) => statements.push(q) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const ERRORS = 'userErrors { field message code }';
const LINK = 'id relationship strength rationale provenance createdAt createdBy retiredAt retiredBy source { refId } target { refId }';
const CREATE = `mutation($input: RequirementLinkCreateInput!) { requirementLinkCreate(input: $input) { requirementLink { ${LINK} } ${ERRORS} } }`;
const RETIRE = `mutation($input: RequirementLinkRetireInput!) { requirementLinkRetire(input: $input) { requirementLink { ${LINK} } ${ERRORS} } }`;
const otherTypeId = Buffer.from('Control:1').toString('base64url');
const missingReq = Buffer.from('Requirement:999999').toString('base64url');
const missingLink = Buffer.from('RequirementLink:999999').toString('base64url');

async function framework(refId: string): Promise<string> {
  const d = await server.data(
    `mutation($input: FrameworkCreateInput!) { frameworkCreate(input: $input) { framework { id } } }`,
    { input: { refId, name: refId, kind: 'STANDARD' } },
  );
  return d.frameworkCreate.framework.id;
}

async function req(frameworkId: string, refId: string): Promise<string> {
  const d = await server.data(
    `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { requirement { id } userErrors { code } } }`,
    { input: { frameworkId, refId, title: refId } },
  );
  expect(d.requirementCreate.userErrors).toEqual([]);
  return d.requirementCreate.requirement.id;
}

async function link(source: string, target: string, extra: Record<string, unknown> = {}) {
  return (
    await server.data(CREATE, {
      input: { sourceRequirementId: source, targetRequirementId: target, relationship: 'SUBSET_OF', ...extra },
    })
  ).requirementLinkCreate;
}

const LINKS = `query($id: ID!, $dir: RequirementLinkDirection, $retired: Boolean, $first: Int, $after: String) {
  requirement(id: $id) { links(direction: $dir, includeRetired: $retired, first: $first, after: $after) {
    totalCount edges { node { id source { refId } target { refId } } } pageInfo { hasNextPage endCursor } } } }`;

describe('requirementLinkCreate', () => {
  it('links requirements of two frameworks and reads the link back from both ends and by node', async () => {
    const a = await framework('cw-a');
    const b = await framework('cw-b');
    const a1 = await req(a, 'A1');
    const b1 = await req(b, 'B1');
    const r = await link(a1, b1, { strength: 7, rationale: 'same idea', provenance: 'analyst' });
    expect(r.userErrors).toEqual([]);
    expect(r.requirementLink).toMatchObject({
      relationship: 'SUBSET_OF',
      strength: 7,
      rationale: 'same idea',
      provenance: 'analyst',
      createdBy: 'token:1',
      retiredAt: null,
      retiredBy: null,
      source: { refId: 'A1' },
      target: { refId: 'B1' },
    });
    expect(Number.isNaN(Date.parse(r.requirementLink.createdAt))).toBe(false);

    const id = r.requirementLink.id;
    const out = (await server.data(LINKS, { id: a1, dir: 'OUTGOING' })).requirement.links;
    expect(out.edges.map((e: any) => e.node.id)).toEqual([id]);
    expect((await server.data(LINKS, { id: a1, dir: 'INCOMING' })).requirement.links.totalCount).toBe(0);
    const incoming = (await server.data(LINKS, { id: b1, dir: 'INCOMING' })).requirement.links;
    expect(incoming.edges).toEqual([{ node: { id, source: { refId: 'A1' }, target: { refId: 'B1' } } }]);
    expect((await server.data(LINKS, { id: b1, dir: 'OUTGOING' })).requirement.links.totalCount).toBe(0);
    expect((await server.data(LINKS, { id: b1 })).requirement.links.totalCount).toBe(1);

    const node = await server.data(`query($id: ID!) { node(id: $id) { id ... on RequirementLink { relationship strength } } }`, { id });
    expect(node.node).toEqual({ id, relationship: 'SUBSET_OF', strength: 7 });
    const missing = await server.data(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`,
      { a: missingLink, b: Buffer.from('Threat:999999').toString('base64url') },
    );
    expect(missing).toEqual({ a: null, b: null });
    const garbage = await server.gql(`{ node(id: "garbage") { id } }`);
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('allows one live link per unordered pair: the reverse of a live link is a conflict, until it is retired', async () => {
    const a = await framework('cw-dup-a');
    const b = await framework('cw-dup-b');
    const a1 = await req(a, 'A1');
    const b1 = await req(b, 'B1');
    const first = (await link(a1, b1)).requirementLink;
    expect(await link(a1, b1, { relationship: 'EQUAL' })).toEqual({
      requirementLink: null,
      userErrors: [{ field: ['input', 'targetRequirementId'], message: expect.stringContaining('live link'), code: 'DUPLICATE' }],
    });
    // "A1 SUBSET_OF B1" already states "B1 SUPERSET_OF A1".
    expect(await link(b1, a1, { relationship: 'SUPERSET_OF' })).toEqual({
      requirementLink: null,
      userErrors: [{ field: ['input', 'targetRequirementId'], message: expect.stringContaining('inverse relationship'), code: 'DUPLICATE' }],
    });
    expect((await server.data(LINKS, { id: a1 })).requirement.links.totalCount).toBe(1);
    await server.data(RETIRE, { input: { id: first.id } });
    expect((await link(b1, a1, { relationship: 'SUPERSET_OF' })).userErrors).toEqual([]);
  });

  it('refuses self links, links within one framework, withdrawn requirements and strengths out of range', async () => {
    const a = await framework('cw-inv-a');
    const b = await framework('cw-inv-b');
    const a1 = await req(a, 'A1');
    const a2 = await req(a, 'A2');
    const b1 = await req(b, 'B1');
    const gone = await req(b, 'B-withdrawn');
    await server.data(`mutation($id: ID!) { requirementUpdate(input: { id: $id, withdrawn: true }) { userErrors { code } } }`, { id: gone });

    const invalid = (field: string, text: string) => ({
      requirementLink: null,
      userErrors: [{ field: ['input', field], message: expect.stringContaining(text), code: 'INVALID' }],
    });
    expect(await link(a1, a1)).toEqual(invalid('targetRequirementId', 'itself'));
    expect(await link(a1, a2)).toEqual(invalid('targetRequirementId', 'different frameworks'));
    expect(await link(a1, gone)).toEqual(invalid('targetRequirementId', 'withdrawn'));
    expect(await link(gone, a1)).toEqual(invalid('sourceRequirementId', 'withdrawn'));
    for (const strength of [0, 11, -3]) expect(await link(a1, b1, { strength })).toEqual(invalid('strength', '1 to 10'));
    for (const strength of [1, 10]) {
      const r = await link(a1, b1, { strength });
      expect(r.requirementLink.strength).toBe(strength);
      await server.data(RETIRE, { input: { id: r.requirementLink.id } });
    }
    expect((await link(a1, b1, { strength: null })).requirementLink.strength).toBeNull();
  });

  it('answers NOT_FOUND for unknown requirement ids, INVALID for garbage and other-type ids', async () => {
    const a = await framework('cw-nf');
    const a1 = await req(a, 'A1');
    for (const bad of ['garbage', otherTypeId, missingReq]) {
      const code = bad === missingReq ? 'NOT_FOUND' : 'INVALID';
      expect((await link(bad, a1)).userErrors).toEqual([
        { field: ['input', 'sourceRequirementId'], message: expect.any(String), code },
      ]);
      expect((await link(a1, bad)).userErrors).toEqual([
        { field: ['input', 'targetRequirementId'], message: expect.any(String), code },
      ]);
    }
  });
});

describe('requirementLinkRetire', () => {
  it('retires a live link once, keeps it readable and frees the pair for a new link', async () => {
    const a = await framework('cw-ret-a');
    const b = await framework('cw-ret-b');
    const a1 = await req(a, 'A1');
    const b1 = await req(b, 'B1');
    const first = (await link(a1, b1)).requirementLink;
    const retired = await server.data(RETIRE, { input: { id: first.id } });
    expect(retired.requirementLinkRetire.userErrors).toEqual([]);
    expect(retired.requirementLinkRetire.requirementLink).toMatchObject({ id: first.id, retiredBy: 'token:1' });
    expect(retired.requirementLinkRetire.requirementLink.retiredAt).not.toBeNull();

    const again = await server.data(RETIRE, { input: { id: first.id } });
    expect(again.requirementLinkRetire).toEqual({
      requirementLink: null,
      userErrors: [{ field: ['input', 'id'], message: expect.stringContaining('already retired'), code: 'CONFLICT' }],
    });
    for (const id of ['garbage', otherTypeId, missingLink]) {
      expect((await server.data(RETIRE, { input: { id } })).requirementLinkRetire.userErrors[0]).toMatchObject({
        field: ['input', 'id'],
        code: id === missingLink ? 'NOT_FOUND' : 'INVALID',
      });
    }

    expect((await server.data(LINKS, { id: a1 })).requirement.links.totalCount).toBe(0);
    const second = (await link(a1, b1, { relationship: 'EQUAL' })).requirementLink;
    expect(second.id).not.toBe(first.id);
    const history = (await server.data(LINKS, { id: b1, retired: true })).requirement.links;
    expect(history.edges.map((e: any) => e.node.id)).toEqual([first.id, second.id]);
  });
});

describe('link lists', () => {
  it('pages Requirement.links in id order', async () => {
    const hub = await framework('cw-page-hub');
    const spokes = await framework('cw-page-spokes');
    const h = await req(hub, 'H');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const s = await req(spokes, `S${n}`);
      ids.push((n === 2 ? await link(s, h) : await link(h, s)).requirementLink.id);
    }
    const p1 = (await server.data(LINKS, { id: h, first: 2 })).requirement.links;
    expect(p1.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(p1.totalCount).toBe(3);
    const p2 = (await server.data(LINKS, { id: h, first: 2, after: p1.pageInfo.endCursor })).requirement.links;
    expect(p2.edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const bad = await server.gql(LINKS, { id: h, first: -1 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists root requirementLinks filtered by frameworks, relationship and retirement', async () => {
    const x = await framework('cw-root-x');
    const y = await framework('cw-root-y');
    const z = await framework('cw-root-z');
    const x1 = await req(x, 'X1');
    const y1 = await req(y, 'Y1');
    const z1 = await req(z, 'Z1');
    const xy = (await link(x1, y1, { relationship: 'EQUAL' })).requirementLink.id;
    const xz = (await link(x1, z1)).requirementLink.id;
    const x2 = await req(x, 'X2');
    const yx = (await link(y1, x2)).requirementLink.id;
    await server.data(RETIRE, { input: { id: xz } });
    const q = `query($filter: RequirementLinkFilter, $first: Int, $after: String) { requirementLinks(filter: $filter, first: $first, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const ids = (conn: any) => conn.edges.map((e: any) => e.node.id);
    expect(ids((await server.data(q, { filter: { sourceFrameworkId: x } })).requirementLinks)).toEqual([xy]);
    expect(ids((await server.data(q, { filter: { sourceFrameworkId: x, includeRetired: true } })).requirementLinks)).toEqual([xy, xz]);
    expect(ids((await server.data(q, { filter: { targetFrameworkId: x } })).requirementLinks)).toEqual([yx]);
    expect(ids((await server.data(q, { filter: { sourceFrameworkId: y, targetFrameworkId: x } })).requirementLinks)).toEqual([yx]);
    expect(ids((await server.data(q, { filter: { sourceFrameworkId: x, relationships: ['SUBSET_OF'] } })).requirementLinks)).toEqual([]);
    const garbage = await server.gql(q, { filter: { sourceFrameworkId: 'garbage' } });
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const p1 = (await server.data(q, { filter: { sourceFrameworkId: x, includeRetired: true }, first: 1 })).requirementLinks;
    expect(ids(p1)).toEqual([xy]);
    expect(p1.totalCount).toBe(2);
    const p2 = (await server.data(q, { filter: { sourceFrameworkId: x, includeRetired: true }, first: 1, after: p1.pageInfo.endCursor })).requirementLinks;
    expect(ids(p2)).toEqual([xz]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });

  it('loads links of many requirements with a bounded number of statements', async () => {
    const l = await framework('cw-n1-left');
    const r = await framework('cw-n1-right');
    const query = `query($fw: ID!) { requirements(filter: { frameworkId: $fw }, first: 100) { edges { node {
      links { totalCount edges { node { source { refId } target { refId framework { refId } } } } } } } } }`;
    const add = async (n: number) => {
      const a = await req(l, `L${n}`);
      const b = await req(r, `R${n}`);
      await link(a, b);
    };
    const count = async () => {
      statements = [];
      await server.data(query, { fw: l });
      return statements.length;
    };
    await add(1);
    const small = await count();
    for (const n of [2, 3, 4, 5]) await add(n);
    expect(await count()).toBe(small);
  });
});
