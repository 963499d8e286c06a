import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { hashToken } from '../../src/domain/tokens.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { startCrosswalk } from '../../src/server.js';
import { MutationRunner } from '../../src/services/mutation-runner.js';
import { forOperation } from '../../src/services/operation-scope.js';
import { TokenService } from '../../src/services/token-service.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { startTestServer, testBackend, type TestServer } from '../support/server.js';
import { bearer, createToken, ERRORS, openDatabaseFile, post } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const VIEWER_QUERY = '{ viewer { actorId name role token { id name fromEnvironment } } }';
const SECRET = /^cwk_[A-Za-z0-9_-]{43}$/;

describe('API tokens', () => {
  it('creates a token whose secret is shown once: cwk_ + 256 random bits, usable as a bearer token', async () => {
    const created = await createToken(server, { name: 'ci-uploader', role: 'CONTRIBUTOR' });
    expect(created.userErrors).toEqual([]);
    expect(created.secret).toMatch(SECRET);
    // 43 base64url characters carry 258 bits; the token is 32 random bytes.
    expect(Buffer.from(created.secret.slice(4), 'base64url')).toHaveLength(32);
    expect(created.token).toMatchObject({ name: 'ci-uploader', role: 'CONTRIBUTOR', prefix: created.secret.slice(0, 10), lastUsedAt: null, revokedAt: null });

    const me = await server.withToken(created.secret).data(VIEWER_QUERY);
    expect(me.viewer).toEqual({
      actorId: `token:${Buffer.from(created.token.id, 'base64url').toString().split(':')[1]}`,
      name: 'ci-uploader',
      role: 'CONTRIBUTOR',
      token: { id: created.token.id, name: 'ci-uploader', fromEnvironment: false },
    });

    // Two tokens never share a secret.
    const other = await createToken(server, { name: 'ci-uploader-2', role: 'CONTRIBUTOR' });
    expect(other.secret).not.toBe(created.secret);
  });

  it('refuses a name a live token has (DUPLICATE); a revoked or expired token frees its name', async () => {
    const first = await createToken(server, { name: 'dashboard', role: 'VIEWER' });
    expect(first.userErrors).toEqual([]);
    const before = (await server.data('{ tokens(first: 100) { totalCount } }')).tokens.totalCount;
    const again = await createToken(server, { name: 'dashboard', role: 'EDITOR' });
    expect(again).toMatchObject({ token: null, secret: null });
    expect(again.userErrors).toEqual([{ field: ['input', 'name'], code: 'DUPLICATE', message: expect.stringMatching(/a live token named "dashboard" exists: choose another name, or revoke that token first/) }]);
    expect((await server.data('{ tokens(first: 100) { totalCount } }')).tokens.totalCount).toBe(before);
    // Another name differing only by case is another name.
    expect((await createToken(server, { name: 'Dashboard', role: 'VIEWER' })).userErrors).toEqual([]);

    await server.data(`mutation($id: ID!) { tokenRevoke(input: { id: $id }) { ${ERRORS} } }`, { id: first.token.id });
    expect((await createToken(server, { name: 'dashboard', role: 'VIEWER' })).userErrors).toEqual([]);

    // Expired (created an hour ago for 30 minutes, through a service with its own clock).
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const past = new TokenService(server.instance.store, new MutationRunner(server.instance.store, () => anHourAgo), () => anHourAgo);
    const expired = await past.create(forOperation(CLI_ACTOR, 'test.expiredToken'), { name: 'nightly', role: 'VIEWER', expiresAt: new Date(anHourAgo.getTime() + 30 * 60_000) });
    expect(expired.ok).toBe(true);
    expect((await createToken(server, { name: 'nightly', role: 'VIEWER' })).userErrors).toEqual([]);
  });

  it('never exposes a hash or a secret through `tokens` (nor in the schema)', async () => {
    const created = await createToken(server, { name: 'lister', role: 'VIEWER' });
    const d = await server.data(`{ tokens(includeRevoked: true, first: 100) { totalCount edges { node {
      id name role prefix scopeAISystems { id } scopeControls { id } fromEnvironment expiresAt lastUsedAt revokedAt revokedBy createdAt createdBy
    } } } }`);
    const text = JSON.stringify(d);
    expect(text).toContain('lister');
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(hashToken(created.secret));
    expect(text).not.toContain(server.token);
    expect(text).not.toContain(hashToken(server.token));

    // In the schema, a secret is only in tokenCreate's payload, and no token field holds a hash.
    // (Walked without importing `graphql` here: a second copy of it breaks the running server.)
    const typeMap = buildSchema().getTypeMap();
    const suspicious = Object.values(typeMap)
      .filter((t) => !t.name.startsWith('__') && 'getFields' in t && typeof t.getFields === 'function' && !('ofType' in t))
      .flatMap((t) => Object.keys((t as any).getFields()).filter((f) => /secret|hash/i.test(f)).map((f) => `${t.name}.${f}`));
    expect(suspicious.sort()).toEqual(
      ['AuditEntry.hash', 'AuditEntry.prevHash', 'AuditVerification.headHash', 'TokenCreatePayload.secret'].sort(),
    );
  });

  it('refuses a revoked token with 401 at once; revoking twice is a CONFLICT', async () => {
    const created = await createToken(server, { name: 'to-revoke', role: 'VIEWER' });
    expect((await post(server, bearer(created.secret), VIEWER_QUERY)).status).toBe(200);
    const revoke = `mutation($id: ID!) { tokenRevoke(input: { id: $id }) { token { revokedAt revokedBy } ${ERRORS} } }`;
    const first = (await server.data(revoke, { id: created.token.id })).tokenRevoke;
    expect(first.userErrors).toEqual([]);
    expect(first.token.revokedBy).toBe('token:1');
    const answer = await post(server, bearer(created.secret), VIEWER_QUERY);
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const again = (await server.data(revoke, { id: created.token.id })).tokenRevoke;
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'id'] })]);
    // Revoked tokens are listed only on request.
    const ids = async (includeRevoked: boolean) =>
      (await server.data(`query($r: Boolean) { tokens(includeRevoked: $r, first: 100) { edges { node { id } } } }`, { r: includeRevoked })).tokens.edges.map(
        (e: any) => e.node.id,
      );
    expect(await ids(false)).not.toContain(created.token.id);
    expect(await ids(true)).toContain(created.token.id);
  });

  it('answers requests that arrive together each by its own token (their token reads are shared: services/token-reads.ts)', async () => {
    const viewer = await createToken(server, { name: 'together-viewer', role: 'VIEWER' });
    const contributor = await createToken(server, { name: 'together-contributor', role: 'CONTRIBUTOR' });
    const revoked = await createToken(server, { name: 'together-revoked', role: 'ADMIN' });
    const revoke = `mutation($id: ID!) { tokenRevoke(input: { id: $id }) { ${ERRORS} } }`;
    expect((await server.data(revoke, { id: revoked.token.id })).tokenRevoke.userErrors).toEqual([]);
    const callers = [
      { secret: viewer.secret, expect: [200, 'together-viewer'] },
      { secret: contributor.secret, expect: [200, 'together-contributor'] },
      { secret: server.token, expect: [200, 'CROSSWALK_ADMIN_TOKEN'] },
      { secret: revoked.secret, expect: [401, undefined] },
      { secret: `cwk_${'Z'.repeat(43)}`, expect: [401, undefined] },
    ];
    const sent = Array.from({ length: 60 }, (_, i) => callers[i % callers.length]!);
    // On PostgreSQL the first request's read waits behind a lock on the tokens table while the
    // others arrive, so they share reads of several hashes; the lock goes once a second read
    // waits too. (On SQLite a read never waits: each request reads alone, and this is the plain
    // end-to-end check.)
    const lock = testBackend() === 'postgres' ? await openDatabaseFile(server) : null;
    await lock?.run('BEGIN');
    await lock?.run('LOCK TABLE api_tokens IN ACCESS EXCLUSIVE MODE');
    const answering = Promise.all(sent.map((c) => post(server, bearer(c.secret), '{ viewer { name } }')));
    if (lock) {
      while ((await lock.all(`SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'api_tokens'::regclass`)).length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await lock.run('COMMIT');
      await lock.close();
    }
    const answers = await answering;
    expect(answers.map((a) => [a.status, a.body.data?.viewer.name])).toEqual(sent.map((c) => c.expect));
  });

  it('refuses an expired token with 401 (created an hour in the past through a service with its own clock)', async () => {
    const store = server.instance.store;
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const clock = () => anHourAgo;
    const past = new TokenService(store, new MutationRunner(store, clock), clock);
    const expiresAt = new Date(anHourAgo.getTime() + 30 * 60_000);
    const result = await past.create(forOperation(CLI_ACTOR, 'test.expiredToken'), { name: 'expired', role: 'VIEWER', expiresAt });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { secret } = result.value;
    // Valid in its own time, expired now.
    expect(await past.authenticate(secret)).toMatchObject({ name: 'expired' });
    const answer = await post(server, bearer(secret), VIEWER_QUERY);
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].message).toMatch(/unknown, revoked or expired/);
    // The boundary: at expiresAt exactly the token no longer works.
    const atExpiry = new TokenService(store, new MutationRunner(store, () => expiresAt), () => expiresAt);
    expect(await atExpiry.authenticate(secret)).toBeNull();

    // Through the API an expiry must be in the future, given as an instant or a lifetime.
    const refused = await createToken(server, { name: 'x', role: 'VIEWER', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'expiresAt'] })]);
    const bad = await createToken(server, { name: 'x', role: 'VIEWER', expiresIn: 'soon' });
    expect(bad.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'expiresIn'] })]);
    const inADay = await createToken(server, { name: 'x', role: 'VIEWER', expiresIn: '1d' });
    expect(Date.parse(inADay.token.expiresAt) - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
  });

  it.each([
    ['no Authorization header', null],
    ['a garbage header', 'garbage'],
    ['a Basic header', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['an empty bearer', 'Bearer '],
    ['an unknown bearer token', bearer(`cwk_${'A'.repeat(43)}`)],
  ])('answers %s with 401, a GraphQL-shaped UNAUTHENTICATED error and WWW-Authenticate', async (_, authorization) => {
    const answer = await post(server, authorization, '{ frameworks { totalCount } }');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="crosswalk"');
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(answer.body).toEqual({
      errors: [{ message: expect.stringMatching(/valid API token is required/), extensions: { code: 'UNAUTHENTICATED', requestId: answer.headers.get('x-request-id') } }],
    });
  });

  it('records when a token was last used', async () => {
    const created = await createToken(server, { name: 'used', role: 'VIEWER' });
    expect(created.token.lastUsedAt).toBeNull();
    const before = Date.now();
    await server.withToken(created.secret).data(VIEWER_QUERY);
    // Written in the background (authentication never waits for the lock): write it now.
    await server.instance.services.tokens.usage.flush();
    const d = await server.data(`query($id: ID!) { node(id: $id) { ... on ApiToken { lastUsedAt } } }`, { id: created.token.id });
    expect(Date.parse(d.node.lastUsedAt)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(d.node.lastUsedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('accepts CROSSWALK_ADMIN_TOKEN as an ADMIN token, stored hashed and marked as from the environment', async () => {
    const me = await server.data(VIEWER_QUERY);
    expect(me.viewer).toMatchObject({ name: 'CROSSWALK_ADMIN_TOKEN', role: 'ADMIN', token: { fromEnvironment: true } });
    const db = server.instance.store.read;
    const { apiTokens } = tablesOf(db);
    const rows = await db.select().from(apiTokens);
    expect(rows.some((r) => r.tokenHash === hashToken(server.token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(server.token);
  });
});

describe('start-up', () => {
  const dirs: string[] = [];
  /** On PostgreSQL each fresh data directory gets a fresh database of its own. */
  const databases = new Map<string, TestDatabase>();
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const database of databases.values()) await database.drop();
  });
  const freshDir = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-bootstrap-'));
    dirs.push(dir);
    if (testBackend() === 'postgres') databases.set(dir, await createPostgresDatabase());
    return dir;
  };
  const configFor = (dir: string, adminToken?: string) =>
    loadConfig({
      CROSSWALK_DATA_DIR: dir,
      ...(databases.has(dir) ? { CROSSWALK_DATABASE_URL: databases.get(dir)!.url } : {}),
      PORT: '0',
      HOST: '127.0.0.1',
      CROSSWALK_SEED: 'none',
      ...(adminToken ? { CROSSWALK_ADMIN_TOKEN: adminToken } : {}),
    });
  const viewer = async (url: string, secret: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(secret) },
      body: JSON.stringify({ query: '{ viewer { name role } tokens(includeRevoked: true) { totalCount } }' }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('without CROSSWALK_ADMIN_TOKEN, a fresh database gets one ADMIN token, printed once', async () => {
    const dir = await freshDir();
    const logs: string[] = [];
    const first = await startCrosswalk(configFor(dir), { log: (m) => logs.push(m) });
    let secret: string;
    try {
      const printed = logs.filter((m) => m.includes('cwk_'));
      expect(printed).toHaveLength(1);
      secret = /cwk_[A-Za-z0-9_-]{43}/.exec(printed[0]!)![0];
      expect(printed[0]).toMatch(/shown only this once/);
      const answer = await viewer(first.url, secret);
      expect(answer.body.data).toEqual({ viewer: { name: 'bootstrap-admin', role: 'ADMIN' }, tokens: { totalCount: 1 } });
    } finally {
      await first.stop();
    }

    const again: string[] = [];
    const second = await startCrosswalk(configFor(dir), { log: (m) => again.push(m) });
    try {
      expect(again.join('\n')).not.toMatch(/cwk_|token/i);
      expect((await viewer(second.url, secret)).body.data.tokens.totalCount).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start with a CROSSWALK_ADMIN_TOKEN that is too short or has spaces', async () => {
    await expect(startCrosswalk(configFor(await freshDir(), 'short-token'), { log: () => {} })).rejects.toThrow(/at least 32 characters/);
    await expect(startCrosswalk(configFor(await freshDir(), `${'x'.repeat(20)} ${'y'.repeat(20)}`), { log: () => {} })).rejects.toThrow(/without spaces/);
  });

  it('rotating CROSSWALK_ADMIN_TOKEN revokes the previous value; a revoked value is refused at start', async () => {
    const dir = await freshDir();
    const a = `token-a-${'a'.repeat(40)}`;
    const b = `token-b-${'b'.repeat(40)}`;
    const first = await startCrosswalk(configFor(dir, a), { log: () => {} });
    try {
      expect((await viewer(first.url, a)).status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = await startCrosswalk(configFor(dir, b), { log: () => {} });
    try {
      expect((await viewer(second.url, a)).status).toBe(401);
      const answer = await viewer(second.url, b);
      expect(answer.body.data).toEqual({ viewer: { name: 'CROSSWALK_ADMIN_TOKEN', role: 'ADMIN' }, tokens: { totalCount: 2 } });
    } finally {
      await second.stop();
    }
    await expect(startCrosswalk(configFor(dir, a), { log: () => {} })).rejects.toThrow(/CROSSWALK_ADMIN_TOKEN was revoked/);
  });
});
