/**
 * The binary COPY reader (src/db/pg-copy-columns.ts) against a real PostgreSQL server, on one
 * node-postgres client:
 * - many rows over many socket chunks arrive exactly: NULL as NaN, negative values, integers up
 *   to 2^53, booleans as 0/1, notices raised during the copy skipped;
 * - an error in the middle of a copy (division by zero), a statement timeout, node-postgres's
 *   read timeout and a backend terminated during the copy reject the read; after the first three
 *   the same client answers the next query (the socket is node-postgres's again, in step).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyColumns } from '../../src/db/pg-copy-columns.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createPostgresDatabase({ migrated: false });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`CREATE FUNCTION noisy(i int) RETURNS float8 LANGUAGE plpgsql AS $$
    BEGIN IF i % 5000 = 0 THEN RAISE NOTICE 'row %', i; END IF; RETURN i; END $$`);
  await client.query(`CREATE FUNCTION slow(i int) RETURNS float8 LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.0001); RETURN i; END $$`);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const ROWS = 60_000;

/** The value of column c in row i (1-based), as the SELECT below computes it; null as NULL. */
function expected(i: number): [number, number, number | null, number] {
  return [i, -i * 1_000_003, i % 7 === 0 ? null : 2 ** 53 - i, i % 2];
}

const SELECT = `SELECT i::float8, (-i * 1000003::int8)::float8,
  CASE WHEN i % 7 = 0 THEN NULL ELSE (9007199254740992 - i)::float8 END, (i % 2 = 1)::int::float8
  FROM generate_series(1, ${ROWS}) AS i ORDER BY i`;

describe('COPY … TO STDOUT (FORMAT binary) into columns', () => {
  it('reads every row of a long copy exactly, skipping notices raised during it', async () => {
    const notices: string[] = [];
    const onNotice = (notice: { message?: string }) => notices.push(notice.message ?? '');
    client.on('notice', onNotice);
    try {
      const copied = await copyColumns(client, SELECT.replace('SELECT i::float8', 'SELECT noisy(i)'), 4);
      expect(copied.n).toBe(ROWS);
      for (let c = 0; c < 4; c++) {
        const want = Float64Array.from({ length: ROWS }, (_, k) => expected(k + 1)[c] ?? NaN);
        expect(copied.columns[c]).toEqual(want);
      }
    } finally {
      client.off('notice', onNotice);
    }
    // The notices went by during the copy: not delivered, and nothing else was disturbed.
    expect(notices).toEqual([]);
    expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
  });

  it('an empty result is no rows', async () => {
    const copied = await copyColumns(client, 'SELECT 1::float8, 2::float8 WHERE false', 2);
    expect(copied).toEqual({ n: 0, columns: [new Float64Array(0), new Float64Array(0)] });
  });

  it('an error in the middle of the copy rejects the read with it; the client then answers the next query', async () => {
    const failing = `SELECT (1 / (i - 40000))::float8 FROM generate_series(1, ${ROWS}) AS i`;
    await expect(copyColumns(client, failing, 1)).rejects.toMatchObject({ code: '22012' });
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    // And the next copy reads as usual.
    expect((await copyColumns(client, SELECT, 4)).n).toBe(ROWS);
  });

  it('a statement timeout cancels the copy: rejected with 57014, the client goes on', async () => {
    await client.query(`SET statement_timeout = 200`);
    try {
      await expect(copyColumns(client, `SELECT slow(i) FROM generate_series(1, ${ROWS * 10}) AS i`, 1)).rejects.toMatchObject({ code: '57014' });
    } finally {
      await client.query(`SET statement_timeout = 0`);
    }
    expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it("node-postgres's read timeout (query_timeout) rejects the read at once; the client answers the next query once the copy is over", async () => {
    const timed = new pg.Client({ connectionString: database.url, query_timeout: 150 });
    await timed.connect();
    try {
      await expect(copyColumns(timed, `SELECT slow(i) FROM generate_series(1, 4000) AS i`, 1)).rejects.toThrow(/Query read timeout/);
      // The copy (about 4,000 × 0.1 ms of sleep) went on on the server; the socket stayed in step.
      // (This query waits behind the copy: its own timeout is longer.)
      expect((await timed.query({ text: 'SELECT 3 AS three', query_timeout: 60_000 } as pg.QueryConfig)).rows).toEqual([{ three: 3 }]);
      expect((await copyColumns(timed, 'SELECT 1::float8', 1)).columns[0]).toEqual(Float64Array.of(1));
    } finally {
      await timed.end();
    }
  });

  it('a backend terminated during the copy rejects the read instead of leaving it waiting', async () => {
    const doomed = new pg.Client({ connectionString: database.url });
    doomed.on('error', () => undefined);
    await doomed.connect();
    const pid = (await doomed.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    // The rejection is taken at once: it may come before the terminating statement's own answer.
    const read = copyColumns(doomed, `SELECT slow(i) FROM generate_series(1, ${ROWS * 10}) AS i`, 1).then(
      () => null,
      (error: unknown) => error,
    );
    await client.query('SELECT pg_sleep(0.3)');
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(await read).toMatchObject({ code: '57P01' });
    await doomed.end().catch(() => undefined);
  });
});
