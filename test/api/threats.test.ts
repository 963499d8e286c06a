import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { encodeCursor } from '../../src/domain/paging.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (q) => statements.push(q) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const ERRORS = 'userErrors { field message code }';
const CREATE = `mutation($input: ThreatCreateInput!) { threatCreate(input: $input) {
  threat { id refId name description framework { refId } parent { refId } } ${ERRORS} } }`;
const UPDATE = `mutation($input: ThreatUpdateInput!) { threatUpdate(input: $input) { threat { id refId name description } ${ERRORS} } }`;
const DELETE = `mutation($input: ThreatDeleteInput!) { threatDelete(input: $input) { deletedId ${ERRORS} } }`;
const LINK = `mutation($input: ThreatRequirementLinkInput!) { threatRequirementLink(input: $input) {
  threat { refId } requirement { refId } ${ERRORS} } }`;
const EDGES = `query($t: ID!, $r: ID!) {
  threat(id: $t) { requirements { totalCount edges { node { refId } } } }
  requirement(id: $r) { threats { totalCount edges { node { refId } } } } }`;
const missingThreat = toGlobalId('Threat', 999999);

async function framework(refId: string, kind = 'THREAT_CATALOG'): Promise<string> {
  const d = await server.data(
    `mutation($input: FrameworkCreateInput!) { frameworkCreate(input: $input) { framework { id } } }`,
    { input: { refId, name: refId, kind } },
  );
  return d.frameworkCreate.framework.id;
}

async function create(input: Record<string, unknown>) {
  return (await server.data(CREATE, { input: { name: `Threat ${String(input.refId)}`, ...input } })).threatCreate;
}

async function threat(frameworkId: string, refId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await create({ frameworkId, refId, ...extra });
  expect(r.userErrors).toEqual([]);
  return r.threat.id;
}

async function req(frameworkId: string, refId: string): Promise<string> {
  const d = await server.data(
    `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { requirement { id } } }`,
    { input: { frameworkId, refId, title: refId } },
  );
  return d.requirementCreate.requirement.id;
}

const link = async (input: Record<string, unknown>) => (await server.data(LINK, { input })).threatRequirementLink;
const refIds = (conn: { edges: { node: { refId: string } }[] }) => conn.edges.map((e) => e.node.refId);

describe('threatCreate / threatUpdate / threatDelete', () => {
  it('creates threats in a threat catalog, nested under a parent', async () => {
    const cat = await framework('th-create');
    const t = await create({ frameworkId: cat, refId: 'AML.T0051', description: 'prompt injection' });
    expect(t).toEqual({
      threat: { id: expect.any(String), refId: 'AML.T0051', name: 'Threat AML.T0051', description: 'prompt injection', framework: { refId: 'th-create' }, parent: null },
      userErrors: [],
    });
    const sub = await create({ frameworkId: cat, refId: 'AML.T0051.000', parentId: t.threat.id });
    expect(sub.threat.parent).toEqual({ refId: 'AML.T0051' });
  });

  it('refuses other framework kinds, duplicates, foreign parents and malformed fields', async () => {
    const cat = await framework('th-err');
    const other = await framework('th-err-other');
    const standard = await framework('th-err-standard', 'STANDARD');
    await threat(cat, 'T1');
    const foreignParent = await threat(other, 'P');
    expect((await create({ frameworkId: standard, refId: 'X' })).userErrors).toEqual([
      { field: ['input', 'frameworkId'], message: expect.stringContaining('THREAT_CATALOG'), code: 'INVALID' },
    ]);
    expect(await create({ frameworkId: cat, refId: 'T1' })).toEqual({
      threat: null,
      userErrors: [{ field: ['input', 'refId'], message: expect.stringContaining('exists'), code: 'DUPLICATE' }],
    });
    expect((await create({ frameworkId: other, refId: 'T1' })).userErrors).toEqual([]);
    expect((await create({ frameworkId: cat, refId: 'T2', parentId: foreignParent })).userErrors).toEqual([
      { field: ['input', 'parentId'], message: expect.stringContaining('same threat catalog'), code: 'INVALID' },
    ]);
    const bad = await create({ frameworkId: cat, refId: '', name: ' ' });
    expect(bad.userErrors.map((e: any) => `${e.field.join('.')}:${e.code}`).sort()).toEqual(['input.name:INVALID', 'input.refId:INVALID']);
    for (const frameworkId of ['garbage', toGlobalId('Requirement', 1), toGlobalId('Framework', 999999)]) {
      const code = frameworkId === toGlobalId('Framework', 999999) ? 'NOT_FOUND' : 'INVALID';
      expect((await create({ frameworkId, refId: 'N' })).userErrors[0]).toMatchObject({ field: ['input', 'frameworkId'], code });
    }
    for (const parentId of ['garbage', toGlobalId('Framework', 1), missingThreat]) {
      const code = parentId === missingThreat ? 'NOT_FOUND' : 'INVALID';
      expect((await create({ frameworkId: cat, refId: 'N', parentId })).userErrors[0]).toMatchObject({ field: ['input', 'parentId'], code });
    }
  });

  it('updates a threat and refuses a duplicate refId', async () => {
    const cat = await framework('th-upd');
    const id = await threat(cat, 'U1', { description: 'old' });
    await threat(cat, 'U2');
    const d = await server.data(UPDATE, { input: { id, name: 'Renamed', refId: 'U1b' } });
    expect(d.threatUpdate).toEqual({ threat: { id, refId: 'U1b', name: 'Renamed', description: 'old' }, userErrors: [] });
    expect((await server.data(UPDATE, { input: { id, refId: 'U2' } })).threatUpdate.userErrors[0]).toMatchObject({ field: ['input', 'refId'], code: 'DUPLICATE' });
    expect((await server.data(UPDATE, { input: { id: missingThreat, name: 'x' } })).threatUpdate.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('deletes a threat, refusing with IN_USE while it has children or linked requirements', async () => {
    const cat = await framework('th-del');
    const std = await framework('th-del-std', 'STANDARD');
    const parent = await threat(cat, 'P');
    const child = await threat(cat, 'P.1', { parentId: parent });
    const r = await req(std, 'R');
    await link({ threatId: child, requirementId: r });
    const inUse = async (id: string, what: string) =>
      expect((await server.data(DELETE, { input: { id } })).threatDelete).toEqual({
        deletedId: null,
        userErrors: [{ field: ['input', 'id'], message: expect.stringContaining(what), code: 'IN_USE' }],
      });
    await inUse(parent, 'child');
    await inUse(child, 'requirement');
    await link({ threatId: child, requirementId: r, linked: false });
    expect((await server.data(DELETE, { input: { id: child } })).threatDelete).toEqual({ deletedId: child, userErrors: [] });
    expect((await server.data(DELETE, { input: { id: parent } })).threatDelete.userErrors).toEqual([]);
    expect((await server.data(`query($id: ID!) { threat(id: $id) { id } }`, { id: parent })).threat).toEqual({ id: parent });
    expect((await server.data(`{ threat(frameworkRefId: "th-del", refId: "P") { id } }`)).threat).toBeNull();
    expect((await server.data(DELETE, { input: { id: parent } })).threatDelete.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('threatRequirementLink', () => {
  it('links and unlinks idempotently, visible from both ends', async () => {
    const cat = await framework('th-link');
    const std = await framework('th-link-std', 'STANDARD');
    const t1 = await threat(cat, 'T1');
    const t2 = await threat(cat, 'T2');
    const r1 = await req(std, 'R1');
    const r2 = await req(std, 'R2');

    expect(await link({ threatId: t1, requirementId: r1 })).toEqual({ threat: { refId: 'T1' }, requirement: { refId: 'R1' }, userErrors: [] });
    expect((await link({ threatId: t1, requirementId: r1, linked: true })).userErrors).toEqual([]);
    await link({ threatId: t1, requirementId: r2 });
    await link({ threatId: t2, requirementId: r1 });

    const d = await server.data(EDGES, { t: t1, r: r1 });
    expect(d.threat.requirements).toEqual({ totalCount: 2, edges: [{ node: { refId: 'R1' } }, { node: { refId: 'R2' } }] });
    expect(d.requirement.threats).toEqual({ totalCount: 2, edges: [{ node: { refId: 'T1' } }, { node: { refId: 'T2' } }] });

    expect((await link({ threatId: t1, requirementId: r1, linked: false })).userErrors).toEqual([]);
    expect((await link({ threatId: t1, requirementId: r1, linked: false })).userErrors).toEqual([]);
    const after = await server.data(EDGES, { t: t1, r: r1 });
    expect(refIds(after.threat.requirements)).toEqual(['R2']);
    expect(refIds(after.requirement.threats)).toEqual(['T2']);

    const page = await server.data(
      `query($r: ID!) { requirement(id: $r) { threats(first: 1) { edges { node { refId } } pageInfo { hasNextPage endCursor } } } }`,
      { r: r2 },
    );
    expect(refIds(page.requirement.threats)).toEqual(['T1']);
    expect(page.requirement.threats.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses withdrawn requirements and unknown ids', async () => {
    const cat = await framework('th-link-err');
    const std = await framework('th-link-err-std', 'STANDARD');
    const t = await threat(cat, 'T');
    const r = await req(std, 'R');
    await server.data(`mutation($id: ID!) { requirementUpdate(input: { id: $id, withdrawn: true }) { userErrors { code } } }`, { id: r });
    expect(await link({ threatId: t, requirementId: r })).toEqual({
      threat: null,
      requirement: null,
      userErrors: [{ field: ['input', 'requirementId'], message: expect.stringContaining('withdrawn'), code: 'INVALID' }],
    });
    expect((await link({ threatId: t, requirementId: r, linked: false })).userErrors).toEqual([]);
    for (const threatId of ['garbage', toGlobalId('Requirement', 1), missingThreat]) {
      const code = threatId === missingThreat ? 'NOT_FOUND' : 'INVALID';
      expect((await link({ threatId, requirementId: r })).userErrors[0]).toMatchObject({ field: ['input', 'threatId'], code });
    }
    for (const requirementId of ['garbage', t, toGlobalId('Requirement', 999999)]) {
      const code = requirementId === toGlobalId('Requirement', 999999) ? 'NOT_FOUND' : 'INVALID';
      expect((await link({ threatId: t, requirementId })).userErrors[0]).toMatchObject({ field: ['input', 'requirementId'], code });
    }
  });
});

describe('threat queries', () => {
  it('a cursor of another list (a part of another type, an id beyond any integer column) gives an empty page, on both backends', async () => {
    const cat = await framework('th-cursor');
    await threat(cat, 'C1');
    // The threat list is ordered by (framework id, id): a control list's (refId, id) cursor, a
    // fractional or an unsafe integer cannot come from it.
    for (const key of [['SEC-API-02', 20], [1, 2.5], [1, 2 ** 60], [1e300, 1]]) {
      const body = await server.gql(`query($after: String) { threats(first: 3, after: $after) { totalCount edges { cursor } pageInfo { hasNextPage } } }`, {
        after: encodeCursor(key),
      });
      expect(body.errors, JSON.stringify(key)).toBeUndefined();
      expect(body.data.threats.edges, JSON.stringify(key)).toEqual([]);
      expect(body.data.threats.pageInfo.hasNextPage).toBe(false);
    }
  });

  it('finds a threat by id, by frameworkRefId + refId and through node; null when unknown', async () => {
    const cat = await framework('th-find');
    const id = await threat(cat, 'F1');
    const d = await server.data(
      `query($id: ID!, $missing: ID!) {
        byId: threat(id: $id) { refId } byRef: threat(frameworkRefId: "th-find", refId: "F1") { id }
        node(id: $id) { id ... on Threat { refId framework { refId } } }
        a: threat(id: $missing) { id } c: threat(frameworkRefId: "th-find", refId: "nope") { id }
        d: node(id: $missing) { id }
      }`,
      { id, missing: missingThreat },
    );
    const other = await server.gql(`query($id: ID!) { threat(id: $id) { id } }`, { id: toGlobalId('Requirement', 1) });
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(d).toEqual({
      byId: { refId: 'F1' },
      byRef: { id },
      node: { id, refId: 'F1', framework: { refId: 'th-find' } },
      a: null,
      c: null,
      d: null,
    });
    for (const args of ['', 'refId: "F1"', 'frameworkRefId: "th-find"', `id: "${id}", refId: "F1"`]) {
      const body = await server.gql(`{ threat${args ? `(${args})` : ''} { id } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('lists root threats by framework then id, filtered and paged', async () => {
    const c1 = await framework('th-list-1');
    const c2 = await framework('th-list-2');
    const p = await threat(c2, 'evasion');
    await threat(c1, 'poisoning', { description: 'the EVASION of filters' });
    await threat(c2, 'evasion.sub', { parentId: p });
    await threat(c1, 'other');
    const q = `query($filter: ThreatFilter, $first: Int, $after: String) { threats(filter: $filter, first: $first, after: $after) {
      totalCount edges { node { refId } } pageInfo { hasNextPage endCursor } } }`;
    const all = (await server.data(q, { filter: { search: 'evasion' } })).threats;
    expect(refIds(all)).toEqual(['poisoning', 'evasion', 'evasion.sub']);
    expect(all.totalCount).toBe(3);
    expect(refIds((await server.data(q, { filter: { search: 'evasion', topLevelOnly: true } })).threats)).toEqual(['poisoning', 'evasion']);
    expect(refIds((await server.data(q, { filter: { frameworkId: c1 } })).threats)).toEqual(['poisoning', 'other']);
    const garbage = await server.gql(q, { filter: { frameworkId: 'garbage' } });
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const p1 = (await server.data(q, { filter: { search: 'evasion' }, first: 2 })).threats;
    expect(refIds(p1)).toEqual(['poisoning', 'evasion']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await server.data(q, { filter: { search: 'evasion' }, first: 2, after: p1.pageInfo.endCursor })).threats;
    expect(refIds(p2)).toEqual(['evasion.sub']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect((await server.gql(`{ threats(first: 500) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists Framework.threats and Threat.children in id order, paged', async () => {
    const cat = await framework('th-fw');
    const a = await threat(cat, 'A');
    await threat(cat, 'A.1', { parentId: a });
    await threat(cat, 'B');
    await threat(cat, 'A.2', { parentId: a });
    const q = `query($id: ID!, $top: Boolean, $first: Int, $after: String) { framework(id: $id) {
      threats(topLevelOnly: $top, first: $first, after: $after) { totalCount edges { node { refId } } pageInfo { hasNextPage endCursor } } } }`;
    const all = (await server.data(q, { id: cat })).framework.threats;
    expect(refIds(all)).toEqual(['A', 'A.1', 'B', 'A.2']);
    expect(all.totalCount).toBe(4);
    const top = (await server.data(q, { id: cat, top: true })).framework.threats;
    expect(refIds(top)).toEqual(['A', 'B']);
    expect(top.totalCount).toBe(2);
    const p1 = (await server.data(q, { id: cat, first: 3 })).framework.threats;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await server.data(q, { id: cat, first: 3, after: p1.pageInfo.endCursor })).framework.threats;
    expect(refIds(p2)).toEqual(['A.2']);
    expect(p2.pageInfo.hasNextPage).toBe(false);

    const kids = await server.data(
      `query($id: ID!) { threat(id: $id) { parent { id } children(first: 1) { totalCount edges { node { refId parent { refId } } } pageInfo { hasNextPage } } } }`,
      { id: a },
    );
    expect(kids.threat).toEqual({
      parent: null,
      children: { totalCount: 2, edges: [{ node: { refId: 'A.1', parent: { refId: 'A' } } }], pageInfo: { hasNextPage: true } },
    });
    const std = await framework('th-fw-std', 'STANDARD');
    expect((await server.data(q, { id: std })).framework.threats).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('resolves nested threat lists with a bounded number of statements', async () => {
    const query = `{ frameworks(filter: { search: "th-n1-" }, first: 50) { edges { node {
      threats(first: 5) { totalCount edges { node { framework { refId } parent { refId } children { totalCount }
        requirements { totalCount edges { node { threats { totalCount } } } } } } } } } } }`;
    const std = await framework('th-n1-std', 'STANDARD');
    const add = async (n: number) => {
      const cat = await framework(`th-n1-${n}`);
      const t = await threat(cat, 'T');
      await threat(cat, 'T.1', { parentId: t });
      await link({ threatId: t, requirementId: await req(std, `R${n}`) });
    };
    const count = async () => {
      statements = [];
      await server.data(query);
      return statements.length;
    };
    await add(1);
    const small = await count();
    for (const n of [2, 3, 4]) await add(n);
    expect(await count()).toBe(small);
  });
});
