/**
 * Start-up and CLI mistakes, seen as an operator sees them: the real server (the compiled
 * dist/main.js, what `npm start` runs; test/support/compiled-app.ts), the real CLI (dist/cli/index.js,
 * what `npm run cli` runs) and the load test (through tsx, a development tool), spawned with temporary
 * data directories. Each mistake is one line on stderr saying what is wrong and how to fix it,
 * exit code 2, no stack trace. The CLI finds the server by --url, CROSSWALK_URL or HOST/PORT and
 * resolves paths from the directory it was run in (INIT_CWD under npm).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startCrosswalk } from '../../src/server.js';
import { invocationDirectory, serverAddress } from '../../src/cli/invocation.js';
import { describeStartupFailure } from '../../src/startup-failure.js';
import { REPO_ROOT } from '../access/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createControl } from '../support/create-through-api.js';
import { compiledApp, useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of the test process without anything that would configure the child. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|PORT|HOST|INIT_CWD|CROSSWALK_.*|npm_.*)$/.test(k)),
  );
}

function run(file: string, args: string[], env: Record<string, string>, cwd = REPO_ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...cleanEnv(), ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const node = (args: string[], env: Record<string, string>, cwd?: string) => run(process.execPath, args, env, cwd);
const server = async (env: Record<string, string>) => node([(await compiledApp()).main], env);
const cli = async (args: string[], env: Record<string, string> = {}) => node([(await compiledApp()).cli, ...args], env);
const tsx = (args: string[], env: Record<string, string>) => node(['--import', 'tsx', ...args], env);

/** A configuration mistake: one line on stderr, exit code 2, no stack trace. */
function expectOneLine(result: Run, message: RegExp): void {
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.code).toBe(2);
}

let dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-startup-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

async function busyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return { port: (blocker.address() as net.AddressInfo).port, close: () => new Promise((resolve) => blocker.close(() => resolve())) };
}

describe('server start-up mistakes', () => {
  it('a bad variable, an unknown seed id, a bad admin token and a port in use are one line each with exit code 2', async () => {
    const blocker = await busyPort();
    const inUseDir = tempDir();
    try {
      const [badPort, badSeed, badToken, inUse] = await Promise.all([
        server({ CROSSWALK_DATA_DIR: tempDir(), PORT: 'eighty' }),
        server({ CROSSWALK_DATA_DIR: tempDir(), PORT: '0', CROSSWALK_SEED: 'eu-ai-act,nope' }),
        server({ CROSSWALK_DATA_DIR: tempDir(), PORT: '0', CROSSWALK_SEED: 'none', CROSSWALK_ADMIN_TOKEN: 'short' }),
        // Seeding runs before listening: its warnings are printed (the first few) before the port fails.
        server({ CROSSWALK_DATA_DIR: inUseDir, PORT: String(blocker.port), HOST: '127.0.0.1', CROSSWALK_SEED: 'cosai-risk-map' }),
      ]);
      expectOneLine(badPort, /^crosswalk: PORT must be an integer from 0 to 65535; got "eighty"$/m);
      expectOneLine(badSeed, /^crosswalk: CROSSWALK_SEED: unknown catalog\(s\) nope; use all, none or a comma list of: .*eu-ai-act/m);
      expectOneLine(badToken, /^crosswalk: CROSSWALK_ADMIN_TOKEN must be at least 32 characters without spaces; set a longer value/m);
      expectOneLine(inUse, new RegExp(`^crosswalk: port ${blocker.port} is already in use on 127\\.0\\.0\\.1 .*set PORT to a free port`, 'm'));
      // The server logs JSON lines (src/ops/log.ts); a start that never listened prints (and creates) no ADMIN secret.
      const lines = inUse.stdout.split('\n').filter(Boolean);
      expect(inUse.stdout).not.toMatch(/cwk_|ADMIN API token/);
      const messages = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line).msg as string);
      expect(messages).toContainEqual(expect.stringMatching(/^catalog cosai-risk-map: .*; 9 warning\(s\)$/));
      expect(messages).toContainEqual(expect.stringMatching(/^ {2}… and 6 more \(npm run seed -- --verbose prints them all/));
      // The next start prints one, as a plain line (never a log record), and it works.
      const printed: string[] = [];
      const next = await startCrosswalk(loadConfig({ CROSSWALK_DATA_DIR: inUseDir, PORT: '0', HOST: '127.0.0.1', CROSSWALK_SEED: 'none' }), { log: (l) => printed.push(l) });
      try {
        const secret = /cwk_[A-Za-z0-9_-]{43}/.exec(printed.join('\n'))?.[0];
        expect(secret, printed.join('\n')).toBeDefined();
        const answer = await fetch(`${next.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(answer.status).toBe(200);
      } finally {
        await next.stop();
      }
    } finally {
      await blocker.close();
    }
  }, 120_000);

  it('tells configuration mistakes from bugs: a bug keeps its stack', () => {
    expect(describeStartupFailure(new ConfigError('X must be y'))).toBe('X must be y');
    expect(describeStartupFailure(new Error('boom'))).toBeNull();
    expect(describeStartupFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeNull();
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen' });
    expect(describeStartupFailure(inUse, { host: '0.0.0.0', port: 4000 })).toMatch(/^port 4000 is already in use on 0\.0\.0\.0 .*PORT=4001$/);
  });
});

describe('CLI mistakes', () => {
  it('bad option values, unknown options and bad variables are one line each with exit code 2', async () => {
    const [unknownOption, badCatalog, badVariable, badConcurrency, badUrl, loadtest] = await Promise.all([
      cli(['token', 'create', '--name', 'x', '--role', 'VIEWER', '--colour', 'red']),
      cli(['seed', '--catalog', 'nope'], { CROSSWALK_DATA_DIR: tempDir() }),
      cli(['token', 'list'], { CROSSWALK_DATA_DIR: tempDir(), CROSSWALK_LOCK_WAIT_MS: 'soon' }),
      cli(['evidence', 'upload', '--control', 'A', '--concurrency', '0', 'x.txt'], { CROSSWALK_TOKEN: 't' }),
      cli(['evidence', 'upload', '--control', 'A', '--url', 'ftp://example.org', 'x.txt'], { CROSSWALK_TOKEN: 't' }),
      tsx(['test/load/run.ts', '--connections', '5'], {}),
    ]);
    expectOneLine(unknownOption, /^error: unknown option '--colour' \(see: npm run cli -- token create --help\)$/m);
    expectOneLine(badCatalog, /^error: --catalog: unknown catalog\(s\) nope; use all, none or a comma list of: /m);
    expectOneLine(badVariable, /^error: CROSSWALK_LOCK_WAIT_MS must be a whole number of milliseconds/m);
    expectOneLine(badConcurrency, /^error: --concurrency must be a whole number from 1 to 64$/m);
    expectOneLine(badUrl, /^error: --url must be an http or https URL; got ftp:$/m);
    expectOneLine(loadtest, /^loadtest: --connections "5": give a whole number from 10 to 1000, e.g. --connections 50$/m);
  }, 120_000);
});

describe('seed --verbose', () => {
  it('prints every warning of the catalogs it loads', async () => {
    const result = await cli(['seed', '--catalog', 'cosai-risk-map', '--verbose'], { CROSSWALK_DATA_DIR: tempDir() });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const count = Number(/; (\d+) warning\(s\)/.exec(result.stdout)?.[1]);
    expect(count).toBeGreaterThan(3);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('  cosai-risk-map warning '))).toHaveLength(count);
    expect(result.stdout).not.toContain('… and');
  });
});

describe('finding the server', () => {
  it('takes --url, else CROSSWALK_URL, else http://HOST:PORT as the server reads them', () => {
    expect(serverAddress('http://a:1', { CROSSWALK_URL: 'http://b:2', PORT: '3' })).toEqual({ url: 'http://a:1', source: '--url' });
    expect(serverAddress(undefined, { CROSSWALK_URL: 'http://b:2', PORT: '3' })).toEqual({ url: 'http://b:2', source: 'CROSSWALK_URL' });
    expect(serverAddress(undefined, { PORT: '4123' })).toEqual({ url: 'http://127.0.0.1:4123', source: 'HOST and PORT' });
    expect(serverAddress(undefined, {}).url).toBe('http://127.0.0.1:4000');
    expect(serverAddress(undefined, { HOST: '0.0.0.0', PORT: '5' }).url).toBe('http://127.0.0.1:5');
    expect(serverAddress(undefined, { HOST: '::', PORT: '5' }).url).toBe('http://[::1]:5');
    expect(serverAddress(undefined, { HOST: 'crosswalk.internal', PORT: '5' }).url).toBe('http://crosswalk.internal:5');
    expect(() => serverAddress(undefined, { PORT: 'x' })).toThrow(ConfigError);
  });

  it('an unreachable server is one line naming the URL tried and how to change it', async () => {
    const closed = await busyPort();
    await closed.close(); // a port nothing listens on
    const result = await cli(['evidence', 'upload', '--control', 'A', 'README.md'], { CROSSWALK_TOKEN: 't', PORT: String(closed.port) });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`cannot reach the Crosswalk server at http://127.0.0.1:${closed.port} (ECONNREFUSED; the address came from PORT and HOST`);
    expect(result.stderr).toMatch(/--url or CROSSWALK_URL .*PORT/);
  });
});

describe('paths relative to where the command was run', () => {
  let target: TestServer;
  beforeAll(async () => {
    target = await startTestServer();
    await createControl(target, 'PATH-01');
  });
  afterAll(() => target.close());

  it('uses INIT_CWD only when npm started the process in the package root', () => {
    const pkg = join(REPO_ROOT, 'package.json');
    expect(invocationDirectory({ INIT_CWD: '/home/me/work', npm_package_json: pkg }, REPO_ROOT)).toBe('/home/me/work');
    expect(invocationDirectory({ INIT_CWD: '/home/me/work', npm_package_json: pkg }, '/elsewhere')).toBe('/elsewhere');
    expect(invocationDirectory({ INIT_CWD: '/home/me/work' }, REPO_ROOT)).toBe(REPO_ROOT);
    expect(invocationDirectory({}, '/elsewhere')).toBe('/elsewhere');
  });

  it('npm run cli -- evidence upload resolves paths from the current directory, finds the server by PORT, skips node_modules and dot folders unless named', async () => {
    const work = tempDir();
    const write = (path: string, text: string) => {
      mkdirSync(join(work, path, '..'), { recursive: true });
      writeFileSync(join(work, path), text);
    };
    write('evidence/report.txt', 'the report');
    write('evidence/.git/config', 'not evidence');
    write('evidence/node_modules/pkg/index.js', 'not evidence either');
    write('vendor/node_modules/lib/named.js', 'named explicitly');
    const port = new URL(target.url).port;
    // `npm run cli` of the package as `npm ci` leaves it: its script runs the compiled CLI.
    const app = await compiledApp();
    const result = await run(
      'npm',
      ['--silent', '--prefix', app.root, 'run', 'cli', '--', 'evidence', 'upload', '--control', 'PATH-01', 'evidence', 'vendor/node_modules'],
      { CROSSWALK_TOKEN: target.token, PORT: port, HOST: '127.0.0.1', CROSSWALK_DATA_DIR: target.dataDir },
      work,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 file(s): 2 attached');
    expect(result.stdout).toMatch(/attached {2}evidence\/report\.txt → /);
    expect(result.stdout).toMatch(/attached {2}vendor\/node_modules\/lib\/named\.js → /);
    const titles = (await target.data('{ evidence(first: 10) { edges { node { filename } } } }')).evidence.edges.map((e: any) => e.node.filename);
    expect(titles.sort()).toEqual(['named.js', 'report.txt']);
  });
});
