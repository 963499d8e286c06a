import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledApp, useCompiledApp } from '../support/compiled-app.js';
import { openDirectDb } from '../support/direct-db.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { testBackend } from '../support/server.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

const TOKEN = 'shutdown-test-admin-token-0123456789abcdef';

/** Starts the compiled dist/main.js as `npm start` does and resolves with its URL once it listens. */
async function startProcess(dataDir: string, databaseUrl: string | null): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const app = await compiledApp();
  const child = spawn(process.execPath, [app.main], {
    cwd: app.root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CROSSWALK_DATA_DIR: dataDir, ...(databaseUrl ? { CROSSWALK_DATABASE_URL: databaseUrl } : {}), CROSSWALK_SEED: 'none', CROSSWALK_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`server exited early: ${out}`)));
  });
  return { child, port, exited };
}

const dirs: string[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const database of databases.splice(0)) await database.drop();
});

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the request in flight, then closes the database and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-shutdown-'));
    dirs.push(dataDir);
    // On PostgreSQL: a database of its own (as the test servers have).
    const database = testBackend() === 'postgres' ? await createPostgresDatabase() : null;
    if (database) databases.push(database);
    const { child, port, exited } = await startProcess(dataDir, database?.url ?? null);

    const body = JSON.stringify({
      query: 'mutation($i: FrameworkCreateInput!) { frameworkCreate(input: $i) { framework { refId } userErrors { code } } }',
      variables: { i: { refId: 'in-flight', name: 'In flight', kind: 'STANDARD' } },
    });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Send the headers and half the body, then ask the server to stop.
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(40));
    await closed;

    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('"refId":"in-flight"');
    expect(await exited).toBe(0);
    if (database) {
      // The acknowledged write is committed, and the process left no session on the database.
      const db = await openDirectDb({ dataDir, databaseUrl: database.url });
      try {
        expect(await db.all(`SELECT ref_id FROM frameworks WHERE ref_id = 'in-flight'`)).toEqual([{ ref_id: 'in-flight' }]);
        expect(await db.all(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'crosswalk%'`)).toEqual([{ n: 0 }]);
      } finally {
        await db.close();
      }
      return;
    }
    // Closing the last connection checkpoints the WAL and removes it.
    expect(existsSync(join(dataDir, 'crosswalk.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'crosswalk.db-wal'))).toBe(false);
  });
});
