/**
 * Hostile values and callers: control and bidirectional characters, SQL-looking strings,
 * field typos, other roles' operations, ids of other types and garbage ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/actor.js';
import { startTestServer, testBackend, type GraphQLClient, type TestServer } from '../support/server.js';
import { errorCode, expectRefusal, postJson, raw } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');

const CREATE_FRAMEWORK = `mutation($input: FrameworkCreateInput!) {
  frameworkCreate(input: $input) { framework { id refId name description } userErrors { field code message } }
}`;
const READ_FRAMEWORK = `query($id: ID!) { framework(id: $id) { refId name description } }`;

let serial = 0;
async function createFramework(fields: { name: string; description?: string; refId?: string }, on: GraphQLClient = server) {
  const input = { refId: `hostile-${++serial}`, kind: 'STANDARD', ...fields };
  return (await on.data(CREATE_FRAMEWORK, { input })).frameworkCreate;
}

describe('strings are stored and returned byte for byte', () => {
  it.each([
    ['a NUL character', 'before\u0000after'],
    ['other C0 controls and DEL', 'bell\u0007 escape\u001b[31m delete\u007f'],
    ['a right-to-left override (Trojan Source)', 'invoice\u202Egpj.exe'],
    ['bidirectional isolates and a zero-width joiner', '\u2066admin\u2069\u200d'],
    ['an SQL injection that closes a string', `'; DROP TABLE controls; --`],
    ['an SQL tautology', `" OR 1=1 --`],
    ['a UNION select', `x' UNION SELECT secret_hash FROM api_tokens --`],
    ['LIKE wildcards', '100% of _all_ [a-z]'],
    ['HTML and script', `<script>alert(1)</script><img src=x onerror=alert(2)>`],
    ['astral and combining characters', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 e\u0301 🏳️‍🌈'],
    // PostgreSQL text cannot hold U+0000: refused there as bad input (below; docs/postgresql.md, "Differences").
  ].filter(([name]) => !(testBackend() === 'postgres' && name === 'a NUL character')))('keeps %s in a name and a description', async (_name, text) => {
    const { framework, userErrors } = await createFramework({ name: `N ${text}`, description: text });
    expect(userErrors).toEqual([]);
    expect([framework.name, framework.description]).toEqual([`N ${text}`, text]);
    // Read back from the database, not echoed from the input.
    const { framework: stored } = await server.data(READ_FRAMEWORK, { id: framework.id });
    expect([stored.name, stored.description]).toEqual([`N ${text}`, text]);
  });

  it('refuses half a surrogate pair (not Unicode text) instead of storing U+FFFD', async () => {
    const input = { refId: `hostile-${++serial}`, kind: 'STANDARD', name: 'half \ud800 pair' };
    const answer = await postJson(server, { query: CREATE_FRAMEWORK, variables: { input } });
    expectRefusal(answer, 400, 'INVALID_UNICODE');
    const after = await server.data(`query($r: String) { framework(refId: $r) { id } }`, { r: input.refId });
    expect(after.framework).toBeNull();
  });

  it('does not let SQL-looking strings change other rows', async () => {
    const before = await server.data('{ controls { totalCount } frameworks { totalCount } }');
    await createFramework({ name: `'); DELETE FROM frameworks; --`, description: `'; DROP TABLE controls; --` });
    const after = await server.data('{ controls { totalCount } frameworks { totalCount } }');
    expect(after).toEqual({ controls: before.controls, frameworks: { totalCount: before.frameworks.totalCount + 1 } });
  });

  it.each([
    ['%', 0],
    ['_', 0],
    [`' OR 1=1 --`, 0],
    [`" OR 1=1 --`, 1],
  ])('searches for %s literally (no wildcard, no injection)', async (term, extra) => {
    const marker = `search-${++serial}`;
    await createFramework({ name: marker, description: `${marker} " OR 1=1 -- literal` });
    const d = await server.data(`query($s: String) { frameworks(filter: { search: $s }) { edges { node { name } } } }`, { s: `${marker} ${term}`.trim() });
    // Only the framework whose text contains the exact term matches.
    expect(d.frameworks.edges.length).toBe(extra);
  });
});

describe.runIf(testBackend() === 'postgres')('a NUL character on PostgreSQL, whose text cannot hold it', () => {
  it('refuses it in a name with BAD_USER_INPUT saying what to change, and stores nothing', async () => {
    const refId = `hostile-nul-${++serial}`;
    const body = await server.gql(CREATE_FRAMEWORK, { input: { refId, kind: 'STANDARD', name: 'N before\u0000after' } });
    expect(body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringMatching(/U\+0000 \(NUL\).*remove it/)]]);
    expect((await server.data(`query($r: String!) { framework(refId: $r) { id } }`, { r: refId })).framework).toBeNull();
  });

  it('refuses it in a search term with BAD_USER_INPUT', async () => {
    const body = await server.gql(`query($s: String) { controls(filter: { search: $s }) { totalCount } }`, { s: 'a\u0000b' });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('keys refuse control characters', () => {
  it.each([
    ['a NUL', 'key\u0000nul'],
    ['a newline', 'key\nline'],
    ['an escape sequence', 'key\u001b[2J'],
  ])('refuses a refId with %s as INVALID', async (_name, refId) => {
    const { framework, userErrors } = await createFramework({ refId, name: 'Control characters' });
    expect(framework).toBeNull();
    expect(userErrors).toEqual([{ field: ['input', 'refId'], code: 'INVALID', message: expect.stringMatching(/control characters/) }]);
  });

  it.each([
    ['a right-to-left override', 'SEC\u202E10-CNE'],
    ['a zero-width space', 'SEC-ENC\u200B-01'],
    ['a bidirectional isolate', '\u2066SEC-ENC-01\u2069'],
  ])('refuses a refId with %s (keys that look like other keys) as INVALID', async (_name, refId) => {
    const { framework, userErrors } = await createFramework({ refId, name: 'Invisible characters' });
    expect(framework).toBeNull();
    expect(userErrors).toEqual([{ field: ['input', 'refId'], code: 'INVALID', message: expect.stringMatching(/invisible or text-direction/) }]);
  });
});

describe('typos and schema probing', () => {
  const typos: [string, string, RegExp][] = [
    ['a typo in a root field', '{ framewrks { totalCount } }', /Did you mean "frameworks"/],
    ['a typo in a nested field', '{ frameworks { edges { node { nmae } } } }', /Did you mean "name"/],
    ['a typo in an argument', '{ frameworks(frist: 5) { totalCount } }', /Did you mean "first"/],
    ['a typo in an enum value', '{ frameworks(filter: { kinds: [STANDRD] }) { totalCount } }', /Did you mean the enum value "STANDARD"/],
    ['a typo in a type condition', '{ node(id: "x") { ... on Framwork { id } } }', /Did you mean "Framework"/],
  ];
  it.each(typos)('refuses %s with 400 and suggests the right name to an authenticated caller', async (_name, query, suggestion) => {
    const answer = await postJson(server, { query });
    expectRefusal(answer, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.json.errors[0].message).toMatch(suggestion);
  });

  it.each(typos)('refuses %s without a valid token with 401 and nothing about the schema', async (_name, query) => {
    const answer = await postJson(server, { query }, { token: 'cwk_not-a-token' });
    expectRefusal(answer, 401, 'UNAUTHENTICATED');
    expect(answer.text).not.toMatch(/did you mean|framework"|frameworks"|name"|first"|STANDARD|Framework"/i);
  });
});

describe('authentication', () => {
  it.each([
    ['without a token', {}],
    ['with an unknown token', { authorization: 'Bearer not-a-real-token' }],
    ['with a Basic credential', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['with an empty bearer', { authorization: 'Bearer ' }],
  ])('refuses introspection %s with 401 UNAUTHENTICATED', async (_name, headers) => {
    const answer = await raw(server, {
      token: null,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    expectRefusal(answer, 401, 'UNAUTHENTICATED');
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="crosswalk"');
    expect(answer.text).not.toMatch(/__schema|Framework/);
  });

  it('refuses a GET introspection without a token with 401', async () => {
    const answer = await raw(server, {
      method: 'GET',
      token: null,
      path: `/graphql?query=${encodeURIComponent('{ __schema { types { name } } }')}`,
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expectRefusal(answer, 401, 'UNAUTHENTICATED');
  });

  it('answers introspection to any authenticated role', async () => {
    const viewer = await server.as('VIEWER');
    const answer = await postJson(server, { query: '{ __schema { queryType { name } } }' }, { token: viewer.token });
    expect([answer.status, answer.json.data]).toEqual([200, { __schema: { queryType: { name: 'Query' } } }]);
  });
});

describe('other roles\u2019 operations', () => {
  const clients = new Map<Role, GraphQLClient>();
  const client = async (role: Role) => {
    if (!clients.has(role)) clients.set(role, await server.as(role));
    return clients.get(role)!;
  };

  it('answers a VIEWER\u2019s controlCreate with a FORBIDDEN userError and creates nothing', async () => {
    const viewer = await client('VIEWER');
    const body = await viewer.gql(
      `mutation { controlCreate(input: { refId: "VIEWER-MADE", title: "x", type: PREVENTIVE }) { control { id } userErrors { code } } }`,
    );
    expect([body.status, body.data]).toEqual([200, { controlCreate: { control: null, userErrors: [{ code: 'FORBIDDEN' }] } }]);
    const after = await server.data(`{ controls(filter: { search: "VIEWER-MADE" }) { totalCount } }`);
    expect(after.controls.totalCount).toBe(0);
  });

  it('answers a CONTRIBUTOR\u2019s evidenceReview with a FORBIDDEN userError and leaves the evidence pending', async () => {
    const control = await server.data(`mutation { controlCreate(input: { refId: "REVIEW-TARGET", title: "x", type: PREVENTIVE }) { control { id } } }`);
    const created = await server.data(
      `mutation($c: [ID!]!) { evidenceCreate(input: { kind: ATTESTATION, title: "Signed", controlIds: $c }) { evidence { id status } userErrors { code } } }`,
      { c: [control.controlCreate.control.id] },
    );
    const evidenceId = created.evidenceCreate.evidence.id;
    const contributor = await client('CONTRIBUTOR');
    const body = await contributor.gql(
      `mutation($id: ID!) { evidenceReview(input: { evidenceId: $id, decision: ACCEPTED }) { evidence { id } userErrors { code } } }`,
      { id: evidenceId },
    );
    expect(body.data).toEqual({ evidenceReview: { evidence: null, userErrors: [{ code: 'FORBIDDEN' }] } });
    const after = await server.data(`query($id: ID!) { node(id: $id) { ... on Evidence { status } } }`, { id: evidenceId });
    expect(after.node.status).toBe('PENDING_REVIEW');
  });

  it.each<[Role, string]>([
    ['VIEWER', '{ tokens { totalCount } }'],
    ['CONTRIBUTOR', '{ tokens { totalCount } }'],
    ['REVIEWER', '{ tokens { totalCount } }'],
    ['EDITOR', '{ tokens { totalCount } }'],
    ['VIEWER', '{ auditLog { totalCount } }'],
    ['EDITOR', '{ auditLog { totalCount } }'],
    ['EDITOR', '{ auditVerify { intact } }'],
  ])('answers a %s reading %s with a FORBIDDEN error and no data', async (role, query) => {
    const body = await (await client(role)).gql(query);
    expect([body.status, body.data, body.errors?.map((e) => e.extensions?.code)]).toEqual([200, null, ['FORBIDDEN']]);
  });

  it('answers a VIEWER\u2019s tokenCreate with FORBIDDEN and no secret', async () => {
    const body = await (await client('VIEWER')).gql(`mutation { tokenCreate(input: { name: "escalate", role: ADMIN }) { secret userErrors { code } } }`);
    expect(body.data).toEqual({ tokenCreate: { secret: null, userErrors: [{ code: 'FORBIDDEN' }] } });
  });
});

describe('ids of other types and garbage ids', () => {
  // An instance of its own, holding one framework and no control: the Control id of the
  // framework's row must name no control, whatever the other tests created.
  let own: TestServer;
  let frameworkId: string;
  beforeAll(async () => {
    own = await startTestServer();
    frameworkId = (await createFramework({ name: 'Id target' }, own)).framework.id;
  });
  afterAll(() => own.close());
  const rowOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1]!;
  const FOREIGN: Record<string, (frameworkId: string) => string> = {
    'an id of another type (same row)': (id) => globalId('Control', rowOf(id)),
    'an unknown type': () => globalId('Secret', 1),
    'garbage': () => 'garbage',
    'an empty string': () => '',
    'a non-canonical encoding': (id) => `${id}=`,
    'a huge row id': () => globalId('Framework', '99999999999999999999'),
    'row id 0': () => globalId('Framework', 0),
    'an SQL string': () => `1' OR '1'='1`,
    'a 10,000-character id': () => 'A'.repeat(10_000),
  };
  const foreignIds = () => Object.fromEntries(Object.entries(FOREIGN).map(([name, make]) => [name, make(frameworkId)]));

  it('resolves the real id (control case)', async () => {
    const d = await own.data(`query($id: ID!) { node(id: $id) { id } }`, { id: frameworkId });
    expect(d.node).toEqual({ id: frameworkId });
  });

  // Only the other type's id is well-formed: node(id) takes any type and answers null for it.
  const wellFormed = (name: string) => name === 'an id of another type (same row)';

  it.each(Object.keys(FOREIGN))('answers node(id) with null or BAD_USER_INPUT, and framework(id) with BAD_USER_INPUT, for %s', async (name) => {
    const id = foreignIds()[name]!;
    const node = await own.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    if (wellFormed(name)) expect([node.status, node.errors, node.data]).toEqual([200, undefined, { node: null }]);
    else expect([node.status, node.errors?.map((e) => e.extensions?.code), node.data]).toEqual([200, ['BAD_USER_INPUT'], { node: null }]);
    const framework = await own.gql(`query($id: ID!) { framework(id: $id) { id } }`, { id });
    expect([framework.status, framework.errors?.map((e) => e.extensions?.code), framework.data]).toEqual([200, ['BAD_USER_INPUT'], { framework: null }]);
  });

  it('answers nodes(ids) with a null per foreign id, in order, and an error for each malformed one', async () => {
    const ids = [frameworkId, ...Object.values(foreignIds())];
    const body = await own.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(body.data!.nodes).toEqual([{ id: frameworkId }, ...ids.slice(1).map(() => null)]);
    const malformed = Object.keys(FOREIGN).flatMap((name, i) => (wellFormed(name) ? [] : [['nodes', i + 1]]));
    expect(body.errors?.map((e: any) => e.path)).toEqual(malformed);
    expect(body.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
  });

  it.each([
    ['frameworkUpdate', `mutation($id: ID!) { r: frameworkUpdate(input: { id: $id, name: "x" }) { userErrors { code } } }`],
    ['frameworkDelete', `mutation($id: ID!) { r: frameworkDelete(input: { id: $id }) { userErrors { code } } }`],
    ['controlUpdate', `mutation($id: ID!) { r: controlUpdate(input: { id: $id, title: "x" }) { userErrors { code } } }`],
    ['evidenceReview', `mutation($id: ID!) { r: evidenceReview(input: { evidenceId: $id, decision: ACCEPTED }) { userErrors { code } } }`],
    ['tokenRevoke', `mutation($id: ID!) { r: tokenRevoke(input: { id: $id }) { userErrors { code } } }`],
  ])('answers %s with an INVALID user error for every malformed or foreign id', async (mutationName, mutation) => {
    const codes: Record<string, unknown> = {};
    for (const [name, id] of Object.entries(foreignIds())) {
      const body = await own.gql(mutation, { id });
      codes[name] = body.data?.r?.userErrors?.[0]?.code ?? errorCode({ json: body } as never);
    }
    // Malformed ids and ids of another type are INVALID; a Control id (controlUpdate) of no control is NOT_FOUND.
    const controlId = (foreign: string) => foreign === 'an id of another type (same row)' && mutationName === 'controlUpdate';
    const expected = Object.fromEntries(Object.keys(FOREIGN).map((name) => [name, controlId(name) ? 'NOT_FOUND' : 'INVALID']));
    // frameworkUpdate/Delete with the real framework's id under another type must not touch it.
    expect(codes).toEqual(expected);
    const still = await own.data(READ_FRAMEWORK, { id: frameworkId });
    expect(still.framework.name).toBe('Id target');
  });
});
