/**
 * Work saved per request must not change answers: the token lookup is a prepared statement,
 * shared by the requests arriving together (a revocation or expiry made anywhere, even by another
 * connection, refuses the next request), and
 * it reads the coverage graph version a query's coverage fields then use (one statement, yet a
 * change committed anywhere before the request is in its answer), the
 * query cost is remembered per document and variable values (never across different values),
 * loaders are created lazily but still per request, and answers keep `Cache-Control: no-store`
 * without Apollo's cache-control plugin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/graphql/loaders.js';
import { ForbiddenError } from '../../src/services/read-guard.js';
import { SYSTEM_SEED_ACTOR, type Actor } from '../../src/domain/actor.js';
import { MAXIMUM_QUERY_COST } from '../../src/graphql/cost.js';
import { fromGlobalId } from '../../src/graphql/global-id.js';
import { openDirectDb } from '../support/direct-db.js';
import { Builder } from '../api/coverage-helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
/** Statements the server sends while `recording`, without the per-request bookkeeping (the token read: test/support/server.ts). */
let statements: string[] = [];
let recording = false;

beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql) => void (recording && statements.push(sql)) } });
});
afterAll(async () => {
  await server?.close();
});

async function post(token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function createToken(name: string): Promise<{ id: string; secret: string }> {
  const created = (
    await server.data(`mutation($i: TokenCreateInput!) { tokenCreate(input: $i) { token { id } secret userErrors { code } } }`, {
      i: { name, role: 'VIEWER' },
    })
  ).tokenCreate;
  expect(created.userErrors).toEqual([]);
  return { id: created.token.id, secret: created.secret };
}

describe('authentication reads the token row on every request', () => {
  const VIEWER = '{ viewer { role } }';

  it('refuses a token revoked by another connection (as the CLI in another process) at the next request', async () => {
    const { secret } = await createToken('revoked-elsewhere');
    expect((await post(secret, VIEWER)).status).toBe(200);
    const other = await openDirectDb(server);
    try {
      await other.run(`UPDATE api_tokens SET revoked_at = ?, revoked_by = 'elsewhere' WHERE name = 'revoked-elsewhere'`, [Date.now()]);
    } finally {
      await other.close();
    }
    const answer = await post(secret, VIEWER);
    expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses a token whose expiry was moved into the past by another connection', async () => {
    const { secret } = await createToken('expired-elsewhere');
    expect((await post(secret, VIEWER)).status).toBe(200);
    const other = await openDirectDb(server);
    try {
      await other.run(`UPDATE api_tokens SET expires_at = ? WHERE name = 'expired-elsewhere'`, [Date.now() - 1]);
    } finally {
      await other.close();
    }
    expect((await post(secret, VIEWER)).status).toBe(401);
  });

  it('accepts a new token at once and keeps refusing unknown ones', async () => {
    expect((await post(`cwk_${'B'.repeat(43)}`, VIEWER)).status).toBe(401);
    const { secret } = await createToken('fresh');
    for (let i = 0; i < 3; i++) expect((await post(secret, VIEWER)).body.data).toEqual({ viewer: { role: 'VIEWER' } });
  });
});

describe('a query reads the coverage graph version with its token', () => {
  const SUMMARY = '{ coverage { frameworks { framework { id } total covered } } }';
  const summaryOf = async (framework: string) =>
    ((await server.data(SUMMARY)).coverage.frameworks as { framework: { id: string }; total: number; covered: number }[]).find((f) => f.framework.id === framework);

  it('sends nothing else with a warm cache, and still sees a change another connection committed just before', async () => {
    const b = new Builder(server);
    const framework = await b.framework();
    const requirement = await b.requirement(framework);
    const control = await b.effectiveControl();
    await b.map(requirement, control);
    expect(await summaryOf(framework)).toMatchObject({ total: 1, covered: 1 });
    statements = [];
    recording = true;
    try {
      expect(await summaryOf(framework)).toMatchObject({ total: 1, covered: 1 });
      // Not even the graph version: it came with the token read (per-request bookkeeping).
      expect(statements).toEqual([]);
    } finally {
      recording = false;
    }
    const other = await openDirectDb(server);
    try {
      expect(await other.run('DELETE FROM evidence_controls WHERE control_id = ?', [fromGlobalId(control, 'Control')])).toBe(1);
    } finally {
      await other.close();
    }
    expect(await summaryOf(framework)).toMatchObject({ total: 1, covered: 0 });
  });
});

describe('the cost of a repeated document', () => {
  // A connection costs 1 + first × (its selection): totalCount 1, edges 1 + (node 1 + (id 1)).
  const PAGE = 'query Page($n: Int) { frameworks(first: $n) { totalCount edges { node { id } } } }';
  const cost = async (query: string, variables?: Record<string, unknown>) => {
    const answer = await post(server.token, query, variables);
    return [answer.status, answer.body.extensions?.cost?.requestedQueryCost];
  };

  it('follows the variable values, in any order', async () => {
    const byFirst = (n: number) => 1 + n * (1 + 3);
    const frameworks = byFirst(20);
    expect(await cost(PAGE, { n: 5 })).toEqual([200, byFirst(5)]);
    expect(await cost(PAGE, { n: 50 })).toEqual([200, byFirst(50)]);
    expect(await cost(PAGE, { n: 5 })).toEqual([200, byFirst(5)]);
    expect(await cost(PAGE)).toEqual([200, frameworks]);
    expect(await cost(PAGE, { n: null })).toEqual([200, frameworks]);
    expect(await cost(PAGE, { n: 50 })).toEqual([200, byFirst(50)]);
  });

  it('follows @include variables and still refuses values that do not coerce', async () => {
    const query = 'query Inc($all: Boolean!) { frameworks(first: 10) { totalCount edges @include(if: $all) { node { id } } } }';
    expect(await cost(query, { all: true })).toEqual([200, 1 + 10 * (1 + 3)]);
    expect(await cost(query, { all: false })).toEqual([200, 1 + 10 * 1]);
    expect(await cost(query, { all: 'yes' })).toEqual([400, null]);
    expect(await cost(query, { all: true })).toEqual([200, 1 + 10 * (1 + 3)]);
    expect(await cost(query, { all: 'yes' })).toEqual([400, null]);
  });

  it('refuses a too-costly repeat every time', async () => {
    const query = 'query Big($n: Int) { frameworks(first: $n) { edges { node { requirements(first: 100) { edges { node { id } } } } } } }';
    for (let i = 0; i < 2; i++) {
      const answer = await post(server.token, query, { n: 100 });
      expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([400, 'QUERY_COST_EXCEEDED']);
      expect(answer.body.extensions.cost.maximumAllowed).toBe(MAXIMUM_QUERY_COST);
    }
    expect((await post(server.token, query, { n: 1 })).status).toBe(200);
  });
});

describe('headers', () => {
  it('answers GraphQL with Cache-Control: no-store, errors included', async () => {
    const ok = await post(server.token, '{ __typename }');
    expect([ok.status, ok.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const invalid = await post(server.token, '{ noSuchField }');
    expect([invalid.status, invalid.headers.get('cache-control')]).toEqual([400, 'no-store']);
  });
});

describe('createLoaders', () => {
  it('gives every request its own loaders, created on first use and then the same', () => {
    const services = server.instance.services;
    const a = createLoaders(services, SYSTEM_SEED_ACTOR);
    const b = createLoaders(services, SYSTEM_SEED_ACTOR);
    expect(a.frameworkById).toBe(a.frameworkById);
    expect(a.frameworkById).not.toBe(b.frameworkById);
    expect(a.requirementById).not.toBe(b.requirementById);
  });

  it('reads through the services as the request actor: their read checks apply to nested fields too', async () => {
    const services = server.instance.services;
    const as = (role: Actor['role']): Actor => ({ id: `test:${role}`, name: role, role });
    // A role without READ (MONITOR) is refused by the service behind the loader, as at the root.
    await expect(createLoaders(services, as('MONITOR')).frameworkById.load(1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createLoaders(services, as('MONITOR')).evidenceById.load(1)).rejects.toBeInstanceOf(ForbiddenError);
    // Tokens and audit entries: ADMIN only.
    await expect(createLoaders(services, as('VIEWER')).tokenById.load(1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createLoaders(services, as('EDITOR')).auditEntryBySeq.load(1)).rejects.toBeInstanceOf(ForbiddenError);
    const admin = createLoaders(services, as('ADMIN'));
    expect((await admin.tokenById.load(1))?.id).toBe(1);
    expect((await admin.auditEntryBySeq.load(1))?.seq).toBe(1);
    expect(await createLoaders(services, as('VIEWER')).requirementById.load(999_999)).toBeNull();
  });
});
