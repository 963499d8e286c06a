/**
 * The README's tutorial, run as a newcomer runs it on a fresh clone: its blocks are taken from
 * README.md in order and run as written, in a fresh folder holding a copy of `examples/` (the
 * repository's layout) with a fresh `./data`.
 *
 * - The `npm ci && npm start` block starts the server the way `npm start` does after `npm ci` (its
 *   script is checked to be `node dist/main.js`; dist/ is `npm run build` of the current sources,
 *   test/support/compiled-app.ts), on a free port given by PORT; the token it prints is what the
 *   reader pastes into `export CROSSWALK_TOKEN=cwk_...`.
 * - Every other `sh` line runs in bash, in that folder, with PORT set like the server's (so the
 *   CLI finds it as the README's default does); `npm run cli -- …` is a bash function running the
 *   compiled CLI (what the npm script runs). Each must exit 0.
 * - Every `graphql` block is sent operation by operation with the token, as the explorer sends
 *   it; the Variables pane is filled with the ids earlier answers gave, by name (`framework.id` →
 *   `$frameworkId`, `aiSystem.id` → `$aiSystemId`), and `Accept` runs once per id `Pending` lists,
 *   as the README says. No answer may hold errors or user errors.
 *
 * Then what the README says the reader sees is checked against what happened: the counts the
 * imports and the upload print, the coverage summary and the gap table, and the findings of the
 * exported OSCAL file.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './access/helpers.js';
import { compiledApp, type CompiledApp, useCompiledApp } from './support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The tutorial: from its heading to the next second-level heading. */
function tutorialText(): string {
  const from = README.search(/^## Tutorial/m);
  if (from < 0) throw new Error('README.md has no "## Tutorial" section');
  const rest = README.slice(from + 3);
  const to = rest.search(/^## /m);
  return to < 0 ? README.slice(from) : README.slice(from, from + 3 + to);
}

interface Block {
  lang: string;
  body: string;
  /** The prose after the block, up to the next block: what the reader is told to expect. */
  after: string;
}

function fencedBlocks(text: string): Block[] {
  const matches = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)];
  return matches.map((m, i) => ({
    lang: m[1]!,
    body: m[2]!,
    after: text.slice(m.index! + m[0].length, matches[i + 1]?.index ?? text.length),
  }));
}

/** The environment of the test process without anything that would configure the children. */
function cleanEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !/^(NODE_OPTIONS|PORT|HOST|INIT_CWD|CROSSWALK_.*|npm_.*)$/.test(entry[0]),
    ),
  );
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Ran {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- …` as the npm script runs it (node dist/cli/index.js), anything else refused. */
const NPM_FUNCTION = `npm() {
  if [ "$1" = run ] && [ "$2" = cli ] && [ "$3" = -- ]; then shift 3; node "$TUTORIAL_CLI" "$@"
  else echo "the tutorial test runs only npm run cli -- …, not: npm $*" >&2; return 127; fi
}`;

const tutorial = tutorialText();
const blocks = fencedBlocks(tutorial);

let work: string;
let app: CompiledApp;
let env: Record<string, string>;
let server: ChildProcess | undefined;
let serverOutput = '';
let url: string;
let secret: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crosswalk-tutorial-'));
  cpSync(join(REPO_ROOT, 'examples'), join(work, 'examples'), { recursive: true });
  const port = await freePort();
  app = await compiledApp();
  env = { ...cleanEnv(), PORT: String(port), TUTORIAL_CLI: app.cli };
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Starts the server as `npm start` does, in the tutorial's folder; resolves with the printed token. */
async function npmStart(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // npm ci runs `prepare`, which builds dist/ (what compiledApp ran); npm start runs it.
  expect(pkg.scripts.prepare).toBe('npm run build');
  expect(pkg.scripts.start).toBe('node dist/main.js');
  server = spawn(process.execPath, [app.main], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      serverOutput += chunk.toString();
      if (serverOutput.includes('GraphQL API and explorer:')) {
        const token = /cwk_[A-Za-z0-9_-]{43}/.exec(serverOutput)?.[0];
        if (token) resolve(token);
        else reject(new Error(`the server printed no token:\n${serverOutput}`));
      }
    };
    server!.stdout!.on('data', seen);
    server!.stderr!.on('data', seen);
    server!.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${serverOutput}`)));
  });
}

/** The `export` lines run so far: each later command runs after them, as in one terminal. */
const exports: string[] = [];

function bash(command: string): Promise<Ran> {
  const script = [NPM_FUNCTION, ...exports, command].join('\n');
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: work, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ command, code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Runs a shell block line by line (comments and blank lines skipped), each line in bash. */
async function runShell(body: string): Promise<Ran[]> {
  const ran: Ran[] = [];
  for (const line of body.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('export ')) {
      // The reader pastes the token npm start printed where the README shows `cwk_...`.
      exports.push(line.replaceAll('cwk_...', secret));
      ran.push(await bash('true'));
      continue;
    }
    ran.push(await bash(line));
  }
  return ran;
}

async function graphql(document: string, operationName: string, variables: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** Ids an answer gave, by the variable name the README uses for them: `<field>Id`. */
function collectIds(value: unknown, vars: Record<string, unknown>, key?: string): void {
  if (Array.isArray(value)) return value.forEach((item) => collectIds(item, vars, key));
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (key && key !== 'node' && typeof record.id === 'string') vars[`${key}Id`] = record.id;
  for (const [k, v] of Object.entries(record)) collectIds(v, vars, k);
}

/** Every userErrors list in an answer. */
const userErrorsOf = (value: unknown): unknown[] =>
  !value || typeof value !== 'object'
    ? []
    : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (k === 'userErrors' ? (v as unknown[]) : userErrorsOf(v)));

describe('README tutorial, run as written on a fresh clone', () => {
  it('has its blocks: start, imports, explorer steps, upload, review, coverage, export', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['sh', 'sh', 'graphql', 'sh', 'graphql', 'graphql', 'sh']);
    expect(blocks[0]!.body.trim()).toBe('npm ci && npm start');
  });

  it('every command exits 0, every query answers, and the coverage and the export are what the README says', async () => {
    const vars: Record<string, unknown> = {};
    const answers: Record<string, any> = {};
    const shells: Ran[][] = [];
    let pendingIds: string[] = [];

    for (const block of blocks) {
      if (block.lang === 'sh' && block.body.trim() === 'npm ci && npm start') {
        secret = await npmStart();
        continue;
      }
      if (block.lang === 'sh') {
        const ran = await runShell(block.body);
        for (const r of ran) expect({ command: r.command, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ command: r.command, code: 0, stderr: '' });
        // What the prose after the block says the commands print (`controls: 9 created`, `7 file(s): …`).
        const output = ran.map((r) => r.stdout).join('');
        for (const claim of [...block.after.matchAll(/`([^`]*(?:created|file\(s\))[^`]*)`/g)].map((m) => m[1]!)) {
          expect(output, claim).toContain(claim);
        }
        shells.push(ran);
        continue;
      }
      for (const op of parse(block.body).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')) {
        const name = op.name!.value;
        const wanted = (op.variableDefinitions ?? []).map((v) => v.variable.name.value);
        // "Run Accept once for each id Pending lists."
        const runs: Record<string, unknown>[] = name === 'Accept' ? pendingIds.map((id) => ({ evidenceId: id })) : [Object.fromEntries(wanted.map((w) => [w, vars[w]]))];
        for (const variables of runs) {
          for (const w of wanted) expect(variables[w], `${name} needs $${w} from an earlier answer`).toBeDefined();
          const answer = await graphql(block.body, name, variables);
          expect(answer.errors, name).toBeUndefined();
          expect(userErrorsOf(answer.data), name).toEqual([]);
          answers[name] = answer.data;
          collectIds(answer.data, vars);
        }
        if (name === 'Pending') pendingIds = answer(answers.Pending.evidence).map((node: any) => node.id);
      }
    }

    // The imports created no warning; the profile became the baseline the explorer steps name.
    expect(shells[0]!.map((r) => r.stdout).join('')).not.toMatch(/Warnings|rejected \(/);
    expect(answers.Ids.baseline.requirementCount).toBe(11);
    expect(answers.ApplyProfile.baselineApply.baseline).toEqual({ refId: 'hiring-screener-eu-ai-act', requirementCount: 11 });
    expect(pendingIds).toHaveLength(7);
    expect(answers.Accept.evidenceReview.evidence.status).toBe('ACCEPTED');

    // The coverage summary the README states.
    const summary = /Of the (\d+) articles, (\d+) are `COVERED` \(([\d,\sand]+):[^)]*\), (\d+) `PARTIAL` and (\d+) `UNCOVERED`, a `coverageRatio` of (\d+\.\d+)/.exec(tutorial);
    expect(summary, 'the README states the coverage summary').not.toBeNull();
    const [, total, covered, coveredList, partial, uncovered, ratio] = summary!;
    const coverage = answers.Coverage.framework.coverage;
    expect(coverage).toMatchObject({ total: Number(total), covered: Number(covered), partial: Number(partial), uncovered: Number(uncovered) });
    expect(coverage.coverageRatio.toFixed(3)).toBe(ratio);

    // The gap table the README shows: article, status, first reason.
    const table = [...tutorial.matchAll(/^\| (Article \S+) \| `(\w+)` \| `(\w+)`/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(table.length).toBeGreaterThan(0);
    const gaps = answer(answers.Coverage.gaps).map((g: any) => [g.requirement.refId, g.status, g.reasons[0]?.code]);
    expect(gaps).toEqual(table);

    // The export: exit 0 (checked above), and its leaf findings as the README says.
    const file = join(work, 'assessment-results.json');
    expect(existsSync(file)).toBe(true);
    const oscal = JSON.parse(readFileSync(file, 'utf8'))['assessment-results'];
    const [result] = oscal.results;
    const prop = (f: any, name: string) => f.props.find((p: any) => p.name === name)?.value;
    const articles = result.findings.filter((f: any) => /^Article /.test(prop(f, 'requirement')));
    const byState = (state: string) => articles.filter((f: any) => f.target.status.state === state).map((f: any) => prop(f, 'requirement').replace('Article ', ''));
    const said = /The findings of Articles ([\d,\sand]+) are `satisfied`; those of Articles ([\d,\sand]+) are `not-satisfied`/.exec(tutorial);
    expect(said, 'the README states the findings').not.toBeNull();
    const numbers = (list: string) => list.trim().split(/,\s*|\s+and\s+/);
    expect(byState('satisfied')).toEqual(numbers(said![1]!));
    expect(byState('not-satisfied')).toEqual(numbers(said![2]!));
    expect(numbers(said![1]!)).toEqual(numbers(coveredList!));
    // Each evidence file is in the export by its SHA-256.
    const hashes = oscal['back-matter'].resources.flatMap((r: any) => (r.rlinks ?? []).map((l: any) => l.href)).filter((h: string) => h.startsWith('/v1/blobs/'));
    const manifest = readFileSync(join(REPO_ROOT, 'examples/evidence/manifest.csv'), 'utf8').trim().split('\n').slice(1);
    const expected = manifest.map((row) => `/v1/blobs/${createHash('sha256').update(readFileSync(join(REPO_ROOT, 'examples/evidence', row.split(',')[0]!))).digest('hex')}`);
    expect([...hashes].sort()).toEqual([...expected].sort());

    // The README's closing remark: a quality-procedure document for HR-QMS-01, accepted, turns
    // Article 17 COVERED in both answers.
    writeFileSync(join(work, 'quality-procedures.md'), '# Quality procedures of the hiring screener\n');
    const upload = await bash('npm run cli -- evidence upload --control HR-QMS-01 --ai-system hiring-screener quality-procedures.md');
    expect([upload.code, upload.stderr]).toEqual([0, '']);
    const coverageBlock = blocks.find((b) => b.body.includes('query Coverage'))!.body;
    const pendingBlock = blocks.find((b) => b.body.includes('query Pending'))!.body;
    const [added] = answer((await graphql(pendingBlock, 'Pending', {})).data.evidence);
    expect((await graphql(pendingBlock, 'Accept', { evidenceId: added.id })).data.evidenceReview.evidence.status).toBe('ACCEPTED');
    const after = (await graphql(coverageBlock, 'Coverage', { aiSystemId: vars.aiSystemId })).data;
    expect(after.framework.coverage.covered).toBe(Number(covered) + 1);
    expect(answer(after.gaps).map((g: any) => g.requirement.refId)).not.toContain('Article 17');
    const again = await bash(blocks.at(-1)!.body.trim());
    expect(again.code).toBe(0);
    const findings = JSON.parse(readFileSync(file, 'utf8'))['assessment-results'].results[0].findings;
    expect(findings.find((f: any) => prop(f, 'requirement') === 'Article 17').target.status.state).toBe('satisfied');
  }, 300_000);
});

/** The nodes of a connection. */
function answer(connection: { edges: { node: any }[] }): any[] {
  return connection.edges.map((e) => e.node);
}
