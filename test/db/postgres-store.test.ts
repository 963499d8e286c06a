/**
 * The PostgreSQL store (src/db/pg-store.ts) on a real server of its own (this file stops and
 * restarts it):
 * - a transaction commits its writes, and an exception rolls all of them back;
 * - two stores on one database (two instances) serialise their writers: read-modify-write
 *   transactions interleaved across both lose no update and append in order;
 * - a writer that cannot get the lock within its wait gets DatabaseBusyError, and its work never runs;
 * - with the server stopped, transactions fail with DatabaseUnavailableError (503
 *   DATABASE_UNAVAILABLE through the API's error mapping) and readiness is false; once the server is
 *   back, the same store works again;
 * - token use noted while the server is down is kept, not reported as a failure, and written once
 *   it is back;
 * - readiness is false before the migrations and true after;
 * - an instance started while the server is down keeps trying: it listens, /healthz answers, /readyz
 *   and every other request answer 503;
 * - a malformed CROSSWALK_DATABASE_URL stops the server at start with exit code 2 and a clear
 *   message that does not repeat the value.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig } from '../../src/config.js';
import { DatabaseBusyError } from '../../src/db/busy.js';
import { rows } from '../../src/db/dialect.js';
import { PostgresStore } from '../../src/db/pg-store.js';
import type { Db } from '../../src/db/store.js';
import { DatabaseUnavailableError } from '../../src/db/unavailable.js';
import { databaseCannotServe, formatGraphQLError } from '../../src/http/errors.js';
import { createLogger } from '../../src/ops/log.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { TokenUsage } from '../../src/services/token-usage.js';
import { startCrosswalk } from '../../src/server.js';
import { compiledApp, useCompiledApp } from '../support/compiled-app.js';
import { createEmptyDatabase, createMigratedDatabase, freePort, startPostgres, type TestDatabase, type TestPostgres } from '../support/postgres.js';

useCompiledApp();

let server: TestPostgres;
let database: TestDatabase;
const stores: PostgresStore[] = [];

/** A store on the test database, closed after the file. */
const openStore = async (lockWaitMs?: number): Promise<PostgresStore> => {
  const store = await PostgresStore.open(database.url, { lockWaitMs });
  stores.push(store);
  return store;
};

beforeAll(async () => {
  server = await startPostgres();
  database = await createMigratedDatabase(server);
  const store = await openStore();
  // A scratch table of this file's own: the store is under test here, not the schema.
  await store.transaction(async (tx) => {
    await rows(tx, sql`CREATE TABLE store_test_counter (id integer PRIMARY KEY, n bigint NOT NULL)`);
    await rows(tx, sql`CREATE TABLE store_test_log (seq bigint PRIMARY KEY, writer text NOT NULL)`);
    await rows(tx, sql`INSERT INTO store_test_counter VALUES (1, 0)`);
  });
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await database?.drop();
  await server?.stop();
});

const counter = async (db: Db): Promise<number> => (await rows<{ n: number }>(db, sql`SELECT n FROM store_test_counter WHERE id = 1`))[0]!.n;
const setCounter = (db: Db, n: number) => rows(db, sql`UPDATE store_test_counter SET n = ${n} WHERE id = 1`);
/** Lets the other store's transactions run between a read and the write that depends on it. */
const yieldTurns = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('transactions', () => {
  it('commits the writes of a transaction, and reads int8 values as numbers', async () => {
    const store = await openStore();
    const before = await counter(store.read);
    const result = await store.transaction(async (tx) => {
      await setCounter(tx, before + 5);
      return 'done';
    });
    expect(result).toBe('done');
    const after = await counter(store.read);
    expect(after).toBe(before + 5);
    expect(typeof after).toBe('number');
  });

  it('rolls every write of a failed transaction back and passes its error on', async () => {
    const store = await openStore();
    const before = await counter(store.read);
    const failure = new Error('the work failed');
    await expect(
      store.transaction(async (tx) => {
        await setCounter(tx, before + 100);
        await rows(tx, sql`INSERT INTO store_test_log VALUES (${-1}, 'rolled back')`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await counter(store.read)).toBe(before);
    expect(await rows(store.read, sql`SELECT * FROM store_test_log WHERE seq = -1`)).toEqual([]);
  });
});

describe('two stores on one database (two instances)', () => {
  it('serialise their writers: interleaved read-modify-write transactions lose no update and append in order', async () => {
    const [a, b] = [await openStore(), await openStore()];
    const start = await counter(a.read);
    const perStore = 12;
    const increment = (store: PostgresStore, writer: string) =>
      store.transaction(async (tx) => {
        const n = await counter(tx);
        await yieldTurns();
        await setCounter(tx, n + 1);
        const [last] = await rows<{ seq: number | null }>(tx, sql`SELECT max(seq) AS seq FROM store_test_log`);
        await rows(tx, sql`INSERT INTO store_test_log VALUES (${(last?.seq ?? 0) + 1}, ${writer})`);
        return n + 1;
      });
    const results = await Promise.all(
      Array.from({ length: perStore }, (_, i) => [increment(a, `a${i}`), increment(b, `b${i}`)]).flat(),
    );
    expect(await counter(a.read)).toBe(start + 2 * perStore);
    // Each transaction saw the one committed before it: the values it wrote are all different.
    expect(new Set(results).size).toBe(2 * perStore);
    const log = await rows<{ seq: number; writer: string }>(b.read, sql`SELECT seq, writer FROM store_test_log WHERE seq > 0 ORDER BY seq`);
    expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((r) => r.writer.startsWith('a'))).toHaveLength(perStore);
  });

  it('refuse a writer with DatabaseBusyError, without running its work, while the other holds the lock past its wait', async () => {
    const [holder, waiter] = [await openStore(), await openStore()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.transaction(async () => {
      locked();
      await held;
    });
    await isLocked;
    let ran = 0;
    try {
      for (const lockWaitMs of [0, 50]) {
        const refused = await waiter.transaction(async () => void ran++, { lockWaitMs }).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(DatabaseBusyError);
        expect((refused as DatabaseBusyError).code).toBe('DATABASE_BUSY');
      }
      expect(ran).toBe(0);
    } finally {
      release();
      await holding;
    }
    await waiter.transaction(async () => void ran++, { lockWaitMs: 0 });
    expect(ran).toBe(1);
  });
});

describe('readiness', () => {
  it('is false before the migrations and true after them', async () => {
    const empty = await createEmptyDatabase(server);
    const store = PostgresStore.connect(empty.url);
    try {
      expect(await store.isReady()).toBe(false);
      await store.migrate();
      expect(await store.isReady()).toBe(true);
    } finally {
      await store.close();
      await empty.drop();
    }
    expect(await store.isReady()).toBe(false);
  });
});

describe('an unreachable server', () => {
  it('fails transactions with DatabaseUnavailableError (503 DATABASE_UNAVAILABLE), is not ready, and recovers without a new store', async () => {
    const store = await openStore();
    expect(await store.isReady()).toBe(true);
    const before = await counter(store.read);
    await server.pause();
    try {
      const refused = await store.transaction(async (tx) => setCounter(tx, before + 1)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseUnavailableError);
      expect((refused as DatabaseUnavailableError).code).toBe('DATABASE_UNAVAILABLE');
      expect(await store.isReady()).toBe(false);
      // A read fails with the driver's error; the API maps it like the store's.
      const readFailure = await counter(store.read).catch((error: unknown) => error);
      expect(databaseCannotServe(readFailure)?.code).toBe('DATABASE_UNAVAILABLE');
      const formatted = formatGraphQLError()({ message: 'x', path: ['controls'] }, readFailure);
      expect(formatted.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(formatted.message).not.toMatch(/127\.0\.0\.1|SELECT|password/i);
    } finally {
      await server.start();
    }
    expect(await store.isReady()).toBe(true);
    await store.transaction(async (tx) => setCounter(tx, before + 1));
    expect(await counter(store.read)).toBe(before + 1);
  });
});

describe('token use noted while the server cannot be reached', () => {
  it('is kept without a failure report and written once the server is back', async () => {
    const store = await openStore();
    const createdAt = new Date(1_800_000_000_000);
    const token = await store.transaction((tx) =>
      createRepositories(tx).tokens.insert({ name: 'outage', role: 'VIEWER', tokenHash: 'hash-outage', prefix: 'cw_outage', createdAt, createdBy: 'test' }),
    );
    const failures: unknown[] = [];
    const usage = new TokenUsage(store, 1, 20, (_message, error) => failures.push(error));
    const usedAt = new Date(createdAt.getTime() + 60_000);
    await server.pause();
    try {
      usage.note(token.id, usedAt);
      await usage.flush();
    } finally {
      await server.start();
    }
    expect(failures).toEqual([]);
    await usage.flush();
    expect((await createRepositories(store.read).tokens.findById(token.id))?.lastUsedAt).toEqual(usedAt);
    await usage.stop();
  });
});

describe('a start while the server cannot be reached', () => {
  it('keeps trying: /healthz answers 200, /readyz 503 and every other request 503 DATABASE_UNAVAILABLE', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-pg-start-'));
    const config = loadConfig({ CROSSWALK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', CROSSWALK_DATABASE_URL: database.url, CROSSWALK_SEED: 'none' });
    const giveUp = new AbortController();
    const retries: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void retries.push(line) } as never });
    await server.pause();
    const starting = startCrosswalk(config, { logger, log: () => {}, figuresIntervalMs: null, signal: giveUp.signal }).then(
      async (instance) => {
        await instance.stop();
        return null;
      },
      (error: unknown) => error,
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      // The instance listens before its first try to reach the database; wait for a failed try.
      while (!retries.join('').includes('the database cannot be reached')) await new Promise((resolve) => setTimeout(resolve, 10));
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const query = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(query.status).toBe(503);
      expect(query.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await query.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      giveUp.abort();
      const outcome = await starting;
      await server.start();
      rmSync(dataDir, { recursive: true, force: true });
      expect(outcome).toBeInstanceOf(DatabaseUnavailableError);
    }
  });
});

describe('the configuration', () => {
  it('selects SQLite without CROSSWALK_DATABASE_URL and PostgreSQL with either scheme; sizes the pool; never logs the password', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ CROSSWALK_DATABASE_URL: ' ' }).databaseUrl).toBeNull();
    for (const url of ['postgres://app:pw@db:5432/crosswalk', 'postgresql://db/crosswalk?sslmode=require']) {
      expect(loadConfig({ CROSSWALK_DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    const config = loadConfig({ CROSSWALK_DATABASE_URL: 'postgres://app:pw-secret@db.internal:5432/crosswalk' });
    expect(config).toMatchObject({ databasePoolSize: 10, databaseStatementTimeoutMs: 0 });
    expect(describeDatabase(config)).toBe('postgres://db.internal:5432/crosswalk');
    expect(loadConfig({ CROSSWALK_DATABASE_POOL_SIZE: '4', CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS: '30000' })).toMatchObject({
      databasePoolSize: 4,
      databaseStatementTimeoutMs: 30000,
    });
    expect(() => loadConfig({ CROSSWALK_DATABASE_POOL_SIZE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/CROSSWALK_DATABASE_STATEMENT_TIMEOUT_MS must be/);
  });
});

describe('a malformed CROSSWALK_DATABASE_URL', () => {
  it.each([
    ['mysql://admin:s3cret-value@db.example.com/crosswalk', /CROSSWALK_DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    ['s3cret-value not a url', /CROSSWALK_DATABASE_URL is not a URL/],
  ])('%s stops the server at start with exit code 2 and a message that does not repeat it', async (url, message) => {
    const app = await compiledApp();
    const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-bad-url-'));
    try {
      const child = spawn(process.execPath, [app.main], {
        cwd: app.root,
        env: { ...process.env, CROSSWALK_DATA_DIR: dataDir, PORT: '0', CROSSWALK_DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(output).toMatch(message);
      expect(output).not.toContain('s3cret-value');
      expect(output.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
