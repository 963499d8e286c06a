import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';
import { returned, rows, tablesOf } from '../../src/db/dialect.js';
import { fromGlobalId } from '../../src/graphql/global-id.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (q) => statements.push(q) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const ERRORS = 'userErrors { field message code }';
const REQ = 'id refId sourceId title statement kind withdrawn sortOrder';
const CREATE = `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { requirement { ${REQ} parent { id } framework { refId } } ${ERRORS} } }`;
const UPDATE = `mutation($input: RequirementUpdateInput!) { requirementUpdate(input: $input) { requirement { ${REQ} parent { id } } ${ERRORS} } }`;
const DELETE = `mutation($input: RequirementDeleteInput!) { requirementDelete(input: $input) { deletedId ${ERRORS} } }`;
const otherTypeId = Buffer.from('Control:1').toString('base64url');
const missingId = Buffer.from('Requirement:999999').toString('base64url');

async function framework(refId: string, kind = 'STANDARD'): Promise<string> {
  const d = await server.data(
    `mutation($input: FrameworkCreateInput!) { frameworkCreate(input: $input) { framework { id } userErrors { code } } }`,
    { input: { refId, name: refId, kind } },
  );
  expect(d.frameworkCreate.userErrors).toEqual([]);
  return d.frameworkCreate.framework.id;
}

async function create(input: Record<string, unknown>) {
  return (await server.data(CREATE, { input: { title: `Title ${String(input.refId)}`, ...input } })).requirementCreate;
}

async function req(frameworkId: string, refId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await create({ frameworkId, refId, ...extra });
  expect(r.userErrors).toEqual([]);
  return r.requirement.id;
}

const rowId = (id: string) => fromGlobalId(id, 'Requirement')!;
const refIds = (conn: { edges: { node: { refId: string } }[] }) => conn.edges.map((e) => e.node.refId);

describe('requirementCreate', () => {
  it('creates top-level and nested requirements, ordering new siblings after the last one', async () => {
    const fw = await framework('rq-create');
    const a = await create({ frameworkId: fw, refId: 'A', statement: 'Do A', kind: 'function', sourceId: 'a-src' });
    expect(a.userErrors).toEqual([]);
    expect(a.requirement).toMatchObject({
      refId: 'A',
      sourceId: 'a-src',
      title: 'Title A',
      statement: 'Do A',
      kind: 'function',
      withdrawn: false,
      sortOrder: 0,
      parent: null,
      framework: { refId: 'rq-create' },
    });
    const b = await create({ frameworkId: fw, refId: 'B' });
    expect(b.requirement.sortOrder).toBe(1);
    const c = await create({ frameworkId: fw, refId: 'C', sortOrder: 10 });
    expect(c.requirement.sortOrder).toBe(10);
    expect((await create({ frameworkId: fw, refId: 'D' })).requirement.sortOrder).toBe(11);
    const a1 = await create({ frameworkId: fw, refId: 'A.1', parentId: a.requirement.id });
    expect(a1.requirement).toMatchObject({ sortOrder: 0, parent: { id: a.requirement.id }, sourceId: null, kind: null });
    expect((await create({ frameworkId: fw, refId: 'A.2', parentId: a.requirement.id })).requirement.sortOrder).toBe(1);
  });

  it('refuses duplicates within a framework but not across frameworks', async () => {
    const fw1 = await framework('rq-dup-1');
    const fw2 = await framework('rq-dup-2');
    await req(fw1, 'X');
    const dup = await create({ frameworkId: fw1, refId: 'X' });
    expect(dup).toEqual({
      requirement: null,
      userErrors: [{ field: ['input', 'refId'], message: expect.stringContaining('exists'), code: 'DUPLICATE' }],
    });
    expect((await create({ frameworkId: fw2, refId: 'X' })).userErrors).toEqual([]);
  });

  it('refuses a threat catalog, a parent of another framework and malformed fields', async () => {
    const threats = await framework('rq-threat-cat', 'THREAT_CATALOG');
    const r = await create({ frameworkId: threats, refId: 'T' });
    expect(r.userErrors).toEqual([{ field: ['input', 'frameworkId'], message: expect.any(String), code: 'INVALID' }]);

    const fw1 = await framework('rq-parent-1');
    const fw2 = await framework('rq-parent-2');
    const p = await req(fw1, 'P');
    const wrong = await create({ frameworkId: fw2, refId: 'Q', parentId: p });
    expect(wrong.userErrors).toEqual([{ field: ['input', 'parentId'], message: expect.any(String), code: 'INVALID' }]);

    const bad = await create({ frameworkId: fw1, refId: ' padded', title: '  ' });
    expect(bad.requirement).toBeNull();
    expect(bad.userErrors.map((e: { field: string[]; code: string }) => `${e.field.join('.')}:${e.code}`).sort()).toEqual([
      'input.refId:INVALID',
      'input.title:INVALID',
    ]);
  });

  it('answers NOT_FOUND for unknown framework and parent ids, INVALID for garbage and other-type ids', async () => {
    const fw = await framework('rq-notfound');
    const missingFramework = Buffer.from('Framework:999999').toString('base64url');
    for (const frameworkId of ['garbage', otherTypeId, missingFramework]) {
      const r = await create({ frameworkId, refId: 'N' });
      const code = frameworkId === missingFramework ? 'NOT_FOUND' : 'INVALID';
      expect(r.userErrors).toEqual([{ field: ['input', 'frameworkId'], message: expect.any(String), code }]);
    }
    for (const parentId of ['garbage', otherTypeId, missingId]) {
      const r = await create({ frameworkId: fw, refId: 'N', parentId });
      const code = parentId === missingId ? 'NOT_FOUND' : 'INVALID';
      expect(r.userErrors).toEqual([{ field: ['input', 'parentId'], message: expect.any(String), code }]);
    }
  });
});

describe('requirement queries', () => {
  it('finds a requirement by id, by frameworkRefId + refId and through node', async () => {
    const fw = await framework('rq-find');
    const id = await req(fw, 'F-1');
    const d = await server.data(
      `query($id: ID!) {
        byId: requirement(id: $id) { refId framework { refId } }
        byRef: requirement(frameworkRefId: "rq-find", refId: "F-1") { id }
        node(id: $id) { id ... on Requirement { refId } }
        nodes(ids: [$id]) { id }
      }`,
      { id },
    );
    expect(d).toEqual({
      byId: { refId: 'F-1', framework: { refId: 'rq-find' } },
      byRef: { id },
      node: { id, refId: 'F-1' },
      nodes: [{ id }],
    });
  });

  it('answers null for unknown ids and refIds, BAD_USER_INPUT for garbage and other-type ids', async () => {
    for (const bad of [otherTypeId, 'garbage']) {
      const body = await server.gql(`query($id: ID!) { requirement(id: $id) { id } }`, { id: bad });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    const d = await server.data(
      `query($missing: ID!) {
        a: requirement(id: $missing) { id }
        d: requirement(frameworkRefId: "rq-find", refId: "nope") { id }
        e: requirement(frameworkRefId: "no-such-framework", refId: "F-1") { id }
        node(id: $missing) { id }
      }`,
      { missing: missingId },
    );
    expect(d).toEqual({ a: null, d: null, e: null, node: null });
  });

  it('rejects any other combination of arguments with BAD_USER_INPUT', async () => {
    for (const args of ['', 'frameworkRefId: "x"', 'refId: "x"', `id: "${missingId}", refId: "x"`, `id: "${missingId}", frameworkRefId: "x", refId: "y"`]) {
      const body = await server.gql(`{ requirement${args ? `(${args})` : ''} { id } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('walks the tree both ways: parent, children, ancestors', async () => {
    const fw = await framework('rq-tree');
    const root = await req(fw, 'R');
    const mid = await req(fw, 'R.1', { parentId: root });
    const leafB = await req(fw, 'R.1.b', { parentId: mid, sortOrder: 5 });
    await req(fw, 'R.1.a', { parentId: mid, sortOrder: 1 });
    const withdrawn = await req(fw, 'R.1.w', { parentId: mid });
    await server.data(UPDATE, { input: { id: withdrawn, withdrawn: true } });
    const d = await server.data(
      `query($id: ID!, $mid: ID!) {
        leaf: requirement(id: $id) { parent { refId parent { refId parent { id } } } ancestors { refId } }
        mid: requirement(id: $mid) {
          children { totalCount edges { node { refId } } }
          all: children(includeWithdrawn: true) { totalCount edges { node { refId } } }
          page: children(first: 1) { edges { node { refId } } pageInfo { hasNextPage endCursor } }
        }
      }`,
      { id: leafB, mid },
    );
    expect(d.leaf).toEqual({
      parent: { refId: 'R.1', parent: { refId: 'R', parent: null } },
      ancestors: [{ refId: 'R' }, { refId: 'R.1' }],
    });
    expect(d.mid.children.totalCount).toBe(2);
    expect(refIds(d.mid.children)).toEqual(['R.1.a', 'R.1.b']);
    expect(refIds(d.mid.all)).toEqual(['R.1.a', 'R.1.b', 'R.1.w']);
    expect(refIds(d.mid.page)).toEqual(['R.1.a']);
    expect(d.mid.page.pageInfo.hasNextPage).toBe(true);
    const next = await server.data(
      `query($mid: ID!, $after: String) { requirement(id: $mid) { children(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage } } } }`,
      { mid, after: d.mid.page.pageInfo.endCursor },
    );
    expect(next.requirement.children).toEqual({ edges: [{ node: { id: leafB } }], pageInfo: { hasNextPage: false } });
    const top = await server.data(`query($id: ID!) { requirement(id: $id) { ancestors { id } parent { id } } }`, { id: root });
    expect(top.requirement).toEqual({ ancestors: [], parent: null });
  });

  it('lists Framework.requirements top level by sortOrder and all by id, paged', async () => {
    const fw = await framework('rq-fw-list');
    const z = await req(fw, 'Z', { sortOrder: 2 });
    await req(fw, 'Y', { sortOrder: 1 });
    await req(fw, 'Z.1', { parentId: z });
    await req(fw, 'X', { sortOrder: 3 });
    await req(fw, 'W', { sortOrder: 0 });
    const wd = await req(fw, 'V-withdrawn', { sortOrder: -1 });
    await server.data(UPDATE, { input: { id: wd, withdrawn: true } });

    const q = `query($id: ID!, $top: Boolean, $wd: Boolean, $first: Int, $after: String) {
      framework(id: $id) { requirements(topLevelOnly: $top, includeWithdrawn: $wd, first: $first, after: $after) {
        totalCount edges { node { refId } } pageInfo { hasNextPage endCursor } } } }`;
    const top = (await server.data(q, { id: fw, top: true })).framework.requirements;
    expect(refIds(top)).toEqual(['W', 'Y', 'Z', 'X']);
    expect(top.totalCount).toBe(4);
    const all = (await server.data(q, { id: fw })).framework.requirements;
    expect(refIds(all)).toEqual(['Z', 'Y', 'Z.1', 'X', 'W']);
    expect(all.totalCount).toBe(5);
    const withWithdrawn = (await server.data(q, { id: fw, top: true, wd: true })).framework.requirements;
    expect(refIds(withWithdrawn)).toEqual(['V-withdrawn', 'W', 'Y', 'Z', 'X']);

    const p1 = (await server.data(q, { id: fw, top: true, first: 2 })).framework.requirements;
    expect(refIds(p1)).toEqual(['W', 'Y']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await server.data(q, { id: fw, top: true, first: 2, after: p1.pageInfo.endCursor })).framework.requirements;
    expect(refIds(p2)).toEqual(['Z', 'X']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(p2.totalCount).toBe(4);

    const bad = await server.gql(`query($id: ID!) { framework(id: $id) { requirements(first: 101) { totalCount } } }`, { id: fw });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists root requirements by framework then id, with filters, in pages', async () => {
    const fw1 = await framework('rq-root-1');
    const fw2 = await framework('rq-root-2');
    const p = await req(fw2, 'needle-parent', { statement: 'no match here' });
    await req(fw1, 'a-needle');
    await req(fw2, 'b', { title: 'has NEEDLE in title', parentId: p });
    await req(fw1, 'c', { statement: 'needle in statement' });
    const w = await req(fw1, 'needle-withdrawn');
    await server.data(UPDATE, { input: { id: w, withdrawn: true } });
    await req(fw1, 'unrelated');

    const q = `query($filter: RequirementFilter, $first: Int, $after: String) { requirements(filter: $filter, first: $first, after: $after) {
      totalCount edges { node { refId } } pageInfo { hasNextPage endCursor } } }`;
    const search = (await server.data(q, { filter: { search: 'needle' } })).requirements;
    expect(refIds(search)).toEqual(['a-needle', 'c', 'needle-parent', 'b']);
    expect(search.totalCount).toBe(4);
    const withWd = (await server.data(q, { filter: { search: 'needle', includeWithdrawn: true } })).requirements;
    expect(refIds(withWd)).toEqual(['a-needle', 'c', 'needle-withdrawn', 'needle-parent', 'b']);

    const page1 = (await server.data(q, { filter: { search: 'needle' }, first: 3 })).requirements;
    expect(refIds(page1)).toEqual(['a-needle', 'c', 'needle-parent']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await server.data(q, { filter: { search: 'needle' }, first: 3, after: page1.pageInfo.endCursor })).requirements;
    expect(refIds(page2)).toEqual(['b']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    expect(refIds((await server.data(q, { filter: { frameworkId: fw2 } })).requirements)).toEqual(['needle-parent', 'b']);
    expect(refIds((await server.data(q, { filter: { frameworkId: fw2, topLevelOnly: true } })).requirements)).toEqual(['needle-parent']);
    expect(refIds((await server.data(q, { filter: { parentId: p } })).requirements)).toEqual(['b']);
    const none = await server.gql(q, { filter: { frameworkId: 'garbage' } });
    expect(none.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);

    const bad = await server.gql(`{ requirements(after: "nope") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs a bounded number of statements for nested lists, whatever the number of frameworks', async () => {
    const prefix = 'rq-nplus1';
    const makeFramework = async (n: number) => {
      const fw = await framework(`${prefix}-${n}`);
      const top = await req(fw, 'T');
      await req(fw, 'T.1', { parentId: top });
      await req(fw, 'T.2', { parentId: top });
    };
    const query = `{ frameworks(filter: { search: "${prefix}" }, first: 50) { edges { node {
      requirements(topLevelOnly: true, first: 5) { totalCount edges { node {
        framework { refId } parent { id } ancestors { id }
        children { totalCount edges { node { refId parent { refId } } } } } } } } } } }`;
    const count = async () => {
      statements = [];
      const d = await server.data(query);
      return { n: statements.length, frameworks: d.frameworks.edges.length };
    };
    await makeFramework(1);
    await makeFramework(2);
    const small = await count();
    await makeFramework(3);
    await makeFramework(4);
    await makeFramework(5);
    const large = await count();
    expect(small.frameworks).toBe(2);
    expect(large.frameworks).toBe(5);
    expect(large.n).toBe(small.n);
    expect(large.n).toBeLessThanOrEqual(8);
  });
});

describe('requirementUpdate', () => {
  it('changes fields, clears optional ones and keeps omitted ones', async () => {
    const fw = await framework('rq-upd');
    const id = await req(fw, 'U', { sourceId: 'u-src', kind: 'article', statement: 'old' });
    const d = await server.data(UPDATE, { input: { id, title: 'New title', statement: 'new', sourceId: '', withdrawn: true, sortOrder: 7 } });
    expect(d.requirementUpdate).toEqual({
      requirement: { id, refId: 'U', sourceId: null, title: 'New title', statement: 'new', kind: 'article', withdrawn: true, sortOrder: 7, parent: null },
      userErrors: [],
    });
    const renamed = await server.data(UPDATE, { input: { id, refId: 'U2', kind: '' } });
    expect(renamed.requirementUpdate.requirement).toMatchObject({ refId: 'U2', kind: null, title: 'New title' });
  });

  it('moves a requirement to another parent, after its last child, and back to the top level', async () => {
    const fw = await framework('rq-move');
    const a = await req(fw, 'A');
    const b = await req(fw, 'B');
    await req(fw, 'B.1', { parentId: b, sortOrder: 4 });
    const a1 = await req(fw, 'A.1', { parentId: a });
    const moved = await server.data(UPDATE, { input: { id: a1, parentId: b } });
    expect(moved.requirementUpdate.requirement).toMatchObject({ parent: { id: b }, sortOrder: 5 });
    const top = await server.data(UPDATE, { input: { id: a1, makeTopLevel: true } });
    expect(top.requirementUpdate.requirement).toMatchObject({ parent: null, sortOrder: 2 });
    const explicit = await server.data(UPDATE, { input: { id: a1, parentId: a, sortOrder: 9 } });
    expect(explicit.requirementUpdate.requirement).toMatchObject({ parent: { id: a }, sortOrder: 9 });
  });

  it('refuses cycles, foreign parents, duplicates and contradictory input', async () => {
    const fw = await framework('rq-upd-err');
    const other = await framework('rq-upd-err-other');
    const a = await req(fw, 'A');
    const a1 = await req(fw, 'A.1', { parentId: a });
    const a11 = await req(fw, 'A.1.1', { parentId: a1 });
    await req(fw, 'B');
    const foreign = await req(other, 'F');
    const errorOf = async (input: Record<string, unknown>) => (await server.data(UPDATE, { input })).requirementUpdate;

    for (const parentId of [a, a1, a11]) {
      const r = await errorOf({ id: a, parentId });
      expect(r).toEqual({ requirement: null, userErrors: [{ field: ['input', 'parentId'], message: expect.stringContaining('descendants'), code: 'INVALID' }] });
    }
    expect((await errorOf({ id: a1, parentId: foreign })).userErrors).toEqual([
      { field: ['input', 'parentId'], message: expect.stringContaining('same framework'), code: 'INVALID' },
    ]);
    expect((await errorOf({ id: a1, parentId: missingId })).userErrors[0]).toMatchObject({ field: ['input', 'parentId'], code: 'NOT_FOUND' });
    expect((await errorOf({ id: a1, parentId: a, makeTopLevel: true })).userErrors[0]).toMatchObject({ field: ['input', 'makeTopLevel'], code: 'INVALID' });
    expect((await errorOf({ id: a1, refId: 'B' })).userErrors).toEqual([
      { field: ['input', 'refId'], message: expect.stringContaining('exists'), code: 'DUPLICATE' },
    ]);
    expect((await errorOf({ id: a1, title: ' ' })).userErrors[0]).toMatchObject({ field: ['input', 'title'], code: 'INVALID' });
    for (const id of ['garbage', otherTypeId, missingId]) {
      expect((await errorOf({ id, title: 'x' })).userErrors[0]).toMatchObject({ field: ['input', 'id'], code: id === missingId ? 'NOT_FOUND' : 'INVALID' });
    }
    // Nothing moved.
    const d = await server.data(`query($id: ID!) { requirement(id: $id) { parent { refId } refId } }`, { id: a1 });
    expect(d.requirement).toEqual({ parent: { refId: 'A' }, refId: 'A.1' });
  });
});

describe('requirementDelete', () => {
  const store = () => server.instance.store;

  it('retires a requirement on delete, keeping its retired history and retiring its applicability marks', async () => {
    const fw = await framework('rq-del');
    const other = await framework('rq-del-other');
    const id = await req(fw, 'D');
    const peer = await req(other, 'P');
    const link = await server.data(
      `mutation($s: ID!, $t: ID!) { requirementLinkCreate(input: { sourceRequirementId: $s, targetRequirementId: $t, relationship: EQUAL }) { requirementLink { id } userErrors { code } } }`,
      { s: id, t: peer },
    );
    await server.data(`mutation($id: ID!) { requirementLinkRetire(input: { id: $id }) { userErrors { code } } }`, {
      id: link.requirementLinkCreate.requirementLink.id,
    });
    await server.data(
      `mutation($id: ID!) { applicabilitySet(input: { requirementId: $id, applicable: false, justification: "n/a" }) { userErrors { code } } }`,
      { id },
    );
    const now = new Date();
    const mappingId = await store().transaction(async (tx) => {
      const { controls, mappings, mappingRevisions } = tablesOf(tx);
      const control = await returned(tx.insert(controls).values({ refId: 'rq-del-ctl', title: 'c', type: 'PREVENTIVE', implementationStatus: 'PLANNED', createdAt: now, updatedAt: now }).returning());
      const m = await returned(tx.insert(mappings).values({ requirementId: rowId(id), controlId: control.id, relationship: 'EQUAL', createdAt: now, createdBy: 't', updatedAt: now, retiredAt: now, retiredBy: 't' }).returning());
      await tx.insert(mappingRevisions).values({ mappingId: m.id, relationship: 'EQUAL', validFrom: now, changedBy: 't' });
      return m.id;
    });

    const d = await server.data(DELETE, { input: { id } });
    expect(d.requirementDelete).toEqual({ deletedId: id, userErrors: [] });
    const after = await server.data(`query($id: ID!) { requirement(id: $id) { id retiredAt } byRef: requirement(frameworkRefId: "rq-del", refId: "D") { id } }`, { id });
    expect(after).toEqual({ requirement: { id, retiredAt: expect.any(String) }, byRef: null });
    const { mappings, mappingRevisions, requirementLinks, notApplicableMarks } = tablesOf(store().read);
    const [left] = await rows<{ m: number; r: number; l: number; n: number }>(store().read, sql`SELECT
      (SELECT count(*) FROM ${mappings} WHERE id = ${mappingId}) AS m,
      (SELECT count(*) FROM ${mappingRevisions} WHERE mapping_id = ${mappingId}) AS r,
      (SELECT count(*) FROM ${requirementLinks} WHERE source_requirement_id = ${rowId(id)}) AS l,
      (SELECT count(*) FROM ${notApplicableMarks} WHERE requirement_id = ${rowId(id)} AND retired_at IS NOT NULL) AS n`);
    expect(left).toEqual({ m: 1, r: 1, l: 1, n: 1 });
    expect((await server.data(DELETE, { input: { id } })).requirementDelete.userErrors[0].code).toBe('NOT_FOUND');
    expect((await server.data(DELETE, { input: { id: 'garbage' } })).requirementDelete.userErrors[0].code).toBe('INVALID');
  });

  it('refuses with IN_USE while it has children, a live mapping, a live link or linked threats', async () => {
    const fw = await framework('rq-del-used');
    const other = await framework('rq-del-used-other');
    const catalog = await framework('rq-del-used-threats', 'THREAT_CATALOG');
    const expectInUse = async (id: string, what: string) => {
      const d = await server.data(DELETE, { input: { id } });
      expect(d.requirementDelete).toEqual({
        deletedId: null,
        userErrors: [{ field: ['input', 'id'], message: expect.stringContaining(what), code: 'IN_USE' }],
      });
    };

    const parent = await req(fw, 'Parent');
    await req(fw, 'Child', { parentId: parent });
    await expectInUse(parent, 'child');

    const linked = await req(fw, 'Linked');
    const peer = await req(other, 'Peer');
    await server.data(
      `mutation($s: ID!, $t: ID!) { requirementLinkCreate(input: { sourceRequirementId: $s, targetRequirementId: $t, relationship: SUBSET_OF }) { userErrors { code } } }`,
      { s: peer, t: linked },
    );
    await expectInUse(linked, 'crosswalk link');
    await expectInUse(peer, 'crosswalk link');

    const threatened = await req(fw, 'Threatened');
    const t = await server.data(
      `mutation($fw: ID!) { threatCreate(input: { frameworkId: $fw, refId: "T1", name: "t" }) { threat { id } } }`,
      { fw: catalog },
    );
    await server.data(
      `mutation($t: ID!, $r: ID!) { threatRequirementLink(input: { threatId: $t, requirementId: $r }) { userErrors { code } } }`,
      { t: t.threatCreate.threat.id, r: threatened },
    );
    await expectInUse(threatened, 'threat');

    const mapped = await req(fw, 'Mapped');
    const now = new Date();
    await store().transaction(async (tx) => {
      const { controls, mappings } = tablesOf(tx);
      const control = await returned(tx.insert(controls).values({ refId: 'rq-del-used-ctl', title: 'c', type: 'DETECTIVE', implementationStatus: 'PLANNED', createdAt: now, updatedAt: now }).returning());
      await tx.insert(mappings).values({ requirementId: rowId(mapped), controlId: control.id, relationship: 'EQUAL', createdAt: now, createdBy: 't', updatedAt: now });
    });
    await expectInUse(mapped, 'mapping');
    await store().transaction(async (tx) => {
      const { mappings } = tablesOf(tx);
      await tx.update(mappings).set({ retiredAt: now, retiredBy: 't' }).where(eq(mappings.requirementId, rowId(mapped)));
    });
    expect((await server.data(DELETE, { input: { id: mapped } })).requirementDelete.userErrors).toEqual([]);
  });
});
