/**
 * Another process holding the database's write lock (SQLite: a CLI import, a backup, any `BEGIN
 * IMMEDIATE`; PostgreSQL: another instance's or the CLI's write transaction, which holds the
 * advisory write lock of pg-store.ts) must not freeze the server: reads are answered while the lock is held (a token's first use
 * included, although it records lastUsedAt), a write waits without blocking and succeeds once the
 * lock is released, and a write that cannot get the lock within the lock wait is refused with a
 * 503 DATABASE_BUSY and Retry-After, having changed nothing.
 *
 * Every check is about the order of events (the answer arrives while the other process still
 * holds the lock; the child releases only when told to), never about how long something took.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runCli } from '../access/helpers.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, postJson } from './support.js';
import { useCompiledApp } from '../support/compiled-app.js';
import { WRITE_LOCK } from '../../src/db/pg-store.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

/** A child process that takes the write lock with BEGIN IMMEDIATE and holds it until told to release it. */
const HOLDER = `
const Sqlite = require('better-sqlite3');
const db = new Sqlite(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => {
  db.exec('ROLLBACK');
  db.close();
  process.stdout.write('released\\n');
  process.exit(0);
});
`;

interface LockHolder {
  /** Tells the child to roll back and waits until it has. */
  release(): Promise<void>;
}

const holders: ChildProcessWithoutNullStreams[] = [];
const pgHolders: pg.Client[] = [];

/**
 * Resolves once another connection holds the write lock of the server's database: on SQLite a
 * child process (better-sqlite3 would block this process), on PostgreSQL a connection of this
 * process in a transaction that took the advisory write lock every writer takes.
 */
async function holdWriteLock(server: TestServer): Promise<LockHolder> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    pgHolders.push(client);
    return {
      async release() {
        pgHolders.splice(pgHolders.indexOf(client), 1);
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }
  const child = spawn(process.execPath, ['-e', HOLDER, join(server.dataDir, 'crosswalk.db')], { cwd: process.cwd() });
  holders.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const first = await lines.next();
  if (first.value !== 'locked') throw new Error(`the lock holder failed: ${Buffer.concat(stderr).toString()}`);
  return {
    async release() {
      child.stdin.write('go\n');
      expect((await lines.next()).value).toBe('released');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

afterEach(async () => {
  for (const child of holders.splice(0)) if (child.exitCode === null) child.kill();
  for (const client of pgHolders.splice(0)) await client.end().catch(() => undefined);
});

const CREATE = `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id refId } userErrors { code } } }`;
const FIND = `query($refId: String!) { control(refId: $refId) { id } }`;

describe('a write lock held by another process, with the default-length lock wait', () => {
  let server: TestServer;
  let viewer: GraphQLClient;
  beforeAll(async () => {
    server = await startTestServer({ store: { lockWaitMs: 120_000 } });
    viewer = await server.as('VIEWER'); // never used before the lock is taken: its first use records lastUsedAt
  });
  afterAll(() => server.close());

  it('answers a VIEWER query (the token\u2019s first use) while the lock is held, and a write waiting for the lock succeeds after the release', async () => {
    const lock = await holdWriteLock(server);
    let writeSettled = false;
    const write = server.gql(CREATE, { input: { refId: 'LOCK-1', title: 'Written after the lock', type: 'PREVENTIVE' } }).finally(() => {
      writeSettled = true;
    });

    // Role VIEWER, a read: answered while the other process still holds the lock.
    const read = await viewer.gql(`{ viewer { role } frameworks { totalCount } }`);
    expect([read.status, read.errors, read.data]).toEqual([200, undefined, { viewer: { role: 'VIEWER' }, frameworks: { totalCount: 0 } }]);
    expect(writeSettled).toBe(false); // the write is still waiting for the lock

    await lock.release();
    const written = await write;
    expect([written.status, written.errors, written.data]).toEqual([200, undefined, { controlCreate: { control: { id: expect.any(String), refId: 'LOCK-1' }, userErrors: [] } }]);

    // The VIEWER's first use is recorded once the lock is free.
    await server.instance.services.tokens.usage.flush();
    const tokens = await server.data(`{ tokens { edges { node { role lastUsedAt } } } }`);
    const viewers = tokens.tokens.edges.map((e: any) => e.node).filter((t: any) => t.role === 'VIEWER');
    expect(viewers).toEqual([{ role: 'VIEWER', lastUsedAt: expect.any(String) }]);
  });
});

describe('a write lock held longer than the lock wait', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: { lockWaitMs: 200 } });
  });
  afterAll(() => server.close());

  it('refuses an ADMIN controlCreate with a GraphQL-shaped 503 DATABASE_BUSY and Retry-After, and writes nothing', async () => {
    const lock = await holdWriteLock(server);
    const answer = await postJson(server, { query: CREATE, variables: { input: { refId: 'LOCK-2', title: 'Never written', type: 'PREVENTIVE' } } });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.json).toEqual({
      errors: [{ message: expect.stringMatching(/database is busy.*nothing was changed/), locations: expect.any(Array), path: ['controlCreate'], extensions: { code: 'DATABASE_BUSY' } }],
      data: null,
      extensions: { cost: expect.any(Object) },
    });
    expectJsonWithoutLeaks(answer);
    // Still held: reads go on.
    expect(await server.data(FIND, { refId: 'LOCK-2' })).toEqual({ control: null });

    // No role: a bad token's failure cannot be audited while the lock is held, so it is not
    // answered as if it had been: the same 503, a GraphQL-shaped error on /graphql.
    const unknown = await postJson(server, { query: '{ viewer { role } }' }, { token: 'cwk_not-a-token' });
    expect([unknown.status, unknown.headers.get('retry-after'), unknown.json.errors[0].extensions.code]).toEqual([503, '1', 'DATABASE_BUSY']);

    // An operator command (another process, the same lock wait): a clear message and exit code 1, no stack.
    const cli = await runCli(server, ['token', 'create', '--name', 'during-lock', '--role', 'VIEWER'], { CROSSWALK_LOCK_WAIT_MS: '200' });
    expect([cli.code, cli.stderr.trim()]).toEqual([1, expect.stringMatching(/^error: the database is busy .*nothing was changed; retry in 1 s$/)]);

    await lock.release();
    expect(await server.data(FIND, { refId: 'LOCK-2' })).toEqual({ control: null });
    const retried = await server.data(CREATE, { input: { refId: 'LOCK-2', title: 'Written on retry', type: 'PREVENTIVE' } });
    expect(retried.controlCreate.userErrors).toEqual([]);
  });
});
