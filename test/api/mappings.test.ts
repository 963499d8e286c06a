import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql) => statements.push(sql) } });
});
afterAll(() => server.close());

const ERRORS = 'userErrors { field message code }';
const MAPPING_FIELDS = `id relationship strength rationale createdAt createdBy updatedAt retiredAt retiredBy
  requirement { id refId } control { id refId }
  revisions { relationship strength rationale validFrom changedBy }`;
const CREATE = `mutation($input: MappingCreateInput!) { mappingCreate(input: $input) { mapping { ${MAPPING_FIELDS} } ${ERRORS} } }`;
const UPDATE = `mutation($input: MappingUpdateInput!) { mappingUpdate(input: $input) { mapping { ${MAPPING_FIELDS} } ${ERRORS} } }`;
const RETIRE = `mutation($input: MappingRetireInput!) { mappingRetire(input: $input) { mapping { ${MAPPING_FIELDS} } ${ERRORS} } }`;

const unknownMapping = Buffer.from('Mapping:999999').toString('base64url');
const unknownRequirement = Buffer.from('Requirement:999999').toString('base64url');
const unknownControl = Buffer.from('Control:999999').toString('base64url');

const frameworks = new Map<string, string>();
async function framework(refId: string): Promise<string> {
  const known = frameworks.get(refId);
  if (known) return known;
  const d = await server.data(
    `mutation($input: FrameworkCreateInput!) { frameworkCreate(input: $input) { framework { id } userErrors { message } } }`,
    { input: { refId, name: `Framework ${refId}`, kind: 'STANDARD' } },
  );
  expect(d.frameworkCreate.userErrors).toEqual([]);
  frameworks.set(refId, d.frameworkCreate.framework.id);
  return d.frameworkCreate.framework.id;
}

async function requirement(refId: string, frameworkRefId = 'map-fw-a'): Promise<string> {
  const frameworkId = await framework(frameworkRefId);
  const d = await server.data(
    `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { requirement { id } userErrors { message } } }`,
    { input: { frameworkId, refId, title: `Requirement ${refId}`, statement: 'The organisation shall...' } },
  );
  expect(d.requirementCreate.userErrors).toEqual([]);
  return d.requirementCreate.requirement.id;
}

async function control(refId: string): Promise<string> {
  const d = await server.data(
    `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id } userErrors { message } } }`,
    { input: { refId, title: `Control ${refId}`, type: 'PREVENTIVE' } },
  );
  expect(d.controlCreate.userErrors).toEqual([]);
  return d.controlCreate.control.id;
}

async function create(input: Record<string, unknown>) {
  return (await server.data(CREATE, { input })).mappingCreate;
}

const ids = (connection: any) => connection.edges.map((e: any) => e.node.id);

describe('mappings', () => {
  it('maps a requirement to a control with a first revision, seen from both ends', async () => {
    const r = await requirement('MAP-R1');
    const c = await control('MAP-C1');
    const { mapping, userErrors } = await create({
      requirementId: r,
      controlId: c,
      relationship: 'SUBSET_OF',
      strength: 7,
      rationale: 'MFA covers the login part',
    });
    expect(userErrors).toEqual([]);
    expect(mapping).toMatchObject({
      relationship: 'SUBSET_OF',
      strength: 7,
      rationale: 'MFA covers the login part',
      createdBy: 'token:1',
      retiredAt: null,
      retiredBy: null,
      requirement: { id: r, refId: 'MAP-R1' },
      control: { id: c, refId: 'MAP-C1' },
      revisions: [
        { relationship: 'SUBSET_OF', strength: 7, rationale: 'MFA covers the login part', changedBy: 'token:1' },
      ],
    });
    expect(mapping.revisions[0].validFrom).toBe(mapping.createdAt);
    expect(mapping.updatedAt).toBe(mapping.createdAt);

    const d = await server.data(
      `query($r: ID!, $c: ID!, $m: ID!) {
        requirement(id: $r) { mappings { totalCount edges { node { id control { refId } } } } }
        control(id: $c) { mappings { totalCount edges { node { id requirement { refId } } } }
          requirements { totalCount edges { node { id refId } } } }
        node(id: $m) { ... on Mapping { relationship } } }`,
      { r, c, m: mapping.id },
    );
    expect(d.requirement.mappings).toEqual({ totalCount: 1, edges: [{ node: { id: mapping.id, control: { refId: 'MAP-C1' } } }] });
    expect(d.control.mappings).toEqual({
      totalCount: 1,
      edges: [{ node: { id: mapping.id, requirement: { refId: 'MAP-R1' } } }],
    });
    expect(d.control.requirements).toEqual({ totalCount: 1, edges: [{ node: { id: r, refId: 'MAP-R1' } }] });
    expect(d.node).toEqual({ relationship: 'SUBSET_OF' });
  });

  it('creates a mapping without strength or rationale', async () => {
    const { mapping, userErrors } = await create({
      requirementId: await requirement('MAP-R-MIN'),
      controlId: await control('MAP-C-MIN'),
      relationship: 'EQUAL',
    });
    expect(userErrors).toEqual([]);
    expect(mapping).toMatchObject({ strength: null, rationale: '', revisions: [{ strength: null, rationale: '' }] });
  });

  it('answers NOT_FOUND for each unknown side on its own field, INVALID for malformed and other-type ids', async () => {
    const r = await requirement('MAP-R-NF');
    const c = await control('MAP-C-NF');
    const both = await create({ requirementId: unknownRequirement, controlId: unknownControl, relationship: 'EQUAL' });
    expect(both).toEqual({
      mapping: null,
      userErrors: [
        { field: ['input', 'requirementId'], message: 'requirement not found', code: 'NOT_FOUND' },
        { field: ['input', 'controlId'], message: 'control not found', code: 'NOT_FOUND' },
      ],
    });
    const garbage = await create({ requirementId: r, controlId: 'garbage', relationship: 'EQUAL' });
    expect(garbage.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([['INVALID', 'input.controlId']]);
    const swapped = await create({ requirementId: c, controlId: r, relationship: 'EQUAL' });
    expect(swapped.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID', 'input.requirementId'],
      ['INVALID', 'input.controlId'],
    ]);
    const oneSide = await create({ requirementId: r, controlId: unknownControl, relationship: 'EQUAL' });
    expect(oneSide.userErrors).toEqual([{ field: ['input', 'controlId'], message: 'control not found', code: 'NOT_FOUND' }]);
  });

  it('refuses a second live mapping of the same pair with DUPLICATE', async () => {
    const r = await requirement('MAP-R-DUP');
    const c = await control('MAP-C-DUP');
    expect((await create({ requirementId: r, controlId: c, relationship: 'EQUAL' })).userErrors).toEqual([]);
    const dup = await create({ requirementId: r, controlId: c, relationship: 'INTERSECTS_WITH' });
    expect(dup).toEqual({
      mapping: null,
      userErrors: [{ field: ['input', 'controlId'], message: expect.stringContaining('already mapped'), code: 'DUPLICATE' }],
    });
  });

  it('refuses strengths outside 1..10 and withdrawn requirements with INVALID', async () => {
    const r = await requirement('MAP-R-INV');
    const c = await control('MAP-C-INV');
    for (const strength of [0, 11, -3]) {
      const bad = await create({ requirementId: r, controlId: c, relationship: 'EQUAL', strength });
      expect(bad).toEqual({
        mapping: null,
        userErrors: [{ field: ['input', 'strength'], message: 'must be an integer from 1 to 10', code: 'INVALID' }],
      });
    }
    for (const strength of [1, 10]) {
      const c2 = await control(`MAP-C-STR-${strength}`);
      expect((await create({ requirementId: r, controlId: c2, relationship: 'EQUAL', strength })).mapping.strength).toBe(strength);
    }

    const withdrawn = await requirement('MAP-R-WD');
    const w = await server.data(
      `mutation($id: ID!) { requirementUpdate(input: { id: $id, withdrawn: true }) { requirement { withdrawn } userErrors { message } } }`,
      { id: withdrawn },
    );
    expect(w.requirementUpdate).toEqual({ requirement: { withdrawn: true }, userErrors: [] });
    const refused = await create({ requirementId: withdrawn, controlId: c, relationship: 'EQUAL' });
    expect(refused).toEqual({
      mapping: null,
      userErrors: [{ field: ['input', 'requirementId'], message: expect.stringContaining('withdrawn'), code: 'INVALID' }],
    });
  });

  it('updates a mapping by appending revisions, oldest first', async () => {
    const { mapping } = await create({
      requirementId: await requirement('MAP-R-UPD'),
      controlId: await control('MAP-C-UPD'),
      relationship: 'INTERSECTS_WITH',
      strength: 3,
    });
    const a = (await server.data(UPDATE, { input: { id: mapping.id, strength: 5, rationale: 'reviewed' } })).mappingUpdate;
    expect(a.userErrors).toEqual([]);
    expect(a.mapping).toMatchObject({ relationship: 'INTERSECTS_WITH', strength: 5, rationale: 'reviewed' });
    const b = (await server.data(UPDATE, { input: { id: mapping.id, relationship: 'EQUAL' } })).mappingUpdate;
    expect(b.mapping).toMatchObject({ relationship: 'EQUAL', strength: 5, rationale: 'reviewed' });
    expect(b.mapping.revisions.map((v: any) => [v.relationship, v.strength, v.rationale])).toEqual([
      ['INTERSECTS_WITH', 3, ''],
      ['INTERSECTS_WITH', 5, 'reviewed'],
      ['EQUAL', 5, 'reviewed'],
    ]);
    expect(b.mapping.revisions[2].validFrom).toBe(b.mapping.updatedAt);
    expect(b.mapping.createdAt).toBe(mapping.createdAt);

    const same = (await server.data(UPDATE, { input: { id: mapping.id, relationship: 'EQUAL', strength: 5 } })).mappingUpdate;
    expect(same.userErrors).toEqual([]);
    expect(same.mapping.revisions).toHaveLength(3);

    const bad = (await server.data(UPDATE, { input: { id: mapping.id, strength: 42 } })).mappingUpdate;
    expect(bad.userErrors).toEqual([{ field: ['input', 'strength'], message: expect.any(String), code: 'INVALID' }]);
    for (const id of ['garbage', unknownMapping, unknownControl]) {
      const nf = (await server.data(UPDATE, { input: { id, strength: 2 } })).mappingUpdate;
      const error = id === unknownMapping ? { message: 'mapping not found', code: 'NOT_FOUND' } : { message: expect.stringContaining('Mapping id'), code: 'INVALID' };
      expect(nf).toEqual({ mapping: null, userErrors: [{ field: ['input', 'id'], ...error }] });
    }
  });

  it('retires a mapping, hides it by default from both ends, and refuses changes to it', async () => {
    const r = await requirement('MAP-R-RET');
    const c = await control('MAP-C-RET');
    const { mapping } = await create({ requirementId: r, controlId: c, relationship: 'EQUAL', strength: 4 });
    const retired = (await server.data(RETIRE, { input: { id: mapping.id } })).mappingRetire;
    expect(retired.userErrors).toEqual([]);
    expect(retired.mapping).toMatchObject({ id: mapping.id, retiredBy: 'token:1', strength: 4 });
    expect(retired.mapping.retiredAt).not.toBeNull();
    expect(retired.mapping.updatedAt).toBe(retired.mapping.retiredAt);

    const again = (await server.data(RETIRE, { input: { id: mapping.id } })).mappingRetire;
    expect(again).toEqual({ mapping: null, userErrors: [{ field: ['input', 'id'], message: expect.stringContaining('retired'), code: 'CONFLICT' }] });
    const upd = (await server.data(UPDATE, { input: { id: mapping.id, strength: 9 } })).mappingUpdate;
    expect(upd).toEqual({ mapping: null, userErrors: [{ field: ['input', 'id'], message: expect.stringContaining('retired'), code: 'CONFLICT' }] });
    for (const id of ['garbage', unknownMapping]) {
      const nf = (await server.data(RETIRE, { input: { id } })).mappingRetire;
      const error = id === unknownMapping ? { message: 'mapping not found', code: 'NOT_FOUND' } : { message: expect.stringContaining('Mapping id'), code: 'INVALID' };
      expect(nf.userErrors).toEqual([{ field: ['input', 'id'], ...error }]);
    }

    // the pair can be mapped again; the retired mapping stays readable with its history
    const fresh = await create({ requirementId: r, controlId: c, relationship: 'SUPERSET_OF' });
    expect(fresh.userErrors).toEqual([]);
    const d = await server.data(
      `query($r: ID!, $c: ID!) {
        requirement(id: $r) { live: mappings { edges { node { id } } } all: mappings(includeRetired: true) { edges { node { id retiredAt } } } }
        control(id: $c) { live: mappings { edges { node { id } } } all: mappings(includeRetired: true) { totalCount }
          requirements { totalCount } } }`,
      { r, c },
    );
    expect(ids(d.requirement.live)).toEqual([fresh.mapping.id]);
    expect(ids(d.requirement.all)).toEqual([mapping.id, fresh.mapping.id]);
    expect(ids(d.control.live)).toEqual([fresh.mapping.id]);
    expect(d.control.all.totalCount).toBe(2);
    expect(d.control.requirements.totalCount).toBe(1);

    (await server.data(RETIRE, { input: { id: fresh.mapping.id } })).mappingRetire;
    const none = await server.data(`query($c: ID!) { control(id: $c) { requirements { totalCount } mappings { totalCount } } }`, { c });
    expect(none.control).toEqual({ requirements: { totalCount: 0 }, mappings: { totalCount: 0 } });
  });

  it('refuses to delete a control with a live mapping, and retires it keeping its retired mappings', async () => {
    const r = await requirement('MAP-R-DEL');
    const c = await control('MAP-C-DEL');
    const { mapping } = await create({ requirementId: r, controlId: c, relationship: 'EQUAL' });
    const DELETE = `mutation($id: ID!) { controlDelete(input: { id: $id }) { deletedId ${ERRORS} } }`;
    const refused = (await server.data(DELETE, { id: c })).controlDelete;
    expect(refused).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'id'], message: expect.stringContaining('1 live mapping'), code: 'IN_USE' }],
    });
    await server.data(RETIRE, { input: { id: mapping.id } });
    const done = (await server.data(DELETE, { id: c })).controlDelete;
    expect(done).toEqual({ deletedId: c, userErrors: [] });
    const after = await server.data(
      `query($m: ID!, $r: ID!) { node(id: $m) { id } requirement(id: $r) { mappings(includeRetired: true) { totalCount } } }`,
      { m: mapping.id, r },
    );
    expect(after).toEqual({ node: { id: mapping.id }, requirement: { mappings: { totalCount: 1 } } });
  });

  it('pages Requirement.mappings and orders Control.requirements by framework and refId', async () => {
    const c = await control('MAP-C-ORDER');
    const reqs = [
      await requirement('ORD-2', 'map-fw-b'),
      await requirement('ORD-1', 'map-fw-b'),
      await requirement('ORD-9', 'map-fw-a'),
    ];
    for (const r of reqs) expect((await create({ requirementId: r, controlId: c, relationship: 'EQUAL' })).userErrors).toEqual([]);
    const q = `query($c: ID!, $after: String) { control(id: $c) {
      requirements(first: 2, after: $after) { totalCount edges { node { refId } } pageInfo { hasNextPage endCursor } } } }`;
    const p1 = (await server.data(q, { c })).control.requirements;
    expect(p1.totalCount).toBe(3);
    expect(p1.edges.map((e: any) => e.node.refId)).toEqual(['ORD-9', 'ORD-1']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await server.data(q, { c, after: p1.pageInfo.endCursor })).control.requirements;
    expect(p2.edges.map((e: any) => e.node.refId)).toEqual(['ORD-2']);
    expect(p2.pageInfo.hasNextPage).toBe(false);

    const r = await requirement('MAP-R-PAGE');
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      made.push((await create({ requirementId: r, controlId: await control(`MAP-C-PAGE-${i}`), relationship: 'EQUAL' })).mapping.id);
    }
    const mq = `query($r: ID!, $after: String) { requirement(id: $r) {
      mappings(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const m1 = (await server.data(mq, { r })).requirement.mappings;
    expect(m1.totalCount).toBe(3);
    expect(ids(m1)).toEqual(made.slice(0, 2));
    const m2 = (await server.data(mq, { r, after: m1.pageInfo.endCursor })).requirement.mappings;
    expect(ids(m2)).toEqual(made.slice(2));
    expect(m2.pageInfo.hasNextPage).toBe(false);

    const body = await server.gql(`query($r: ID!) { requirement(id: $r) { mappings(first: 500) { totalCount } } }`, { r });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads mappings of many requirements in a bounded number of statements', async () => {
    const c = await control('MAP-C-NEST');
    const reqIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await requirement(`NEST-${i}`, 'map-fw-nest');
      reqIds.push(r);
      await create({ requirementId: r, controlId: c, relationship: 'EQUAL', strength: i + 1 });
    }
    statements = [];
    const d = await server.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Requirement { mappings { edges { node {
        revisions { strength } control { refId } requirement { refId } } } } } } }`,
      { ids: reqIds },
    );
    expect(d.nodes.map((n: any) => n.mappings.edges[0].node.revisions[0].strength)).toEqual([1, 2, 3, 4, 5]);
    // requirements, mappings, revisions, controls (requirements come from the loader's cache)
    expect(statements.length).toBeLessThanOrEqual(4);
  });
});
