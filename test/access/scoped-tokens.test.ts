import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { auditEntries, createAiSystem, createControl, createToken, ERRORS } from './helpers.js';

let server: TestServer;
let a: string;
let b: string;
let x: string;
let y: string;

beforeAll(async () => {
  server = await startTestServer();
  a = await createControl(server, 'SCOPE-A');
  b = await createControl(server, 'SCOPE-B');
  x = await createAiSystem(server, 'scope-x');
  y = await createAiSystem(server, 'scope-y');
});
afterAll(() => server.close());

const CREATE = `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id aiSystem { name } controls { edges { node { refId } } } } ${ERRORS} } }`;

async function evidence(client: GraphQLClient, controlIds: string[], aiSystemId?: string) {
  const input = { kind: 'LINK', title: 'scoped', url: 'https://example.com/scoped', controlIds, ...(aiSystemId ? { aiSystemId } : {}) };
  return (await client.data(CREATE, { input })).evidenceCreate;
}

async function evidenceCount(): Promise<number> {
  return (await server.data('{ evidence { totalCount } }')).evidence.totalCount;
}

const forbidden = (...field: string[]) => expect.objectContaining({ code: 'FORBIDDEN', field });

describe('scoped tokens', () => {
  it('shows the scope on the token', async () => {
    const client = await server.as('CONTRIBUTOR', { controlIds: [a], aiSystemIds: [x] });
    const d = await client.data('{ viewer { token { scopeControls { refId } scopeAISystems { name } } } }');
    expect(d.viewer.token).toEqual({ scopeControls: [{ refId: 'SCOPE-A' }], scopeAISystems: [{ name: 'scope-x' }] });
  });

  it('a CONTRIBUTOR scoped to control A creates evidence on A and gets FORBIDDEN on B', async () => {
    const client = await server.as('CONTRIBUTOR', { controlIds: [a] });
    const ok = await evidence(client, [a]);
    expect(ok.userErrors).toEqual([]);
    expect(ok.evidence.controls.edges).toEqual([{ node: { refId: 'SCOPE-A' } }]);
    // Evidence for any AI system (or none) is fine: only controls are restricted.
    expect((await evidence(client, [a], y)).userErrors).toEqual([]);

    const before = await evidenceCount();
    expect(await evidence(client, [b])).toEqual({ evidence: null, userErrors: [forbidden('input', 'controlIds', '0')] });
    expect(await evidence(client, [a, b])).toEqual({ evidence: null, userErrors: [forbidden('input', 'controlIds', '1')] });
    expect(await evidenceCount()).toBe(before);
  });

  it('a CONTRIBUTOR scoped to AI system X creates evidence for X and gets FORBIDDEN for Y or for no AI system', async () => {
    const client = await server.as('CONTRIBUTOR', { aiSystemIds: [x] });
    const ok = await evidence(client, [a, b], x);
    expect(ok.userErrors).toEqual([]);
    expect(ok.evidence.aiSystem).toEqual({ name: 'scope-x' });

    const before = await evidenceCount();
    expect(await evidence(client, [a], y)).toEqual({ evidence: null, userErrors: [forbidden('input', 'aiSystemId')] });
    expect(await evidence(client, [a])).toEqual({ evidence: null, userErrors: [forbidden('input', 'aiSystemId')] });
    expect(await evidenceCount()).toBe(before);
  });

  it('both scopes must hold; every violation is named', async () => {
    const client = await server.as('CONTRIBUTOR', { controlIds: [a], aiSystemIds: [x] });
    expect((await evidence(client, [a], x)).userErrors).toEqual([]);
    const refused = await evidence(client, [b, a, b], y);
    expect(refused.userErrors).toEqual([forbidden('input', 'controlIds', '0'), forbidden('input', 'controlIds', '2'), forbidden('input', 'aiSystemId')]);
  });

  it('unscoped tokens are not restricted, and a refused scoped attempt is audited with its FORBIDDEN errors', async () => {
    const unscoped = await server.as('CONTRIBUTOR');
    expect((await evidence(unscoped, [b])).userErrors).toEqual([]);

    const created = await createToken(server, { name: 'scoped-audit', role: 'CONTRIBUTOR', controlIds: [a] });
    const scoped = server.withToken(created.secret);
    await evidence(scoped, [b]);
    const actorId = `token:${Buffer.from(created.token.id, 'base64url').toString().split(':')[1]}`;
    const [entry] = await auditEntries(server, { actorId, actions: ['evidenceCreate'] });
    // A FORBIDDEN user error (outside the token's scope) is audited as DENIED.
    expect(entry).toMatchObject({ outcome: 'DENIED', actorName: 'scoped-audit', after: { userErrors: [{ code: 'FORBIDDEN', field: ['input', 'controlIds', '0'] }] } });
    expect(entry.targetIds).toContain(b);
  });

  it('refuses scopes naming unknown controls or AI systems, and ids of another type', async () => {
    const unknown = Buffer.from('Control:999999').toString('base64url');
    const unknownSystem = Buffer.from('AISystem:999999').toString('base64url');
    const refused = await createToken(server, { name: 'bad-scope', role: 'CONTRIBUTOR', controlIds: [a, unknown], aiSystemIds: [unknownSystem] });
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'aiSystemIds', '0'] }),
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'controlIds', '1'] }),
    ]);
    // A control's id where an AI system's belongs is INVALID.
    const wrongType = await createToken(server, { name: 'bad-scope', role: 'CONTRIBUTOR', controlIds: [a], aiSystemIds: [a] });
    expect(wrongType.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: ['input', 'aiSystemIds', '0'], message: expect.stringContaining('is a Control id, not an AISystem id') }),
    ]);
  });
});
