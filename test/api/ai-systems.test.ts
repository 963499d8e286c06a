import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';
import { returned, tablesOf } from '../../src/db/dialect.js';

let server: TestServer;
const statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql) => statements.push(sql) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server?.close());

const ERRORS = 'userErrors { field message code }';
const SYSTEM = 'id name description purpose riskLevel role owner';
const CREATE = `mutation($input: AISystemCreateInput!) { aiSystemCreate(input: $input) { aiSystem { ${SYSTEM} } ${ERRORS} } }`;
const UPDATE = `mutation($input: AISystemUpdateInput!) { aiSystemUpdate(input: $input) { aiSystem { ${SYSTEM} } ${ERRORS} } }`;
const DELETE = `mutation($input: AISystemDeleteInput!) { aiSystemDelete(input: $input) { deletedId ${ERRORS} } }`;
const SET_FRAMEWORKS = `mutation($input: AISystemFrameworkSetInput!) {
  aiSystemFrameworkSet(input: $input) { aiSystem { id frameworks { totalCount edges { node { refId } } } } ${ERRORS} } }`;
const SET_STATUS = `mutation($input: AISystemControlStatusSetInput!) {
  aiSystemControlStatusSet(input: $input) {
    controlStatus { status comment updatedBy aiSystem { name } control { refId } }
    aiSystem { name } control { refId }
    change { id fromStatus toStatus comment changedBy aiSystem { name } }
    ${ERRORS} } }`;

const foreignId = (type: string, id = 1) => Buffer.from(`${type}:${id}`).toString('base64url');

async function createSystem(name: string, extra: Record<string, unknown> = {}) {
  const d = await server.data(CREATE, { input: { name, riskLevel: 'HIGH', role: 'PROVIDER', ...extra } });
  return d.aiSystemCreate;
}

async function systemId(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await createSystem(name, extra);
  expect(r.userErrors).toEqual([]);
  return r.aiSystem.id;
}

async function framework(refId: string, kind = 'STANDARD'): Promise<string> {
  const d = await server.data(
    `mutation($input: FrameworkCreateInput!) { frameworkCreate(input: $input) { framework { id } ${ERRORS} } }`,
    { input: { refId, name: refId, kind } },
  );
  expect(d.frameworkCreate.userErrors).toEqual([]);
  return d.frameworkCreate.framework.id;
}

async function control(refId: string, implementationStatus = 'NOT_IMPLEMENTED'): Promise<string> {
  const d = await server.data(
    `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id } ${ERRORS} } }`,
    { input: { refId, title: `Control ${refId}`, type: 'PREVENTIVE', implementationStatus } },
  );
  expect(d.controlCreate.userErrors).toEqual([]);
  return d.controlCreate.control.id;
}

async function setStatus(aiSystemId: string, controlId: string, status: string | null, comment?: string) {
  return (await server.data(SET_STATUS, { input: { aiSystemId, controlId, status, comment } })).aiSystemControlStatusSet;
}

const rowId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);
const refIds = (connection: { edges: { node: { refId: string } }[] }) => connection.edges.map((e) => e.node.refId);
const names = (connection: { edges: { node: { name: string } }[] }) => connection.edges.map((e) => e.node.name);

describe('AI systems: create, read, update', () => {
  it('creates an AI system with frameworks and finds it by id, name and node', async () => {
    const a = await framework('ais-create-b');
    const b = await framework('ais-create-a');
    const r = await createSystem('Create Bot', {
      description: 'A chatbot',
      purpose: 'Customer support',
      riskLevel: 'LIMITED',
      role: 'DEPLOYER',
      owner: 'Support team',
      frameworkIds: [a, b, a],
    });
    expect(r.userErrors).toEqual([]);
    expect(r.aiSystem).toMatchObject({
      name: 'Create Bot',
      description: 'A chatbot',
      purpose: 'Customer support',
      riskLevel: 'LIMITED',
      role: 'DEPLOYER',
      owner: 'Support team',
    });
    const id = r.aiSystem.id;
    const d = await server.data(
      `query($id: ID!) {
        byId: aiSystem(id: $id) { name frameworks { totalCount edges { node { refId } } } }
        byName: aiSystem(name: "Create Bot") { id }
        node(id: $id) { ... on AISystem { name riskLevel } }
      }`,
      { id },
    );
    expect(d.byId.name).toBe('Create Bot');
    expect(d.byId.frameworks.totalCount).toBe(2);
    expect(refIds(d.byId.frameworks)).toEqual(['ais-create-a', 'ais-create-b']);
    expect(d.byName).toEqual({ id });
    expect(d.node).toEqual({ name: 'Create Bot', riskLevel: 'LIMITED' });
  });

  it('answers null for unknown ids and names, BAD_USER_INPUT for garbage and other-type ids', async () => {
    const d = await server.data(
      `query($a: ID!) { a: aiSystem(id: $a) { id } n: aiSystem(name: "no such system") { id } node(id: $a) { id } }`,
      { a: foreignId('AISystem', 999999) },
    );
    expect(d).toEqual({ a: null, n: null, node: null });
    for (const bad of ['garbage', foreignId('Framework')]) {
      const body = await server.gql(`query($a: ID!) { aiSystem(id: $a) { id } }`, { a: bad });
      expect([body.errors?.[0]?.extensions?.code, body.data]).toEqual(['BAD_USER_INPUT', { aiSystem: null }]);
    }
  });

  it('requires exactly one of id and name', async () => {
    for (const args of ['', `(id: "${foreignId('AISystem')}", name: "x")`]) {
      const body = await server.gql(`{ aiSystem${args} { id } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a duplicate name and invalid fields', async () => {
    await systemId('Dup Bot');
    expect((await createSystem('Dup Bot')).userErrors).toEqual([
      { field: ['input', 'name'], message: expect.stringContaining('exists'), code: 'DUPLICATE' },
    ]);
    const bad = await createSystem(' padded', { owner: 'x'.repeat(201) });
    expect(bad.aiSystem).toBeNull();
    expect(bad.userErrors.map((e: { field: string[]; code: string }) => `${e.field.join('.')}:${e.code}`).sort()).toEqual([
      'input.name:INVALID',
      'input.owner:INVALID',
    ]);
  });

  it('refuses unknown frameworks and threat catalogs in frameworkIds, naming the index, and creates nothing', async () => {
    const ok = await framework('ais-create-ok');
    const threats = await framework('ais-create-threats', 'THREAT_CATALOG');
    const r = await createSystem('Refused Bot', {
      frameworkIds: [ok, 'garbage', threats, foreignId('Framework', 999999), foreignId('Control')],
    });
    expect(r.aiSystem).toBeNull();
    // Malformed and other-type ids are refused before anything else is looked at.
    expect(r.userErrors).toEqual([
      { field: ['input', 'frameworkIds', '1'], message: expect.stringContaining('is not a Framework id'), code: 'INVALID' },
      { field: ['input', 'frameworkIds', '4'], message: expect.stringContaining('is a Control id'), code: 'INVALID' },
    ]);
    const r2 = await createSystem('Refused Bot', { frameworkIds: [ok, threats, foreignId('Framework', 999999)] });
    expect(r2.userErrors).toEqual([
      { field: ['input', 'frameworkIds', '1'], message: expect.stringContaining('THREAT_CATALOG'), code: 'INVALID' },
      { field: ['input', 'frameworkIds', '2'], message: expect.any(String), code: 'NOT_FOUND' },
    ]);
    expect((await server.data(`{ aiSystem(name: "Refused Bot") { id } }`)).aiSystem).toBeNull();
  });

  it('updates fields, clears the owner with an empty string and answers NOT_FOUND / DUPLICATE', async () => {
    const id = await systemId('Update Bot', { owner: 'Alice' });
    await systemId('Update Other');
    const d = await server.data(UPDATE, { input: { id, name: 'Update Bot 2', riskLevel: 'MINIMAL', role: 'IMPORTER' } });
    expect(d.aiSystemUpdate.userErrors).toEqual([]);
    expect(d.aiSystemUpdate.aiSystem).toMatchObject({ id, name: 'Update Bot 2', riskLevel: 'MINIMAL', role: 'IMPORTER', owner: 'Alice' });
    const cleared = await server.data(UPDATE, { input: { id, owner: '' } });
    expect(cleared.aiSystemUpdate.aiSystem.owner).toBeNull();
    const dup = await server.data(UPDATE, { input: { id, name: 'Update Other' } });
    expect(dup.aiSystemUpdate).toEqual({
      aiSystem: null,
      userErrors: [{ field: ['input', 'name'], message: expect.any(String), code: 'DUPLICATE' }],
    });
    const invalid = await server.data(UPDATE, { input: { id, name: '' } });
    expect(invalid.aiSystemUpdate.userErrors).toEqual([{ field: ['input', 'name'], message: expect.any(String), code: 'INVALID' }]);
    for (const [bad, code] of [['garbage', 'INVALID'], [foreignId('Framework'), 'INVALID'], [foreignId('AISystem', 999999), 'NOT_FOUND']]) {
      const r = await server.data(UPDATE, { input: { id: bad, name: 'x' } });
      expect(r.aiSystemUpdate.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code }]);
    }
  });
});

describe('AI systems: frameworks that apply', () => {
  it('replaces the set and shows it from both ends', async () => {
    const [x, y, z] = [await framework('ais-set-x'), await framework('ais-set-y'), await framework('ais-set-z')];
    const id = await systemId('Set Bot', { frameworkIds: [x, y] });
    const other = await systemId('Set Another', { frameworkIds: [y] });
    const d = await server.data(SET_FRAMEWORKS, { input: { aiSystemId: id, frameworkIds: [z, y, z] } });
    expect(d.aiSystemFrameworkSet.userErrors).toEqual([]);
    expect(d.aiSystemFrameworkSet.aiSystem.frameworks.totalCount).toBe(2);
    expect(refIds(d.aiSystemFrameworkSet.aiSystem.frameworks)).toEqual(['ais-set-y', 'ais-set-z']);

    const q = `query($x: ID!, $y: ID!, $z: ID!) {
      x: framework(id: $x) { aiSystems { totalCount edges { node { name } } } }
      y: framework(id: $y) { aiSystems { totalCount edges { node { name } } } }
      z: framework(id: $z) { aiSystems { totalCount edges { node { id name } } } } }`;
    const ends = await server.data(q, { x, y, z });
    expect(ends.x.aiSystems.totalCount).toBe(0);
    expect(names(ends.y.aiSystems)).toEqual(['Set Another', 'Set Bot']);
    expect(ends.z.aiSystems.edges).toEqual([{ node: { id, name: 'Set Bot' } }]);

    const emptied = await server.data(SET_FRAMEWORKS, { input: { aiSystemId: id, frameworkIds: [] } });
    expect(emptied.aiSystemFrameworkSet.aiSystem.frameworks.totalCount).toBe(0);
    const after = await server.data(q, { x, y, z });
    expect(names(after.y.aiSystems)).toEqual(['Set Another']);
    expect(after.z.aiSystems.totalCount).toBe(0);
    expect(other).toBeTruthy();
  });

  it('answers NOT_FOUND for the system and each unknown framework, INVALID for threat catalogs, and changes nothing', async () => {
    const x = await framework('ais-seterr-x');
    const threats = await framework('ais-seterr-threats', 'THREAT_CATALOG');
    const id = await systemId('Set Error Bot', { frameworkIds: [x] });
    for (const [bad, code] of [['garbage', 'INVALID'], [foreignId('Framework'), 'INVALID'], [foreignId('AISystem', 999999), 'NOT_FOUND']]) {
      const r = await server.data(SET_FRAMEWORKS, { input: { aiSystemId: bad, frameworkIds: [x] } });
      expect(r.aiSystemFrameworkSet.userErrors).toEqual([{ field: ['input', 'aiSystemId'], message: expect.any(String), code }]);
    }
    const r = await server.data(SET_FRAMEWORKS, { input: { aiSystemId: id, frameworkIds: [threats, foreignId('Framework', 999999)] } });
    expect(r.aiSystemFrameworkSet).toEqual({
      aiSystem: null,
      userErrors: [
        { field: ['input', 'frameworkIds', '0'], message: expect.any(String), code: 'INVALID' },
        { field: ['input', 'frameworkIds', '1'], message: expect.any(String), code: 'NOT_FOUND' },
      ],
    });
    const nope = await server.data(SET_FRAMEWORKS, { input: { aiSystemId: id, frameworkIds: [x, 'nope'] } });
    expect(nope.aiSystemFrameworkSet.userErrors).toEqual([{ field: ['input', 'frameworkIds', '1'], message: expect.any(String), code: 'INVALID' }]);
    const tooMany = await server.data(SET_FRAMEWORKS, { input: { aiSystemId: id, frameworkIds: Array(501).fill(x) } });
    expect(tooMany.aiSystemFrameworkSet.userErrors).toEqual([
      { field: ['input', 'frameworkIds'], message: expect.any(String), code: 'INVALID' },
    ]);
    const still = await server.data(`query($id: ID!) { aiSystem(id: $id) { frameworks { edges { node { refId } } } } }`, { id });
    expect(refIds(still.aiSystem.frameworks)).toEqual(['ais-seterr-x']);
  });

  it('pages the frameworks edge', async () => {
    const ids = [await framework('ais-page-fw-3'), await framework('ais-page-fw-1'), await framework('ais-page-fw-2')];
    const id = await systemId('Framework Pager', { frameworkIds: ids });
    const q = `query($id: ID!, $after: String) { aiSystem(id: $id) { frameworks(first: 2, after: $after) {
      totalCount edges { node { refId } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await server.data(q, { id })).aiSystem.frameworks;
    expect(refIds(first)).toEqual(['ais-page-fw-1', 'ais-page-fw-2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(3);
    const second = (await server.data(q, { id, after: first.pageInfo.endCursor })).aiSystem.frameworks;
    expect(refIds(second)).toEqual(['ais-page-fw-3']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('AI systems: control status overrides', () => {
  it('sets, changes and clears an override, keeping the history, visible from both ends', async () => {
    const id = await systemId('Status Bot');
    const c1 = await control('AIS-ST-2', 'PLANNED');
    const c2 = await control('AIS-ST-1');

    const set = await setStatus(id, c1, 'IN_PROGRESS', 'rolling out');
    expect(set.userErrors).toEqual([]);
    expect(set.controlStatus).toEqual({
      status: 'IN_PROGRESS',
      comment: 'rolling out',
      updatedBy: expect.any(String),
      aiSystem: { name: 'Status Bot' },
      control: { refId: 'AIS-ST-2' },
    });
    expect(set.change).toMatchObject({ fromStatus: null, toStatus: 'IN_PROGRESS', comment: 'rolling out', aiSystem: { name: 'Status Bot' } });
    expect(set.aiSystem).toEqual({ name: 'Status Bot' });
    expect(set.control).toEqual({ refId: 'AIS-ST-2' });

    const changed = await setStatus(id, c1, 'IMPLEMENTED');
    expect(changed.change).toMatchObject({ fromStatus: 'IN_PROGRESS', toStatus: 'IMPLEMENTED', comment: null });
    expect(changed.controlStatus).toMatchObject({ status: 'IMPLEMENTED', comment: null });
    await setStatus(id, c2, 'NOT_APPLICABLE', 'no personal data');

    const same = await setStatus(id, c1, 'IMPLEMENTED', 'ignored');
    expect(same.userErrors).toEqual([]);
    expect(same.change).toBeNull();
    expect(same.controlStatus).toMatchObject({ status: 'IMPLEMENTED', comment: null });

    const q = `query($id: ID!, $c1: ID!) {
      aiSystem(id: $id) {
        controlStatuses { totalCount edges { node { status control { refId } } } }
        controlStatusHistory { totalCount edges { node { fromStatus toStatus comment } } }
        only: controlStatusHistory(controlId: $c1) { totalCount }
      }
      control(id: $c1) { implementationStatus aiSystemStatuses { edges { node { status aiSystem { id name } } } } }
    }`;
    const d = await server.data(q, { id, c1 });
    expect(d.aiSystem.controlStatuses.totalCount).toBe(2);
    expect(d.aiSystem.controlStatuses.edges.map((e: any) => [e.node.control.refId, e.node.status])).toEqual([
      ['AIS-ST-1', 'NOT_APPLICABLE'],
      ['AIS-ST-2', 'IMPLEMENTED'],
    ]);
    expect(d.aiSystem.controlStatusHistory.edges.map((e: any) => e.node)).toEqual([
      { fromStatus: null, toStatus: 'NOT_APPLICABLE', comment: 'no personal data' },
      { fromStatus: 'IN_PROGRESS', toStatus: 'IMPLEMENTED', comment: null },
      { fromStatus: null, toStatus: 'IN_PROGRESS', comment: 'rolling out' },
    ]);
    expect(d.aiSystem.only.totalCount).toBe(2);
    expect(d.control.implementationStatus).toBe('PLANNED');
    expect(d.control.aiSystemStatuses.edges).toEqual([{ node: { status: 'IMPLEMENTED', aiSystem: { id, name: 'Status Bot' } } }]);

    const cleared = await setStatus(id, c1, null, 'back to the control status');
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.controlStatus).toBeNull();
    expect(cleared.change).toMatchObject({ fromStatus: 'IMPLEMENTED', toStatus: null, comment: 'back to the control status' });
    const clearedAgain = await setStatus(id, c1, null);
    expect(clearedAgain.change).toBeNull();

    const after = await server.data(q, { id, c1 });
    expect(after.aiSystem.controlStatuses.totalCount).toBe(1);
    expect(after.control.aiSystemStatuses.edges).toEqual([]);
    expect(after.aiSystem.controlStatusHistory.totalCount).toBe(4);
    expect(after.aiSystem.controlStatusHistory.edges[0].node).toEqual({
      fromStatus: 'IMPLEMENTED',
      toStatus: null,
      comment: 'back to the control status',
    });
    expect(after.aiSystem.only.totalCount).toBe(3);
  });

  it('filters history by control and pages it newest first', async () => {
    const id = await systemId('History Pager');
    const c = await control('AIS-HIST-1');
    for (const s of ['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED']) await setStatus(id, c, s);
    const q = `query($id: ID!, $c: ID, $after: String) { aiSystem(id: $id) {
      controlStatusHistory(controlId: $c, first: 2, after: $after) {
        edges { node { toStatus } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await server.data(q, { id, c })).aiSystem.controlStatusHistory;
    expect(first.edges.map((e: any) => e.node.toStatus)).toEqual(['IMPLEMENTED', 'IN_PROGRESS']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.data(q, { id, c, after: first.pageInfo.endCursor })).aiSystem.controlStatusHistory;
    expect(second.edges.map((e: any) => e.node.toStatus)).toEqual(['PLANNED']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    for (const [other, code] of [['garbage', 'BAD_USER_INPUT'], [foreignId('AISystem'), 'BAD_USER_INPUT'], [foreignId('Control', 999999), 'NOT_FOUND']]) {
      const body = await server.gql(q, { id, c: other });
      expect(body.errors?.map((e) => [e.extensions?.code, (e.extensions as any)?.argument])).toEqual([[code, 'controlId']]);
    }
  });

  it('answers NOT_FOUND for unknown systems and controls and INVALID for a too long comment', async () => {
    const id = await systemId('Status Errors');
    const c = await control('AIS-ERR-1');
    const unknown = await setStatus(foreignId('Control'), 'garbage', 'PLANNED');
    expect(unknown.userErrors).toEqual([
      { field: ['input', 'aiSystemId'], message: expect.any(String), code: 'INVALID' },
      { field: ['input', 'controlId'], message: expect.any(String), code: 'INVALID' },
    ]);
    const missing = await setStatus(foreignId('AISystem', 999999), foreignId('Control', 999999), 'PLANNED');
    expect(missing.userErrors).toEqual([
      { field: ['input', 'aiSystemId'], message: expect.any(String), code: 'NOT_FOUND' },
      { field: ['input', 'controlId'], message: expect.any(String), code: 'NOT_FOUND' },
    ]);
    expect(unknown).toMatchObject({ controlStatus: null, aiSystem: null, control: null, change: null });
    const noControl = await setStatus(id, foreignId('Control', 999999), 'PLANNED');
    expect(noControl.userErrors).toEqual([{ field: ['input', 'controlId'], message: expect.any(String), code: 'NOT_FOUND' }]);
    const long = await setStatus(id, c, 'PLANNED', 'x'.repeat(5_001));
    expect(long.userErrors).toEqual([{ field: ['input', 'comment'], message: expect.any(String), code: 'INVALID' }]);
    const d = await server.data(`query($id: ID!) { aiSystem(id: $id) { controlStatuses { totalCount } controlStatusHistory { totalCount } } }`, { id });
    expect(d.aiSystem).toEqual({ controlStatuses: { totalCount: 0 }, controlStatusHistory: { totalCount: 0 } });
  });
});

describe('AI systems: delete', () => {
  it('retires a system on delete: assignments and not-applicable marks retired, overrides removed, history kept', async () => {
    const fw = await framework('ais-del-fw');
    const id = await systemId('Delete Bot', { frameworkIds: [fw] });
    const c = await control('AIS-DEL-1');
    await setStatus(id, c, 'IMPLEMENTED');
    await setStatus(id, c, 'PLANNED');
    const store = server.instance.store;
    const { requirements, notApplicableMarks } = tablesOf(store.read);
    await store.transaction(async (tx) => {
      const req = await returned(
        tx.insert(requirements).values({ frameworkId: rowId(fw), refId: 'ais-del-req', createdAt: new Date(), updatedAt: new Date() }).returning(),
      );
      await tx.insert(notApplicableMarks).values({ requirementId: req.id, aiSystemId: rowId(id), justification: 'n/a', createdAt: new Date(), createdBy: 'test' });
    });

    const d = await server.data(DELETE, { input: { id } });
    expect(d.aiSystemDelete).toEqual({ deletedId: id, userErrors: [] });

    const after = await server.data(
      `query($id: ID!, $fw: ID!, $c: ID!) {
        aiSystem(id: $id) { id } node(id: $id) { id }
        framework(id: $fw) { aiSystems { totalCount } }
        control(id: $c) { aiSystemStatuses { totalCount } statusHistory(aiSystemId: $id) { totalCount } } }`,
      { id, fw, c },
    );
    expect(after).toEqual({
      aiSystem: { id },
      node: { id },
      framework: { aiSystems: { totalCount: 0 } },
      control: { aiSystemStatuses: { totalCount: 0 }, statusHistory: { totalCount: 2 } },
    });
    const marks = await store.read.select().from(notApplicableMarks).where(eq(notApplicableMarks.aiSystemId, rowId(id)));
    expect(marks.map((m) => m.retiredAt)).toEqual([expect.any(Date)]);
    expect(await server.data(`{ aiSystem(name: "Delete Bot") { id } aiSystems(filter: { search: "Delete Bot" }) { totalCount } }`)).toEqual({
      aiSystem: null,
      aiSystems: { totalCount: 0 },
    });
    const again = await server.data(DELETE, { input: { id } });
    expect(again.aiSystemDelete.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'NOT_FOUND' }]);
    const garbage = await server.data(DELETE, { input: { id: foreignId('Framework') } });
    expect(garbage.aiSystemDelete.userErrors[0].code).toBe('INVALID');
  });

  it('refuses with IN_USE while evidence specific to the system exists', async () => {
    const id = await systemId('Evidence Bot');
    const store = server.instance.store;
    const now = new Date();
    const { evidence } = tablesOf(store.read);
    const item = await store.transaction(async (tx) =>
      returned(
        tx
          .insert(evidence)
          .values({
            kind: 'LINK',
            title: 'model card',
            url: 'https://example.com/card',
            collectedAt: now,
            status: 'PENDING_REVIEW',
            aiSystemId: rowId(id),
            createdBy: 'test',
            createdAt: now,
            updatedAt: now,
          })
          .returning(),
      ),
    );
    const refused = await server.data(DELETE, { input: { id } });
    expect(refused.aiSystemDelete).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'id'], message: expect.stringContaining('evidence'), code: 'IN_USE' }],
    });
    expect((await server.data(`query($id: ID!) { aiSystem(id: $id) { id } }`, { id })).aiSystem).toEqual({ id });

    await store.transaction(async (tx) => tx.delete(evidence).where(eq(evidence.id, item.id)));
    const deleted = await server.data(DELETE, { input: { id } });
    expect(deleted.aiSystemDelete).toEqual({ deletedId: id, userErrors: [] });
  });
});

describe('AI systems: list', () => {
  it('pages in name order with cursors and totalCount, and filters by risk level, role and text', async () => {
    await systemId('List C', { riskLevel: 'HIGH', role: 'PROVIDER', purpose: 'credit zzscoring' });
    await systemId('List A', { riskLevel: 'MINIMAL', role: 'DEPLOYER', description: 'spam zzfilter' });
    await systemId('List B', { riskLevel: 'HIGH', role: 'DEPLOYER' });
    const q = `query($after: String, $filter: AISystemFilter) { aiSystems(first: 2, after: $after, filter: $filter) {
      totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const filter = { search: 'List ' };
    const first = (await server.data(q, { filter })).aiSystems;
    expect(first.totalCount).toBe(3);
    expect(names(first)).toEqual(['List A', 'List B']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await server.data(q, { filter, after: first.pageInfo.endCursor })).aiSystems;
    expect(names(second)).toEqual(['List C']);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const high = (await server.data(q, { filter: { search: 'List ', riskLevels: ['HIGH'] } })).aiSystems;
    expect(names(high)).toEqual(['List B', 'List C']);
    const deployers = (await server.data(q, { filter: { search: 'List ', roles: ['DEPLOYER'], riskLevels: ['HIGH', 'MINIMAL'] } })).aiSystems;
    expect(names(deployers)).toEqual(['List A', 'List B']);
    expect((await server.data(q, { filter: { search: 'ZZSCORING' } })).aiSystems.edges.map((e: any) => e.node.name)).toEqual(['List C']);
    expect((await server.data(q, { filter: { search: 'zzfilter' } })).aiSystems.edges.map((e: any) => e.node.name)).toEqual(['List A']);
    expect((await server.data(q, { filter: { search: '%' } })).aiSystems.totalCount).toBe(0);
  });

  it('rejects bad page sizes and foreign cursors with BAD_USER_INPUT', async () => {
    for (const args of ['first: 101', 'first: -1', 'after: "not-a-cursor"']) {
      const body = await server.gql(`{ aiSystems(${args}) { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('loads nested edges of many systems with a fixed number of statements', async () => {
    const fw = await framework('ais-batch-fw');
    const c = await control('AIS-BATCH-1');
    const q = `{ aiSystems(first: 100, filter: { search: "Batch " }) { edges { node {
      frameworks { edges { node { refId aiSystems { totalCount } } } }
      controlStatuses { edges { node { status control { refId aiSystemStatuses { totalCount } } aiSystem { name } } } }
      controlStatusHistory { totalCount }
    } } } }`;
    const count = async () => {
      statements.length = 0;
      const d = await server.data(q);
      return { n: statements.length, systems: d.aiSystems.edges.length };
    };
    for (const name of ['Batch 1', 'Batch 2']) {
      const id = await systemId(name, { frameworkIds: [fw] });
      await setStatus(id, c, 'IMPLEMENTED');
    }
    const small = await count();
    for (const name of ['Batch 3', 'Batch 4', 'Batch 5']) {
      const id = await systemId(name, { frameworkIds: [fw] });
      await setStatus(id, c, 'PLANNED');
    }
    const large = await count();
    expect(small.systems).toBe(2);
    expect(large.systems).toBe(5);
    expect(large.n).toBe(small.n);
  });
});
