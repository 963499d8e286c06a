/**
 * How PostgreSQL's limits reach a client over HTTP: a request that finds no free connection of
 * the pool within the lock wait is busy (503 DATABASE_BUSY, Retry-After), not down; a statement
 * cancelled by the statement timeout is QUERY_TIMEOUT with a fix hint, never a 500, and a write
 * cancelled that way changed nothing. Both are brought about by another connection holding a
 * table lock (the order of events, never a measured time).
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createControl } from '../support/create-through-api.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, postJson } from '../security/support.js';

const CONTROLS = '{ controls { totalCount } }';

/** Another session holding `LOCK TABLE … IN ACCESS EXCLUSIVE MODE` on `table` until released. */
async function lockTable(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  locks.push(client);
  return {
    async release() {
      locks.splice(locks.indexOf(client), 1);
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}
const locks: pg.Client[] = [];
afterEach(async () => {
  for (const client of locks.splice(0)) await client.end().catch(() => undefined);
});

/** Waits until a statement of the server's pool waits for a lock (it holds its connection meanwhile). */
async function untilWaiting(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'crosswalk' AND wait_event_type = 'Lock'`);
      if (rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}

describe('no free connection within the lock wait', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    server = await startTestServer({ env: { CROSSWALK_DATABASE_URL: database.url, CROSSWALK_DATABASE_POOL_SIZE: '1' }, store: { lockWaitMs: 300 } });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers 503 DATABASE_BUSY with Retry-After (busy, not down), and serves again once a connection is free', async () => {
    const lock = await lockTable(database.url, 'controls');
    // The pool's only connection waits for the table lock.
    const first = postJson(server, { query: CONTROLS });
    await untilWaiting(database.url);
    const second = await postJson(server, { query: CONTROLS });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(second.json.errors.map((e: any) => e.extensions.code)).toEqual(['DATABASE_BUSY']);
    expectJsonWithoutLeaks(second);
    await lock.release();
    const answered = await first;
    expect([answered.status, answered.json.data]).toEqual([200, { controls: { totalCount: 0 } }]);
    expect((await postJson(server, { query: CONTROLS })).json.data).toEqual({ controls: { totalCount: 0 } });
  });
});

describe('a statement cancelled by the statement timeout', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    server = await startTestServer({ env: { CROSSWALK_DATABASE_URL: database.url, CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS: '1500' } });
    await createControl(server, 'TIMEOUT-1');
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers a read with QUERY_TIMEOUT and a fix hint, not a 500', async () => {
    const lock = await lockTable(database.url, 'controls');
    try {
      const answer = await postJson(server, { query: CONTROLS });
      expect(answer.status).toBe(200);
      expect(answer.json.errors).toEqual([
        { message: expect.stringMatching(/statement timeout \(CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS\).*Ask for less/), locations: expect.any(Array), path: ['controls'], extensions: { code: 'QUERY_TIMEOUT' } },
      ]);
      expectJsonWithoutLeaks(answer);
    } finally {
      await lock.release();
    }
    expect((await postJson(server, { query: CONTROLS })).json.data).toEqual({ controls: { totalCount: 1 } });
  });

  it('answers a write with QUERY_TIMEOUT and changes nothing', async () => {
    const lock = await lockTable(database.url, 'controls');
    try {
      const answer = await postJson(server, {
        query: `mutation { controlCreate(input: { refId: "TIMEOUT-2", title: "x", type: PREVENTIVE }) { control { id } userErrors { code } } }`,
      });
      expect(answer.json.errors?.map((e: any) => e.extensions.code)).toEqual(['QUERY_TIMEOUT']);
      expectJsonWithoutLeaks(answer);
    } finally {
      await lock.release();
    }
    expect((await postJson(server, { query: `{ control(refId: "TIMEOUT-2") { id } }` })).json.data).toEqual({ control: null });
  });
});
