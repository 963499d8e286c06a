import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';
import { returned, tablesOf } from '../../src/db/dialect.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (q) => statements.push(q) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const MARK = 'id aiSystemId aiSystem { name } justification createdBy retiredAt retiredBy requirement { refId }';
const SET = `mutation($input: ApplicabilitySetInput!) { applicabilitySet(input: $input) {
  requirement { id refId } notApplicableMark { ${MARK} } userErrors { field message code } } }`;
const MARKS = `query($id: ID!, $system: ID, $retired: Boolean, $first: Int, $after: String) { requirement(id: $id) {
  applicable(aiSystemId: $system)
  notApplicable(aiSystemId: $system, includeRetired: $retired, first: $first, after: $after) {
    totalCount edges { node { ${MARK} } } pageInfo { hasNextPage endCursor } } } }`;

let counter = 0;
async function requirement(): Promise<string> {
  counter += 1;
  const fw = await server.data(
    `mutation($input: FrameworkCreateInput!) { frameworkCreate(input: $input) { framework { id } } }`,
    { input: { refId: `ap-fw-${counter}`, name: 'fw', kind: 'REGULATION' } },
  );
  const r = await server.data(
    `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { requirement { id } userErrors { code } } }`,
    { input: { frameworkId: fw.frameworkCreate.framework.id, refId: `R${counter}`, title: 'r' } },
  );
  return r.requirementCreate.requirement.id;
}

async function aiSystem(name: string): Promise<string> {
  const now = new Date();
  const row = await server.instance.store.transaction(async (tx) =>
    returned(tx.insert(tablesOf(tx).aiSystems).values({ name, riskLevel: 'HIGH', role: 'PROVIDER', createdAt: now, updatedAt: now }).returning()),
  );
  return toGlobalId('AISystem', row.id);
}

const set = async (input: Record<string, unknown>) => (await server.data(SET, { input })).applicabilitySet;
const marks = async (vars: Record<string, unknown>) => (await server.data(MARKS, vars)).requirement;

describe('applicabilitySet', () => {
  it('marks a requirement not applicable organisation-wide, replaces the mark and marks it applicable again', async () => {
    const id = await requirement();
    const first = await set({ requirementId: id, applicable: false, justification: 'not our business' });
    expect(first.userErrors).toEqual([]);
    expect(first.requirement.id).toBe(id);
    expect(first.notApplicableMark).toMatchObject({
      aiSystemId: null,
      aiSystem: null,
      justification: 'not our business',
      createdBy: 'token:1',
      retiredAt: null,
    });
    expect((await marks({ id })).applicable).toBe(false);

    const second = await set({ requirementId: id, applicable: false, justification: 'still not' });
    const history = await marks({ id, retired: true });
    expect(history.notApplicable.edges.map((e: any) => [e.node.justification, e.node.retiredAt === null])).toEqual([
      ['not our business', false],
      ['still not', true],
    ]);
    expect(history.notApplicable.edges[0].node.retiredBy).toBe('token:1');
    const live = await marks({ id });
    expect(live.notApplicable.edges.map((e: any) => e.node.id)).toEqual([second.notApplicableMark.id]);

    const back = await set({ requirementId: id, applicable: true });
    expect(back).toEqual({ requirement: { id, refId: expect.any(String) }, notApplicableMark: null, userErrors: [] });
    const after = await marks({ id, retired: true });
    expect(after.applicable).toBe(true);
    expect(after.notApplicable.totalCount).toBe(2);
    expect(after.notApplicable.edges.every((e: any) => e.node.retiredAt !== null)).toBe(true);

    // Applicable again when already applicable: no change, no error.
    const noop = await set({ requirementId: id, applicable: true });
    expect(noop.userErrors).toEqual([]);
    expect((await marks({ id, retired: true })).notApplicable.totalCount).toBe(2);
  });

  it('requires a non-blank justification to mark a requirement not applicable', async () => {
    const id = await requirement();
    for (const justification of [undefined, null, '', '   ']) {
      expect(await set({ requirementId: id, applicable: false, justification })).toEqual({
        requirement: null,
        notApplicableMark: null,
        userErrors: [{ field: ['input', 'justification'], message: expect.stringContaining('justification'), code: 'INVALID' }],
      });
    }
    expect((await marks({ id, retired: true })).notApplicable.totalCount).toBe(0);
  });

  it('scopes marks to an AI system; organisation-wide marks cover every system', async () => {
    const id = await requirement();
    const sysA = await aiSystem('ap-system-a');
    const sysB = await aiSystem('ap-system-b');
    const forA = await set({ requirementId: id, aiSystemId: sysA, applicable: false, justification: 'A does not train models' });
    expect(forA.notApplicableMark).toMatchObject({ aiSystemId: sysA, aiSystem: { name: 'ap-system-a' } });

    expect(await marks({ id })).toMatchObject({ applicable: true, notApplicable: { totalCount: 0 } });
    expect(await marks({ id, system: sysA })).toMatchObject({ applicable: false, notApplicable: { totalCount: 1 } });
    expect(await marks({ id, system: sysB })).toMatchObject({ applicable: true, notApplicable: { totalCount: 0 } });

    await set({ requirementId: id, applicable: false, justification: 'nobody here' });
    expect(await marks({ id, system: sysB })).toMatchObject({ applicable: false, notApplicable: { totalCount: 1 } });
    const both = await marks({ id, system: sysA });
    expect(both.notApplicable.edges.map((e: any) => e.node.aiSystemId)).toEqual([sysA, null]);

    // Marking system A applicable retires only A's mark; the organisation-wide one stays.
    await set({ requirementId: id, aiSystemId: sysA, applicable: true });
    const afterA = await marks({ id, system: sysA });
    expect(afterA.applicable).toBe(false);
    expect(afterA.notApplicable.edges.map((e: any) => e.node.aiSystemId)).toEqual([null]);

    const p1 = (await marks({ id, system: sysA, retired: true, first: 1 })).notApplicable;
    expect(p1.edges.map((e: any) => e.node.aiSystemId)).toEqual([sysA]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await marks({ id, system: sysA, retired: true, first: 1, after: p1.pageInfo.endCursor })).notApplicable;
    expect(p2.edges.map((e: any) => e.node.aiSystemId)).toEqual([null]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });

  it('answers NOT_FOUND for unknown requirements and AI systems, INVALID for malformed and other-type ids', async () => {
    const id = await requirement();
    const codeOf = (value: string) => ([toGlobalId('Requirement', 999999), toGlobalId('AISystem', 999999)].includes(value) ? 'NOT_FOUND' : 'INVALID');
    for (const requirementId of ['garbage', toGlobalId('Control', 1), toGlobalId('Requirement', 999999)]) {
      expect((await set({ requirementId, applicable: false, justification: 'x' })).userErrors).toEqual([
        { field: ['input', 'requirementId'], message: expect.any(String), code: codeOf(requirementId) },
      ]);
    }
    for (const aiSystemId of ['garbage', toGlobalId('Requirement', 1), toGlobalId('AISystem', 999999)]) {
      expect((await set({ requirementId: id, aiSystemId, applicable: false, justification: 'x' })).userErrors).toEqual([
        { field: ['input', 'aiSystemId'], message: expect.any(String), code: codeOf(aiSystemId) },
      ]);
    }
  });

  it('finds marks through node(id) and answers null for unknown mark ids', async () => {
    const id = await requirement();
    const mark = (await set({ requirementId: id, applicable: false, justification: 'why' })).notApplicableMark;
    const d = await server.data(
      `query($id: ID!, $missing: ID!) { node(id: $id) { id ... on NotApplicableMark { justification requirement { id } } } missing: node(id: $missing) { id } }`,
      { id: mark.id, missing: toGlobalId('NotApplicableMark', 999999) },
    );
    expect(d).toEqual({ node: { id: mark.id, justification: 'why', requirement: { id } }, missing: null });
  });

  it('loads marks of many requirements with a bounded number of statements', async () => {
    const query = `{ requirements(filter: { search: "R" }, first: 100) { edges { node { applicable notApplicable { totalCount edges { node { requirement { id } } } } } } } }`;
    const count = async () => {
      statements = [];
      await server.data(query);
      return statements.length;
    };
    // The first read after a start (or after what other tests wrote) may build the coverage graph
    // from scratch; both measured reads below then only patch it with the rows written since.
    await count();
    // Some marked requirements first (whatever ran before): the loaders then run at all.
    for (let i = 0; i < 2; i++) await set({ requirementId: await requirement(), applicable: false, justification: 'x' });
    const small = await count();
    for (let i = 0; i < 4; i++) await set({ requirementId: await requirement(), applicable: false, justification: 'x' });
    expect(await count()).toBe(small);
  });
});
