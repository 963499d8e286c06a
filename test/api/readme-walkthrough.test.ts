import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../evidence-files/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

/**
 * The walkthroughs of the documentation (docs/*.md, moved there from the README) are run as
 * written, each against its own server seeded with the built-in catalogs they use (a walkthrough
 * that continues another first runs that one: firstSession, fromAFolderToCoverage): GraphQL
 * blocks are sent as they are (each named operation by its name), shell blocks are expanded by
 * bash and their `npm run cli -- …` and `curl` commands run against the test server (the CLI as a
 * child process, in a scratch folder standing for the repository's, on the server's data
 * directory). If the documentation drifts from the API or the CLI, this file fails. (The README's
 * own tutorial is run by test/tutorial.test.ts.)
 *
 * 1. *A first session* (api.md): a control mapped to an AI RMF subcategory, LINK evidence
 *    accepted, the mapping seen from both ends; and the same over plain HTTP.
 * 2. *From a folder to coverage* (evidence-files.md): a folder uploaded with one command,
 *    accepted, counted; then the EU AI Act and AI RMF requirements the starter links reach, read
 *    backwards (rule 7).
 * 3. *A dashboard and a CI job* (access-and-audit.md): a VIEWER reads but cannot write; a scoped
 *    CONTRIBUTOR attaches evidence inside its scope only.
 * 4. *Exporting* (import-export.md): a CSV of mappings in with one command, an OSCAL
 *    assessment-results file out with another.
 * 5. *Coverage* (coverage-rules.md): "what would break if control X failed" in one
 *    `controlImpact` query.
 */
const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const LOCAL = 'http://127.0.0.1:4000';

/** Text of a docs page from `start` up to `end` (or the next heading of the same or a higher level). */
function section(page: string, start: string, end?: string): string {
  const text = doc(page);
  const from = text.indexOf(start);
  if (from < 0) throw new Error(`docs/${page} has no "${start}"`);
  if (end) {
    const to = text.indexOf(end, from + start.length);
    if (to < 0) throw new Error(`docs/${page} has no "${end}" after "${start}"`);
    return text.slice(from, to);
  }
  const level = /^#+/.exec(start)![0].length;
  const lines = text.slice(from).split('\n');
  let fenced = false;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced;
    const heading = /^(#+) /.exec(lines[i]!);
    if (!fenced && heading && heading[1]!.length <= level) return lines.slice(0, i).join('\n');
  }
  return lines.join('\n');
}

/** The fenced blocks of one language in a piece of a page. */
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

/** The named operations of the GraphQL blocks: name → the block holding it. */
function operations(text: string): Record<string, string> {
  const ops: Record<string, string> = {};
  for (const block of blocks(text, 'graphql')) {
    for (const d of parse(block).definitions) {
      if (d.kind === 'OperationDefinition' && d.name) ops[d.name.value] = block;
    }
  }
  return ops;
}

let server: TestServer;
let work: string;
beforeEach(async () => {
  server = await startTestServer({ seed: 'nist-ai-rmf-1.0,eu-ai-act,crosswalk-starter' });
  work = mkdtempSync(join(tmpdir(), 'crosswalk-readme-'));
});
afterEach(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs one named operation of a document, as the explorer or curl with `operationName` does. */
async function run(document: string, operationName: string | undefined, variables: Record<string, unknown> = {}, token = server.token) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** Like run, failing on top-level errors. */
async function data(document: string, operationName?: string, variables: Record<string, unknown> = {}, token?: string) {
  const result = await run(document, operationName, variables, token);
  expect(result.errors, `${operationName ?? document}`).toBeUndefined();
  return result.data;
}

const WRITE = (path: string, content: string) => {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), content);
};

// ---------------------------------------------------------------------------------------------
// Shell blocks

interface Shell {
  env: Record<string, string>;
  /** The last `cwk_…` secret a command printed: what the reader pastes into `export X=cwk_...`. */
  secret?: string;
}

interface Ran extends CliResult {
  command: string;
  argv: string[];
}

/** A fresh shell: the CLI opens the server's database (its data directory, or its PostgreSQL URL); `evidence upload` reaches it by default. */
const shell = (secret?: string): Shell => ({
  env: { CROSSWALK_DATA_DIR: server.dataDir, ...(server.databaseUrl ? { CROSSWALK_DATABASE_URL: server.databaseUrl } : {}), CROSSWALK_URL: server.url },
  secret,
});

/** Runs a shell block command by command (comment lines and output samples are skipped). */
async function runShell(block: string, sh: Shell): Promise<Ran[]> {
  const commands = block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const ran: Ran[] = [];
  for (const command of commands) {
    const argv = await expand(command.replaceAll(LOCAL, server.url), sh.env);
    let result: CliResult;
    if (argv[0] === 'export') {
      for (const assignment of argv.slice(1)) {
        const [name, value] = [assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1)];
        if (value === 'cwk_...') {
          if (!sh.secret) throw new Error(`"${command}": no secret was printed before`);
          sh.env[name] = sh.secret;
        } else {
          sh.env[name] = value;
        }
      }
      result = { code: 0, stdout: '', stderr: '' };
    } else if (argv.slice(0, 4).join(' ') === 'npm run cli --') {
      result = await runCli(argv.slice(4), sh.env, work);
      sh.secret = /cwk_[A-Za-z0-9_-]{43}/.exec(result.stdout)?.[0] ?? sh.secret;
    } else if (argv[0] === 'curl') {
      result = await curl(argv.slice(1));
    } else {
      throw new Error(`the test cannot run "${command}"`);
    }
    ran.push({ command, argv, ...result });
  }
  return ran;
}

/** The words bash makes of a command line (variables expanded, quotes removed, comment dropped). */
function expand(command: string, env: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', `set -f; printf '%s\\0' ${command}`], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout.split('\0').slice(0, -1));
    });
  });
}

/** The curl options the pages use, sent with fetch. */
async function curl(args: string[]): Promise<CliResult> {
  const headers: Record<string, string> = {};
  let url: string | undefined;
  let body: string | undefined;
  let method: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-s' || arg === '-S' || arg === '-sS') continue;
    if (arg === '-H') {
      const header = args[++i]!;
      headers[header.slice(0, header.indexOf(':')).trim().toLowerCase()] = header.slice(header.indexOf(':') + 1).trim();
    } else if (arg === '-d' || arg === '--data' || arg === '--data-binary') body = args[++i];
    else if (arg === '-X') method = args[++i];
    else if (/^https?:\/\//.test(arg)) url = arg;
    else throw new Error(`curl option "${arg}" is not supported by the test`);
  }
  const response = await fetch(url!, { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  return { code: 0, stdout: await response.text(), stderr: '' };
}

const json = (ran: Ran) => JSON.parse(ran.stdout) as { data?: any; errors?: unknown[] };

// ---------------------------------------------------------------------------------------------

const first = section('api.md', '## A first session');
const steps = blocks(first, 'graphql');

/** Runs the GraphQL steps of *A first session* in order (each must succeed); returns their results. */
async function firstSession(): Promise<any[]> {
  const vars: Record<string, string> = {};
  const results: any[] = [];
  for (const block of steps) {
    const ops = parse(block).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    for (const op of ops) {
      const variables = Object.fromEntries((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, vars[v.variable.name.value]]));
      const result = await run(block, op.name?.value, variables);
      expect(result.errors, block).toBeUndefined();
      results.push(result.data);
      collectIds(result.data, vars);
    }
  }
  return results;
}

describe('docs/api.md: A first session', () => {
  it('has the steps', () => {
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(blocks(first, 'sh')).toHaveLength(1);
  });

  it('works as written: control mapped to an AI RMF subcategory, evidence accepted, seen from both ends', async () => {
    const results = await firstSession();
    const both = results.at(-1);
    expect(both.requirement.mappings.edges.map((e: any) => e.node.control.refId)).toContain('SEC-RT-01');
    expect(both.node.requirements.edges.map((e: any) => e.node.refId)).toContain('MEASURE 2.7');
    expect(both.node.evidence.edges.map((e: any) => e.node.status)).toEqual(['ACCEPTED']);
  });

  it('works over plain HTTP with curl, variables and operationName', async () => {
    await firstSession(); // creates the control SEC-RT-01 the second command reads
    const [frameworks, control] = (await runShell(blocks(first, 'sh')[0]!, shell(server.token))).slice(1);
    expect(json(frameworks!).data.frameworks.edges.map((e: any) => e.node.refId)).toContain('nist-ai-rmf-1.0');
    const answer = json(control!);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.control).toEqual({ id: expect.any(String), implementationStatus: 'NOT_IMPLEMENTED' });
  });
});

/** Remembers ids by the name the documentation's variables use. */
function collectIds(result: any, vars: Record<string, string>): void {
  if (result?.requirement?.id) vars.requirementId = result.requirement.id;
  if (result?.controlCreate?.control?.id) vars.controlId = result.controlCreate.control.id;
  if (result?.evidenceCreate?.evidence?.id) vars.evidenceId = result.evidenceCreate.evidence.id;
}

const folder = section('evidence-files.md', '## From a folder to coverage');
const folderOps = operations(folder);
const folderCoverage = async () => {
  const d = await data(folderOps.Coverage!, 'Coverage');
  return { ...d.requirement.coverage, counts: d.framework.coverage };
};

/**
 * Runs *From a folder to coverage* up to the accepted files (each step checked): afterwards
 * SEC-LOG-01 is EFFECTIVE with two accepted files, as the later walkthroughs expect.
 */
async function fromAFolderToCoverage(): Promise<void> {
  expect(Object.keys(folderOps).sort()).toEqual(['Accept', 'Coverage', 'Implemented', 'Pending', 'Reached']);
  const before = await folderCoverage();
  expect(before).toMatchObject({ status: 'UNCOVERED', reasons: [{ code: 'CONTROL_NOT_IMPLEMENTED' }], via: null });
  expect(before.counts).toMatchObject({ covered: 0, partial: 0 });

  WRITE('decision-logs/2026-11/decisions.log', '2026-11-03T10:00:00Z model=credit-v7 decision=deny reviewer=alice\n');
  WRITE('decision-logs/retention-policy.txt', 'Decision logs are kept for seven years.\n');
  const [tokenCreate, , upload] = await runShell(blocks(folder, 'sh')[0]!, shell());
  expect([tokenCreate!.code, tokenCreate!.stderr]).toEqual([0, '']);
  expect(upload!.stderr).toBe('');
  expect(upload!.code).toBe(0);
  expect(upload!.stdout).toContain('2 file(s): 2 attached, 0 already attached (skipped), 0 failed.');

  const pending = (await data(folderOps.Pending!, 'Pending')).control;
  expect(pending.implementationStatus).toBe('NOT_IMPLEMENTED');
  const files = pending.evidence.edges.map((e: any) => e.node);
  expect(files.map((f: any) => [f.kind, f.filename]).sort()).toEqual([
    ['FILE', 'decisions.log'],
    ['FILE', 'retention-policy.txt'],
  ]);

  const implemented = await data(folderOps.Implemented!, 'Implemented', { controlId: pending.id });
  expect(implemented.controlStatusSet).toEqual({ control: { implementationStatus: 'IMPLEMENTED' }, userErrors: [] });
  expect(await folderCoverage()).toMatchObject({ status: 'UNCOVERED', reasons: [{ code: 'EVIDENCE_PENDING_REVIEW' }] });

  for (const file of files) {
    const accepted = await data(folderOps.Accept!, 'Accept', { evidenceId: file.id });
    expect(accepted.evidenceReview).toEqual({ evidence: { id: file.id, status: 'ACCEPTED' }, userErrors: [] });
  }
  const after = await folderCoverage();
  expect(after).toMatchObject({ status: 'COVERED', reasons: [], via: { control: { refId: 'SEC-LOG-01' }, state: 'EFFECTIVE', kind: 'FULL' } });
  expect(after.counts).toMatchObject({ covered: 2, partial: 5, uncovered: before.counts.uncovered - 7 });
}

describe('docs/evidence-files.md: From a folder to coverage', () => {
  const ops = folderOps;

  it('uploads a folder with one command; accepted, it is counted in coverage', () => fromAFolderToCoverage());

  it('reaches EU AI Act and AI RMF requirements through the starter links, read backwards (step 4)', async () => {
    await fromAFolderToCoverage();
    const reached = await data(ops.Reached!, 'Reached');
    expect(reached.euAiAct.coverage).toEqual({ covered: 0, partial: 5 });
    expect(reached.aiRmf.coverage).toEqual({ covered: 0, partial: 3 });
    expect(reached.requirement.coverage).toEqual({
      status: 'PARTIAL',
      inferred: true,
      via: {
        control: { refId: 'SEC-LOG-01' },
        kind: 'PARTIAL',
        path: [{ refId: 'Article 12' }, { refId: 'AIGB-XPL-04' }],
        steps: [
          { requirement: { refId: 'AIGB-XPL-04' }, link: { source: { refId: 'AIGB-XPL-04' }, relationship: 'INTERSECTS_WITH' }, direction: 'INVERSE', relationship: 'INTERSECTS_WITH' },
        ],
      },
    });

    // Every requirement of the two regulations that the rules make PARTIAL or COVERED, with its way.
    const STEPS = 'steps { requirement { refId } link { source { refId } target { refId } relationship } direction relationship }';
    const reachedLeaves = async (fw: string) => {
      const d = await data(
        `query($fw: String!) { framework(refId: $fw) { requirements(first: 100) { edges { node { refId
          coverage { status leaf inferred via { control { refId } kind path { refId } ${STEPS} } } } } } } }`,
        undefined,
        { fw },
      );
      return Object.fromEntries(
        d.framework.requirements.edges
          .map((e: any) => e.node)
          .filter((n: any) => n.coverage.leaf && n.coverage.status !== 'UNCOVERED')
          .map((n: any) => [n.refId, n.coverage]),
      );
    };
    const way = (c: any) => [c.status, c.inferred, c.via.control.refId, c.via.kind, c.via.steps.map((x: any) => `${x.direction} ${x.relationship} ${x.requirement.refId}`)];
    const eu = await reachedLeaves('eu-ai-act');
    expect(Object.fromEntries(Object.entries(eu).map(([k, c]) => [k, way(c)]))).toEqual({
      'Article 12': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-XPL-04']],
      'Article 18': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-DOC-03']],
      'Article 19': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-DOC-03']],
      'Article 72': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-MON-02']],
      // "AIGB-XPL-02 SUPERSET_OF Article 86" reads back as SUBSET_OF (strong), but the mapping of
      // AIGB-XPL-02 to SEC-LOG-01 is PARTIAL, so the article is PARTIAL.
      'Article 86': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE SUBSET_OF AIGB-XPL-02']],
    });
    expect(eu['Article 86'].via.steps[0].link).toEqual({ source: { refId: 'AIGB-XPL-02' }, target: { refId: 'Article 86' }, relationship: 'SUPERSET_OF' });
    const rmf = await reachedLeaves('nist-ai-rmf-1.0');
    expect(Object.fromEntries(Object.entries(rmf).map(([k, c]) => [k, way(c)]))).toEqual({
      'MEASURE 2.4': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-MON-02']],
      'MEASURE 2.11': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-FAIR-02']],
      'MANAGE 4.1': ['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['INVERSE INTERSECTS_WITH AIGB-MON-02']],
    });
    // A way read both ways: the baseline's AIGB-FAIR-01 reaches AIGB-FAIR-02 through the AI RMF.
    const fair = (await reachedLeaves('ai-governance-baseline'))['AIGB-FAIR-01'];
    expect(way(fair)).toEqual(['PARTIAL', true, 'SEC-LOG-01', 'PARTIAL', ['FORWARD INTERSECTS_WITH MEASURE 2.11', 'INVERSE INTERSECTS_WITH AIGB-FAIR-02']]);
    expect(fair.via.path.map((x: any) => x.refId)).toEqual(['AIGB-FAIR-01', 'MEASURE 2.11', 'AIGB-FAIR-02']);
    // Without crosswalks the regulations gain nothing.
    const off = await data(`{ framework(refId: "eu-ai-act") { coverage(viaCrosswalks: false) { covered partial } } }`);
    expect(off.framework.coverage).toEqual({ covered: 0, partial: 0 });
  });
});

describe('docs/coverage-rules.md: what would break if control X failed', () => {
  it('answers in one controlImpact query', async () => {
    const block = blocks(section('coverage-rules.md', '# Coverage'), 'graphql').find((b) => b.includes('controlImpact'))!;
    // SEC-LOG-01 is EFFECTIVE after the evidence walkthrough, as the documentation says.
    await fromAFolderToCoverage();
    const { control } = await data(`{ control(refId: "SEC-LOG-01") { id } }`);
    const impact = (await data(block, 'Impact', { controlId: control.id })).controlImpact;
    expect(impact.stateBefore).toBe('EFFECTIVE');
    const drops = Object.fromEntries(impact.requirements.map((r: any) => [r.requirement.refId, `${r.before} → ${r.after}`]));
    expect(drops).toMatchObject({ 'AIGB-ACC-03': 'COVERED → UNCOVERED', 'AIGB-XPL-04': 'COVERED → UNCOVERED', 'AIGB-FAIR-02': 'PARTIAL → UNCOVERED' });
    expect(drops).toMatchObject({ 'Article 12': 'PARTIAL → UNCOVERED', 'MANAGE 4.1': 'PARTIAL → UNCOVERED', 'AIGB-FAIR-01': 'PARTIAL → UNCOVERED' });
    expect(impact.frameworks.map((f: any) => [f.framework.refId, f.before.covered, f.after.covered])).toEqual([
      ['nist-ai-rmf-1.0', 0, 0],
      ['eu-ai-act', 0, 0],
      ['ai-governance-baseline', 2, 0],
    ]);
    expect(impact.frameworks[2].after.coverageRatio).toBe(0);

    const { control: idle } = await data(`{ control(refId: "SEC-ENC-02") { id } }`);
    const none = (await data(block, 'Impact', { controlId: idle.id })).controlImpact;
    expect(none).toMatchObject({ stateBefore: 'NOT_IMPLEMENTED', requirements: [], threats: [], frameworks: [] });
  });
});


describe('docs/access-and-audit.md: A dashboard and a CI job', () => {
  const text = section('access-and-audit.md', '**A dashboard and a CI job.**', '**The audit trail.**');

  it('a VIEWER token reads but cannot write; a scoped CONTRIBUTOR attaches evidence inside its scope only', async () => {
    WRITE('scan-reports/trivy-2026-11.json', '{"vulnerabilities": []}');
    WRITE('scan-reports/pip-audit-2026-11.txt', 'No known vulnerabilities found\n');
    const ran = await runShell(blocks(text, 'sh')[0]!, shell());
    expect(ran.map((r) => r.argv[0] === 'npm' ? r.argv.slice(4, 6).join(' ') : r.argv[0])).toEqual([
      'token create', 'export', 'curl', 'curl', 'token create', 'export', 'evidence upload', 'evidence upload',
    ]);
    const [viewerToken, , read, write, ciToken, , inside, outside] = ran as [Ran, Ran, Ran, Ran, Ran, Ran, Ran, Ran];

    expect(viewerToken.code).toBe(0);
    expect(viewerToken.stdout).toContain('role VIEWER');
    expect(json(read).errors).toBeUndefined();
    expect(json(read).data.coverage.totals).toMatchObject({ total: expect.any(Number), covered: expect.any(Number) });
    expect(json(write).data.controlCreate).toEqual({
      control: null,
      userErrors: [{ code: 'FORBIDDEN', message: 'role VIEWER may not do this (needs CATALOG_EDIT)' }],
    });
    expect((await data(`{ control(refId: "DASH-01") { id } }`)).control).toBeNull();

    expect(ciToken.code).toBe(0);
    expect(ciToken.stdout).toContain('role CONTRIBUTOR');
    expect(inside.code).toBe(0);
    expect(inside.stdout).toContain('2 file(s): 2 attached, 0 already attached (skipped), 0 failed.');
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('2 file(s): 0 attached, 0 already attached (skipped), 2 failed.');
    expect(outside.stdout.match(/FAILED .*may not attach evidence to that control \(FORBIDDEN\)/g)).toHaveLength(2);
    const evidence = await data(`{ vul: control(refId: "SEC-VUL-01") { evidence { totalCount } } enc: control(refId: "SEC-ENC-01") { evidence { totalCount } } }`);
    expect([evidence.vul.evidence.totalCount, evidence.enc.evidence.totalCount]).toEqual([2, 0]);
  });

  it('tokenCreate gives the same scoped token through the API', async () => {
    const ops = operations(text);
    const { vul, enc } = await data(`{ vul: control(refId: "SEC-VUL-01") { id } enc: control(refId: "SEC-ENC-01") { id } }`);
    const created = (await data(ops.CiToken!, 'CiToken', { controlId: vul.id })).tokenCreate;
    expect(created).toMatchObject({ secret: expect.stringMatching(/^cwk_/), token: { role: 'CONTRIBUTOR', scopeControls: [{ refId: 'SEC-VUL-01' }] }, userErrors: [] });
    expect(Date.parse(created.token.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);

    const attach = `mutation($controlId: ID!) { evidenceCreate(input: { kind: LINK, title: "Scan", url: "https://ci.example.com/scan/1", controlIds: [$controlId] }) {
      evidence { status } userErrors { field code } } }`;
    const outside = await data(attach, undefined, { controlId: enc.id }, created.secret);
    expect(outside.evidenceCreate).toEqual({ evidence: null, userErrors: [{ field: ['input', 'controlIds', '0'], code: 'FORBIDDEN' }] });
    const inside = await data(attach, undefined, { controlId: vul.id }, created.secret);
    expect(inside.evidenceCreate).toEqual({ evidence: { status: 'PENDING_REVIEW' }, userErrors: [] });
  });
});

describe('docs/import-export.md: Exporting, from a spreadsheet to an auditor', () => {
  const text = section('import-export.md', '## Exporting');

  it('imports a CSV of mappings with one command and exports OSCAL assessment-results with another', async () => {
    await fromAFolderToCoverage(); // its accepted files and SEC-LOG-01 are in the export
    writeFileSync(join(work, 'mappings.csv'), blocks(text, 'csv')[0]!);
    const [imported, exported] = await runShell(blocks(text, 'sh')[0]!, shell());
    expect(imported!.stderr).toBe('');
    expect(imported!.code).toBe(0);
    expect(imported!.stdout).toContain('Imported: CSV_MAPPINGS, mode MERGE.\n  mappings: 2 created\nNothing was rejected.');
    const mapped = await data(`{ requirement(frameworkRefId: "nist-ai-rmf-1.0", refId: "MANAGE 4.1") { mappings { edges { node { relationship strength control { refId } } } } } }`);
    expect(mapped.requirement.mappings.edges).toEqual([{ node: { relationship: 'INTERSECTS_WITH', strength: 5, control: { refId: 'SEC-MON-03' } } }]);

    expect(exported!.code).toBe(0);
    expect(exported!.stderr).toMatch(/^Wrote assessment-results\.json \(\d+ bytes, sha256 [0-9a-f]{64}; suggested name assessment-results-organisation-/);
    const oscal = JSON.parse(readFileSync(join(work, 'assessment-results.json'), 'utf8'))['assessment-results'];
    expect(oscal.metadata['oscal-version']).toBe('1.1.2');
    const [result] = oscal.results;
    const finding = result.findings.find((f: any) => f.props.some((p: any) => p.name === 'requirement' && p.value === 'MANAGE 4.1'));
    expect(finding.target).toMatchObject({ type: 'statement-id', status: { state: 'not-satisfied', reason: 'fail' } });
    expect(finding.props).toContainEqual({ name: 'gap-reason', ns: 'urn:crosswalk:oscal', value: 'ONLY_PARTIAL' });
    const observed = result.observations.filter((o: any) => finding['related-observations'].some((r: any) => r['observation-uuid'] === o.uuid));
    // SEC-MON-03 by the CSV's mapping; SEC-LOG-01 through the starter link from AIGB-MON-02, read backwards.
    expect(observed.map((o: any) => o.props.find((p: any) => p.name === 'control').value)).toEqual(['SEC-LOG-01', 'SEC-MON-03']);
    // The files accepted in the evidence walkthrough are in it by hash.
    const files = oscal['back-matter'].resources.filter((r: any) => r.rlinks?.[0]?.href.startsWith('/v1/blobs/'));
    expect(files.map((r: any) => r.title)).toEqual(expect.arrayContaining(['decisions.log', 'retention-policy.txt']));
  });
});
