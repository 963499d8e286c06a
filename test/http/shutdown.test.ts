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

/** A bound on "the process exits at all" (the grace is 10 s): far above any normal shutdown, no timing claim. */
const EXIT_BOUND_MS = 60_000;

interface Started {
  child: ChildProcess;
  port: number;
  /** The exit code, or 'did not exit' after EXIT_BOUND_MS from the call. */
  exited: () => Promise<number | string | null>;
  /** Everything the process wrote to stdout and stderr so far (its JSON log lines). */
  output: () => string;
}

/**
 * Starts the compiled dist/main.js as `npm start` does and resolves with its URL once it listens.
 * NODE_ENV is unset as in a deployment (vitest sets it to `test`, which changes Apollo's defaults).
 */
async function startProcess(dataDir: string, databaseUrl: string | null): Promise<Started> {
  const app = await compiledApp();
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const child = spawn(process.execPath, [app.main], {
    cwd: app.root,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', CROSSWALK_DATA_DIR: dataDir, ...(databaseUrl ? { CROSSWALK_DATABASE_URL: databaseUrl } : {}), CROSSWALK_SEED: 'none', CROSSWALK_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`server exited early: ${out}`)));
  });
  const exited = async () => {
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([exit, new Promise<string>((resolve) => (timer = setTimeout(() => resolve('did not exit'), EXIT_BOUND_MS)))]);
    clearTimeout(timer);
    if (result === 'did not exit') child.kill('SIGKILL');
    return result;
  };
  return { child, port, exited, output: () => out };
}

/**
 * Sends a frameworkCreate with half its body, sends SIGTERM, then the rest of the body: the
 * request is in flight when the shutdown starts and does its database work after it. Resolves
 * with the raw HTTP answer once the server closed the connection.
 */
async function createDuringShutdown(started: Started, refId: string): Promise<string> {
  const body = JSON.stringify({
    query: 'mutation($i: FrameworkCreateInput!) { frameworkCreate(input: $i) { framework { refId } userErrors { code } } }',
    variables: { i: { refId, name: 'In flight', kind: 'STANDARD' } },
  });
  const socket = net.connect(started.port, '127.0.0.1');
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
  started.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.write(body.slice(40));
  await closed;
  return answer;
}

/** Log lines at warn level or above (pino: 40+), and any line naming the pool ("Cannot use a pool after calling end"). */
function troubleIn(output: string): string[] {
  return output.split('\n').filter((line) => /pool/i.test(line) || /"level":(4|5|6)\d/.test(line));
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
    const started = await startProcess(dataDir, database?.url ?? null);
    const answer = await createDuringShutdown(started, 'in-flight');

    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('"refId":"in-flight"');
    expect(await started.exited()).toBe(0);
    expect(troubleIn(started.output())).toEqual([]);
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

  it('exits after a keep-alive client was served, again and again (the SIGTERM hang), never touching a closed pool', async () => {
    const database = testBackend() === 'postgres' ? await createPostgresDatabase() : null;
    if (database) databases.push(database);
    for (let run = 0; run < 3; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-shutdown-'));
      dirs.push(dataDir);
      const started = await startProcess(dataDir, database?.url ?? null);
      // fetch keeps its connection open after the answer: the server must close it to stop.
      const served = await fetch(`http://127.0.0.1:${started.port}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ frameworks { totalCount } }' }),
      });
      expect(served.status).toBe(200);
      await served.text();

      const answer = await createDuringShutdown(started, `run-${run}`);
      expect(answer, `run ${run}`).toMatch(/^HTTP\/1\.1 200/);
      expect(answer, `run ${run}`).toContain(`"refId":"run-${run}"`);
      expect(await started.exited(), `run ${run}: ${started.output().slice(-2000)}`).toBe(0);
      expect(troubleIn(started.output()), `run ${run}`).toEqual([]);
    }
  });
});

describe('SIGTERM during the start', () => {
  it('gives up waiting for an unreachable PostgreSQL: exit code 0 and a line saying so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-shutdown-'));
    dirs.push(dataDir);
    const app = await compiledApp();
    const { NODE_ENV: _testEnv, ...env } = process.env;
    // Nothing listens on port 1: the start keeps retrying (each retry a warn line) until told to stop.
    const child = spawn(process.execPath, [app.main], {
      cwd: app.root,
      env: { ...env, PORT: '0', HOST: '127.0.0.1', CROSSWALK_DATA_DIR: dataDir, CROSSWALK_DATABASE_URL: 'postgres://crosswalk@127.0.0.1:1/crosswalk', CROSSWALK_SEED: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve, reject) => {
      const look = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('the database cannot be reached')) resolve();
      };
      child.stdout!.on('data', look);
      child.stderr!.on('data', look);
      child.once('exit', () => reject(new Error(`server exited early: ${out}`)));
    });
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([exit, new Promise<'did not exit'>((resolve) => (timer = setTimeout(() => resolve('did not exit'), EXIT_BOUND_MS)))]);
    clearTimeout(timer);
    if (result === 'did not exit') child.kill('SIGKILL');
    expect(result, out.slice(-2000)).toEqual({ code: 0, signal: null });
    expect(out).toContain('SIGTERM received while starting; stopped before serving');
  });
});
