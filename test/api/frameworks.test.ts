import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const CREATE = `mutation($input: FrameworkCreateInput!) {
  frameworkCreate(input: $input) { framework { id refId name kind version } userErrors { field message code } }
}`;
const UPDATE = `mutation($input: FrameworkUpdateInput!) {
  frameworkUpdate(input: $input) { framework { id refId name } userErrors { field message code } }
}`;
const DELETE = `mutation($input: FrameworkDeleteInput!) {
  frameworkDelete(input: $input) { deletedId userErrors { field message code } }
}`;

async function create(refId: string, extra: Record<string, unknown> = {}) {
  const d = await server.data(CREATE, { input: { refId, name: `Framework ${refId}`, kind: 'STANDARD', ...extra } });
  return d.frameworkCreate;
}

describe('frameworks', () => {
  it('creates a framework and finds it by id, refId and node', async () => {
    const { framework, userErrors } = await create('fw-create', { version: '2.0' });
    expect(userErrors).toEqual([]);
    expect(framework).toMatchObject({ refId: 'fw-create', kind: 'STANDARD', version: '2.0' });
    const d = await server.data(
      `query($id: ID!) { byId: framework(id: $id) { refId } byRef: framework(refId: "fw-create") { id } node(id: $id) { ... on Framework { refId } } }`,
      { id: framework.id },
    );
    expect(d).toEqual({ byId: { refId: 'fw-create' }, byRef: { id: framework.id }, node: { refId: 'fw-create' } });
  });

  it('refuses a duplicate refId and invalid fields with userErrors', async () => {
    await create('fw-dup');
    expect((await create('fw-dup')).userErrors).toEqual([
      { field: ['input', 'refId'], message: expect.stringContaining('exists'), code: 'DUPLICATE' },
    ]);
    const bad = await create(' padded', { name: '   ' });
    expect(bad.framework).toBeNull();
    expect(bad.userErrors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual(['input.name', 'input.refId']);
  });

  it('updates fields and answers NOT_FOUND for unknown ids, INVALID for malformed or foreign ids', async () => {
    const { framework } = await create('fw-update');
    const d = await server.data(UPDATE, { input: { id: framework.id, name: 'Renamed' } });
    expect(d.frameworkUpdate).toEqual({ framework: { id: framework.id, refId: 'fw-update', name: 'Renamed' }, userErrors: [] });
    for (const id of ['garbage', Buffer.from('Control:1').toString('base64url')]) {
      const r = await server.data(UPDATE, { input: { id, name: 'x' } });
      expect(r.frameworkUpdate.userErrors[0].code).toBe('INVALID');
    }
    const unknown = await server.data(UPDATE, { input: { id: Buffer.from('Framework:999999').toString('base64url'), name: 'x' } });
    expect(unknown.frameworkUpdate.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('retires a framework on delete: resolvable by id, absent from lists and refId lookups', async () => {
    const { framework } = await create('fw-delete');
    const d = await server.data(DELETE, { input: { id: framework.id } });
    expect(d.frameworkDelete).toEqual({ deletedId: framework.id, userErrors: [] });
    const after = await server.data(
      `query($id: ID!) { framework(id: $id) { id retiredAt } byRef: framework(refId: "fw-delete") { id } frameworks(filter: { search: "fw-delete" }) { totalCount } }`,
      { id: framework.id },
    );
    expect(after).toEqual({ framework: { id: framework.id, retiredAt: expect.any(String) }, byRef: null, frameworks: { totalCount: 0 } });
    const again = await server.data(DELETE, { input: { id: framework.id } });
    expect(again.frameworkDelete.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('retires the requirements of a deleted framework with it: absent from lists and lookups, resolvable by id', async () => {
    const { framework } = await create('fw-delete-reqs');
    const made = await server.data(
      `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { requirement { id } userErrors { code } } }`,
      { input: { frameworkId: framework.id, refId: 'FDR-1', title: 'kept as history' } },
    );
    const requirementId = made.requirementCreate.requirement.id;
    expect((await server.data(DELETE, { input: { id: framework.id } })).frameworkDelete.userErrors).toEqual([]);
    const after = await server.data(
      `query($id: ID!) {
        node(id: $id) { ... on Requirement { id retiredAt } }
        byRef: requirement(frameworkRefId: "fw-delete-reqs", refId: "FDR-1") { id }
        requirements(filter: { search: "FDR-1" }) { totalCount }
      }`,
      { id: requirementId },
    );
    expect(after).toEqual({ node: { id: requirementId, retiredAt: expect.any(String) }, byRef: null, requirements: { totalCount: 0 } });
  });

  it('pages through frameworks in refId order with cursors and totalCount', async () => {
    for (const r of ['page-c', 'page-a', 'page-b']) await create(r);
    const q = `query($after: String) { frameworks(first: 2, after: $after, filter: { search: "page-" }) {
      totalCount edges { cursor node { refId } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await server.data(q)).frameworks;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => e.node.refId)).toEqual(['page-a', 'page-b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.data(q, { after: first.pageInfo.endCursor })).frameworks;
    expect(second.edges.map((e: any) => e.node.refId)).toEqual(['page-c']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects bad page sizes and foreign cursors with BAD_USER_INPUT', async () => {
    for (const args of ['first: 101', 'first: -1', 'after: "not-a-cursor"']) {
      const body = await server.gql(`{ frameworks(${args}) { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });
});
