/**
 * Shutdown on PostgreSQL closes the pool only after the requests it is working on. A GraphQL
 * request whose client went away (RST) while it waited for a lock still runs when the drain finds
 * no connection left; `stop()` waits for it, so its later queries never meet an ended pool
 * ("Cannot use a pool after calling end on the pool", which a read waiting on a table lock met
 * before) and a request's writes all commit.
 * (SIGTERM on the real process, on both backends: test/http/shutdown.test.ts.)
 */
import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLog } from '../ops/support.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { WRITE_LOCK } from '../../src/db/pg-store.js';

const TOKEN = 'postgres-shutdown-admin-token-0123456789abcdef';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Another session, in a transaction that ran `statements` (it holds what they lock) until
 * `release()` rolls it back; released at the end of the test otherwise.
 */
async function sessionHolding(url: string, statements: string): Promise<{ client: pg.Client; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await client.query('ROLLBACK');
    await client.end();
  };
  cleanups.push(release);
  await client.query(`BEGIN; ${statements}`);
  return { client, release };
}

/** Another session in a transaction holding the advisory lock every writer takes (pg-store.ts). */
const holdWriteLock = (url: string) => sessionHolding(url, `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);

/** Resolves once a session of the server waits for a lock (the write is in its handler). */
async function untilWaitingForLock(observer: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('PostgreSQL: stop() and the requests in flight', () => {
  it('waits for the writes of a request whose client went away: both commit, no closed pool', async () => {
    const database: TestDatabase = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const log = captureLog();
    const server: TestServer = await startTestServer({
      env: { CROSSWALK_DATABASE_URL: database.url },
      adminToken: TOKEN,
      logger: log.logger,
      store: { lockWaitMs: 60_000 },
    });
    cleanups.push(() => server.close());
    const lock = await holdWriteLock(database.url);

    // Two root fields of a mutation run one after the other: the second write starts after the first committed.
    const body = JSON.stringify({
      query:
        'mutation($a: FrameworkCreateInput!, $b: FrameworkCreateInput!) { a: frameworkCreate(input: $a) { framework { refId } } b: frameworkCreate(input: $b) { framework { refId } } }',
      variables: {
        a: { refId: 'outlives-a', name: 'Outlives A', kind: 'STANDARD' },
        b: { refId: 'outlives-b', name: 'Outlives B', kind: 'STANDARD' },
      },
    });
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await untilWaitingForLock(lock.client);
    // The client goes away (RST): the drain has no connection to wait for, the handler still runs.
    socket.resetAndDestroy();

    let stopped = false;
    const stopping = server.instance.stop().then(() => (stopped = true));
    // While the lock is held the write cannot finish, so neither can stop().
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stopped).toBe(false);
    await lock.release();
    await stopping;

    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    try {
      const { rows } = await check.query(`SELECT ref_id FROM frameworks WHERE ref_id LIKE 'outlives-%' ORDER BY ref_id`);
      expect(rows).toEqual([{ ref_id: 'outlives-a' }, { ref_id: 'outlives-b' }]);
    } finally {
      await check.end();
    }
    expect(log.lines.filter((line) => /pool/i.test(line) || /"level":(5|6)\d/.test(line))).toEqual([]);
  });

  it('waits for a read whose client went away: its later queries still find the pool open', async () => {
    const database: TestDatabase = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const log = captureLog();
    const server: TestServer = await startTestServer({ env: { CROSSWALK_DATABASE_URL: database.url }, adminToken: TOKEN, logger: log.logger });
    cleanups.push(() => server.close());
    await server.data(`mutation { frameworkCreate(input: { refId: "listed", name: "Listed", kind: STANDARD }) { framework { refId } } }`);
    // Another session locks the table the read needs: its first query waits.
    const { client: holder, release } = await sessionHolding(database.url, 'LOCK TABLE frameworks IN ACCESS EXCLUSIVE MODE');

    const body = JSON.stringify({ query: '{ frameworks { totalCount edges { node { refId name } } } }' });
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await untilWaitingForLock(holder);
    socket.resetAndDestroy();

    let stopped = false;
    const stopping = server.instance.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stopped).toBe(false);
    await release();
    await stopping;
    expect(log.lines.filter((line) => /pool/i.test(line) || /"level":(5|6)\d/.test(line))).toEqual([]);
  });
});
