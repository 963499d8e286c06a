import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql) => statements.push(sql) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const ERRORS = 'userErrors { field message code }';
const CONTROL_FIELDS = 'id refId title description domain type implementationStatus owner createdAt updatedAt';
const CREATE = `mutation($input: ControlCreateInput!) {
  controlCreate(input: $input) { control { ${CONTROL_FIELDS} } ${ERRORS} }
}`;
const UPDATE = `mutation($input: ControlUpdateInput!) {
  controlUpdate(input: $input) { control { ${CONTROL_FIELDS} } ${ERRORS} }
}`;
const STATUS = `mutation($input: ControlStatusSetInput!) {
  controlStatusSet(input: $input) { control { id implementationStatus updatedAt } ${ERRORS} }
}`;
const DELETE = `mutation($input: ControlDeleteInput!) {
  controlDelete(input: $input) { deletedId ${ERRORS} }
}`;
const HISTORY = `query($id: ID!, $system: ID, $first: Int, $after: String) {
  control(id: $id) {
    statusHistory(aiSystemId: $system, first: $first, after: $after) {
      totalCount
      edges { cursor node { id fromStatus toStatus comment changedAt changedBy aiSystem { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const foreignId = Buffer.from('Framework:1').toString('base64url');
const unknownId = Buffer.from('Control:999999').toString('base64url');
/** The user error for a bad control id: INVALID for garbage and other types' ids, NOT_FOUND for an unknown control. */
const badIdError = (id: string, field: string[]) =>
  id === unknownId ? { field, message: 'control not found', code: 'NOT_FOUND' } : { field, message: expect.stringContaining('Control id'), code: 'INVALID' };

async function create(refId: string, extra: Record<string, unknown> = {}) {
  const d = await server.data(CREATE, { input: { refId, title: `Control ${refId}`, type: 'PREVENTIVE', ...extra } });
  return d.controlCreate;
}

async function history(id: string, system?: string) {
  return (await server.data(HISTORY, { id, system })).control.statusHistory;
}

describe('controls', () => {
  it('creates a control with defaults and a first history row, and finds it by id, refId and node', async () => {
    const { control, userErrors } = await create('CTL-CREATE', {
      description: 'Keys rotate yearly',
      domain: 'Cryptography',
      owner: 'secops',
    });
    expect(userErrors).toEqual([]);
    expect(control).toMatchObject({
      refId: 'CTL-CREATE',
      title: 'Control CTL-CREATE',
      description: 'Keys rotate yearly',
      domain: 'Cryptography',
      type: 'PREVENTIVE',
      implementationStatus: 'NOT_IMPLEMENTED',
      owner: 'secops',
    });
    expect(control.createdAt).toBe(control.updatedAt);
    const d = await server.data(
      `query($id: ID!) { byId: control(id: $id) { refId } byRef: control(refId: "CTL-CREATE") { id }
        node(id: $id) { ... on Control { refId } } }`,
      { id: control.id },
    );
    expect(d).toEqual({ byId: { refId: 'CTL-CREATE' }, byRef: { id: control.id }, node: { refId: 'CTL-CREATE' } });

    const h = await history(control.id);
    expect(h.totalCount).toBe(1);
    expect(h.edges[0].node).toMatchObject({
      fromStatus: null,
      toStatus: 'NOT_IMPLEMENTED',
      comment: null,
      changedBy: 'token:1',
      changedAt: control.createdAt,
      aiSystem: null,
    });
    const n = await server.data(`query($id: ID!) { node(id: $id) { ... on ControlStatusChange { toStatus } } }`, {
      id: h.edges[0].node.id,
    });
    expect(n.node).toEqual({ toStatus: 'NOT_IMPLEMENTED' });
  });

  it('records an explicit initial status as the first history row', async () => {
    const { control } = await create('CTL-INITIAL', { implementationStatus: 'IMPLEMENTED', type: 'DETECTIVE' });
    expect(control).toMatchObject({ implementationStatus: 'IMPLEMENTED', type: 'DETECTIVE', domain: '', owner: null });
    const h = await history(control.id);
    expect(h.edges.map((e: any) => [e.node.fromStatus, e.node.toStatus])).toEqual([[null, 'IMPLEMENTED']]);
  });

  it('refuses a duplicate refId and invalid fields with userErrors', async () => {
    await create('CTL-DUP');
    const dup = await create('CTL-DUP');
    expect(dup).toEqual({
      control: null,
      userErrors: [{ field: ['input', 'refId'], message: expect.stringContaining('exists'), code: 'DUPLICATE' }],
    });
    const bad = await create(' CTL-PADDED', { title: '  ', domain: ' spaced ' });
    expect(bad.control).toBeNull();
    expect(bad.userErrors.every((e: any) => e.code === 'INVALID')).toBe(true);
    expect(bad.userErrors.map((e: any) => e.field.join('.')).sort()).toEqual(['input.domain', 'input.refId', 'input.title']);
    const none = await server.data(`{ control(refId: " CTL-PADDED") { id } }`);
    expect(none.control).toBeNull();
  });

  it('updates descriptive fields, clears the owner with an empty string, and never touches the status', async () => {
    const { control } = await create('CTL-UPD', { owner: 'alice', domain: 'Access', implementationStatus: 'PLANNED' });
    const d = await server.data(UPDATE, {
      input: { id: control.id, title: 'Renamed', type: 'CORRECTIVE', owner: '', description: 'New text' },
    });
    expect(d.controlUpdate.userErrors).toEqual([]);
    expect(d.controlUpdate.control).toMatchObject({
      id: control.id,
      refId: 'CTL-UPD',
      title: 'Renamed',
      type: 'CORRECTIVE',
      owner: null,
      domain: 'Access',
      description: 'New text',
      implementationStatus: 'PLANNED',
    });
    expect((await history(control.id)).totalCount).toBe(1);

    const renamed = await server.data(UPDATE, { input: { id: control.id, refId: 'CTL-UPD-2' } });
    expect(renamed.controlUpdate.control.refId).toBe('CTL-UPD-2');
  });

  it('refuses updates to unknown ids, taken refIds and invalid values', async () => {
    const { control } = await create('CTL-UPD-BAD');
    await create('CTL-TAKEN');
    for (const id of ['garbage', foreignId, unknownId]) {
      const r = await server.data(UPDATE, { input: { id, title: 'x' } });
      expect(r.controlUpdate).toEqual({
        control: null,
        userErrors: [badIdError(id, ['input', 'id'])],
      });
    }
    const taken = await server.data(UPDATE, { input: { id: control.id, refId: 'CTL-TAKEN' } });
    expect(taken.controlUpdate.userErrors).toEqual([
      { field: ['input', 'refId'], message: expect.any(String), code: 'DUPLICATE' },
    ]);
    const blank = await server.data(UPDATE, { input: { id: control.id, title: ' ' } });
    expect(blank.controlUpdate.userErrors).toEqual([
      { field: ['input', 'title'], message: 'must not be blank', code: 'INVALID' },
    ]);
  });

  it('sets the status, appends history newest first, and treats the same status as a no-op', async () => {
    const { control } = await create('CTL-STATUS');
    const a = await server.data(STATUS, { input: { controlId: control.id, status: 'IN_PROGRESS', comment: 'started' } });
    expect(a.controlStatusSet.userErrors).toEqual([]);
    expect(a.controlStatusSet.control.implementationStatus).toBe('IN_PROGRESS');
    const b = await server.data(STATUS, { input: { controlId: control.id, status: 'IMPLEMENTED' } });
    expect(b.controlStatusSet.control.implementationStatus).toBe('IMPLEMENTED');

    const same = await server.data(STATUS, { input: { controlId: control.id, status: 'IMPLEMENTED', comment: 'again' } });
    expect(same.controlStatusSet).toEqual({ control: b.controlStatusSet.control, userErrors: [] });

    const h = await history(control.id);
    expect(h.totalCount).toBe(3);
    expect(h.edges.map((e: any) => [e.node.fromStatus, e.node.toStatus, e.node.comment])).toEqual([
      ['IN_PROGRESS', 'IMPLEMENTED', null],
      ['NOT_IMPLEMENTED', 'IN_PROGRESS', 'started'],
      [null, 'NOT_IMPLEMENTED', null],
    ]);
    expect(h.edges[0].node.changedAt).toBe(b.controlStatusSet.control.updatedAt);

    // paging the history
    const p1 = (await server.data(HISTORY, { id: control.id, first: 2 })).control.statusHistory;
    expect(p1.edges.map((e: any) => e.node.toStatus)).toEqual(['IMPLEMENTED', 'IN_PROGRESS']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await server.data(HISTORY, { id: control.id, first: 2, after: p1.pageInfo.endCursor })).control
      .statusHistory;
    expect(p2.edges.map((e: any) => e.node.toStatus)).toEqual(['NOT_IMPLEMENTED']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });

  it('answers NOT_FOUND when setting the status of an unknown control', async () => {
    for (const controlId of ['garbage', foreignId, unknownId]) {
      const r = await server.data(STATUS, { input: { controlId, status: 'PLANNED' } });
      expect(r.controlStatusSet).toEqual({
        control: null,
        userErrors: [badIdError(controlId, ['input', 'controlId'])],
      });
    }
  });

  it("lists an AI system's override history only when asked for it", async () => {
    const { control } = await create('CTL-SYSTEM');
    const sys = await server.data(
      `mutation { aiSystemCreate(input: { name: "ctl-test-system", riskLevel: HIGH, role: PROVIDER }) { aiSystem { id name } userErrors { code message } } }`,
    );
    expect(sys.aiSystemCreate.userErrors).toEqual([]);
    const system = sys.aiSystemCreate.aiSystem;
    const set = await server.data(
      `mutation($input: AISystemControlStatusSetInput!) { aiSystemControlStatusSet(input: $input) { userErrors { code message } } }`,
      { input: { aiSystemId: system.id, controlId: control.id, status: 'IMPLEMENTED', comment: 'done for this one' } },
    );
    expect(set.aiSystemControlStatusSet.userErrors).toEqual([]);

    const own = await history(control.id);
    expect(own.edges.map((e: any) => e.node.toStatus)).toEqual(['NOT_IMPLEMENTED']);
    const forSystem = await history(control.id, system.id);
    expect(forSystem.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'IMPLEMENTED',
        comment: 'done for this one',
        aiSystem: system,
      }),
    ]);
    const garbage = await server.gql(`query($id: ID!) { control(id: $id) { statusHistory(aiSystemId: "garbage") { totalCount } } }`, { id: control.id });
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // the control's own status is unchanged
    const c = await server.data(`query($id: ID!) { control(id: $id) { implementationStatus } }`, { id: control.id });
    expect(c.control.implementationStatus).toBe('NOT_IMPLEMENTED');
  });

  it('retires a control on delete: kept with its history, resolvable by id, absent from lists, NOT_FOUND for writes', async () => {
    const { control } = await create('CTL-DELETE');
    await server.data(STATUS, { input: { controlId: control.id, status: 'PLANNED' } });
    const changeId = (await history(control.id)).edges[0].node.id;
    const d = await server.data(DELETE, { input: { id: control.id } });
    expect(d.controlDelete).toEqual({ deletedId: control.id, userErrors: [] });
    const after = await server.data(
      `query($id: ID!, $c: ID!) { control(id: $id) { id retiredAt statusHistory { edges { node { toStatus } } } } node(id: $c) { id }
        byRef: control(refId: "CTL-DELETE") { id } controls(filter: { search: "CTL-DELETE" }) { totalCount } }`,
      { id: control.id, c: changeId },
    );
    expect(after.control.id).toBe(control.id);
    expect(after.control.retiredAt).toEqual(expect.any(String));
    // The history ends with the delete: a change to no status.
    expect(after.control.statusHistory.edges.map((e: any) => e.node.toStatus)).toEqual([null, 'PLANNED', expect.any(String)]);
    expect(after.node).toEqual({ id: changeId });
    expect(after.byRef).toBeNull();
    expect(after.controls.totalCount).toBe(0);
    for (const id of [control.id, 'garbage', foreignId]) {
      const again = await server.data(DELETE, { input: { id } });
      expect(again.controlDelete).toEqual({
        deletedId: null,
        userErrors: [id === control.id ? { field: ['input', 'id'], message: 'control not found', code: 'NOT_FOUND' } : badIdError(id, ['input', 'id'])],
      });
    }
  });

  it('refuses to delete a control with evidence attached (IN_USE)', async () => {
    const { control } = await create('CTL-EVIDENCE');
    const e = await server.data(
      `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } userErrors { code } } }`,
      { input: { kind: 'ATTESTATION', title: 'Signed by CISO', controlIds: [control.id] } },
    );
    expect(e.evidenceCreate.userErrors).toEqual([]);
    const d = await server.data(DELETE, { input: { id: control.id } });
    expect(d.controlDelete).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'id'], message: expect.stringContaining('evidence'), code: 'IN_USE' }],
    });
    const still = await server.data(`query($id: ID!) { control(id: $id) { refId } }`, { id: control.id });
    expect(still.control).toEqual({ refId: 'CTL-EVIDENCE' });
  });

  it('answers null for unknown ids, BAD_USER_INPUT for an id of another type, and needs exactly one of id and refId', async () => {
    const d = await server.data(`query($a: ID!) { a: control(id: $a) { id } c: control(refId: "nope") { id } }`, { a: unknownId });
    expect(d).toEqual({ a: null, c: null });
    const foreign = await server.gql(`query($b: ID!) { control(id: $b) { id } }`, { b: foreignId });
    expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    for (const args of ['', '(id: "x", refId: "y")']) {
      const body = await server.gql(`{ control${args} { id } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('pages through controls in refId order with filters, cursors and totalCount', async () => {
    await create('LST-C', { domain: 'Zeta logging', type: 'DETECTIVE' });
    await create('LST-A', { domain: 'Alpha access', description: 'needle in text' });
    await create('LST-B', { domain: 'Alpha access', type: 'CORRECTIVE', implementationStatus: 'IMPLEMENTED' });
    await create('LST-D', { domain: 'Mid monitoring', type: 'DETECTIVE', implementationStatus: 'IMPLEMENTED' });
    const q = `query($filter: ControlFilter, $first: Int, $after: String) { controls(filter: $filter, first: $first, after: $after) {
      totalCount edges { cursor node { refId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const refs = (c: any) => c.edges.map((e: any) => e.node.refId);

    const first = (await server.data(q, { filter: { search: 'lst-' }, first: 3 })).controls;
    expect(first.totalCount).toBe(4);
    expect(refs(first)).toEqual(['LST-A', 'LST-B', 'LST-C']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor });
    const second = (await server.data(q, { filter: { search: 'lst-' }, first: 3, after: first.pageInfo.endCursor })).controls;
    expect(refs(second)).toEqual(['LST-D']);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const by = async (filter: Record<string, unknown>) => refs((await server.data(q, { filter: { search: 'LST', ...filter } })).controls);
    expect(await by({ domain: 'Alpha access' })).toEqual(['LST-A', 'LST-B']);
    expect(await by({ domains: ['Zeta logging', 'Mid monitoring'] })).toEqual(['LST-C', 'LST-D']);
    expect(await by({ types: ['DETECTIVE'] })).toEqual(['LST-C', 'LST-D']);
    expect(await by({ statuses: ['IMPLEMENTED'] })).toEqual(['LST-B', 'LST-D']);
    expect(await by({ types: ['DETECTIVE'], statuses: ['IMPLEMENTED'] })).toEqual(['LST-D']);
    expect(refs((await server.data(q, { filter: { search: 'NEEDLE' } })).controls)).toEqual(['LST-A']);
    expect(refs((await server.data(q, { filter: { search: '%' } })).controls)).toEqual([]);

    const empty = (await server.data(q, { filter: { search: 'lst-' }, first: 0 })).controls;
    expect(empty).toMatchObject({ totalCount: 4, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });

    const domains = (await server.data(`{ controlDomains }`)).controlDomains;
    expect(domains).toEqual(expect.arrayContaining(['Alpha access', 'Mid monitoring', 'Zeta logging']));
    expect(domains).toEqual([...new Set(domains)].sort());
    expect(domains).not.toContain('');
  });

  it('rejects bad page sizes and foreign cursors with BAD_USER_INPUT', async () => {
    for (const args of ['first: 101', 'first: -1', 'after: "not-a-cursor"']) {
      const body = await server.gql(`{ controls(${args}) { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('loads nested edges of many controls in a bounded number of statements', async () => {
    for (let i = 0; i < 6; i++) {
      const { control } = await create(`NEST-${i}`);
      await server.data(STATUS, { input: { controlId: control.id, status: 'PLANNED' } });
    }
    const q = `{ controls(filter: { search: "NEST-" }, first: 50) { edges { node { refId
      statusHistory { totalCount edges { node { toStatus aiSystem { id } } } }
      mappings(includeRetired: true) { totalCount }
      requirements { totalCount }
      evidence { edges { node { controls { totalCount } reviews { status } aiSystem { id } } } } } } } }`;
    statements = [];
    const d = await server.data(q);
    expect(d.controls.edges).toHaveLength(6);
    expect(d.controls.edges[0].node.statusHistory.totalCount).toBe(2);
    // a fixed number of statements per edge kind, whatever the number of controls: controls, status
    // history (its counts and its page per control), mappings, requirements, evidence
    expect(statements.length).toBe(6);
  });
});
