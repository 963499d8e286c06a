/**
 * The PostgreSQL rows of `npm run bench -- --backend postgres|both` (issue 15). Each row is
 * measured on PostgreSQL and, in the same run and the same way, on SQLite: the value is
 * PostgreSQL's, the baseline SQLite's, the ratio PostgreSQL ÷ SQLite. Both answer over the same
 * generated rows (pg-load.ts copies the generated SQLite file before anything writes to it).
 *
 * - cold coverage: a fresh CoverageService's first evaluation, in-process (as figure a), the two
 *   backends alternating. Goal: ≤ 2× SQLite's.
 * - summary throughput: autocannon against one server process. Goal: ≥ 0.8× SQLite's.
 * - write → read on another instance: two server processes A and B on the one database; an
 *   evidenceReview through A, then reads through B until B shows it (the item's status and a
 *   coverage summary equal to A's); timed from sending the write. Goal: p50 ≤ 50 ms. SQLite's
 *   baseline is the same write and read on its one instance.
 * - two instances against one: the summary load split over A and B, reported only: on two cores
 *   shared with PostgreSQL and the load generator it cannot show scaling.
 *
 * Before a server is measured its first pass of the metrics gauges (every scope's coverage,
 * computed at start) is waited for, so it does not overlap the measurements of either backend.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { PostgresStore } from '../../src/db/pg-store.js';
import type { Store } from '../../src/db/store.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { createServices } from '../../src/services/index.js';
import type { EvidenceFilesBench } from './evidence-files.js';
import type { GeneratedOrganisation } from './generate.js';
import { GraphQLClient, load, startBenchServer, stats, type BenchServer, type LatencyStats, type LoadResult } from './http.js';
import { EVIDENCE_REVIEW, SUMMARY } from './queries.js';

export interface PostgresBenchSettings {
  reps: number;
  connections: number;
  warmS: number;
  loadS: number;
  pairs: number;
  budgetMs: number;
}

/** A row of the bench table (run.ts `figure()`). */
export interface Row {
  size: string;
  id: string;
  name: string;
  value: number | null;
  unit: string;
  baselineName: string;
  baseline: number | null;
  ratio?: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
  detail?: unknown;
}

const SQLITE = 'SQLite, same run';

/** The write's effect as another instance reads it: the item's status and the summaries. */
const WRITE_VISIBLE = `query Visible($id: ID!) {
  node(id: $id) { ... on Evidence { status } }
  coverage { frameworks { framework { refId } total covered partial uncovered notApplicable coverageRatio } }
}`;

const median = (xs: number[]) => stats(xs).p50;

/**
 * The rows of one size: `org.file` is the generated SQLite file, `databaseUrl` a database holding
 * the same rows. The write rows review pending evidence taken from the end of the generator's list
 * (half for each backend), so the SQLite bench's figure e, which takes them from the start, never
 * meets them. Problems (MISMATCH, failed requests) are added to `problems`.
 */
export async function postgresFigures(
  size: string,
  org: GeneratedOrganisation,
  databaseUrl: string,
  settings: PostgresBenchSettings,
  problems: string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  const goals = size === 'M';
  const sqliteDir = join(org.file, '..');
  const pending = [...org.pendingEvidenceIds].reverse();
  const half = Math.floor(pending.length / 2);
  const sqlitePending = pending.slice(0, half);
  const pgPending = pending.slice(half);

  // Cold coverage, in-process, alternating.
  const at = Date.now();
  const cold = { sqlite: [] as number[], postgres: [] as number[] };
  const answers: { sqlite?: string; postgres?: string } = {};
  for (let i = 0; i < settings.reps; i++) {
    for (const backend of ['sqlite', 'postgres'] as const) {
      const store: Store = backend === 'sqlite' ? SqliteStore.open(org.file) : PostgresStore.connect(databaseUrl, { poolSize: 10 });
      try {
        // PostgreSQL: a connection made and the migrations checked outside the clock.
        if (!(await store.isReady())) throw new Error(`${backend} store not ready`);
        const services = createServices(store);
        const t0 = performance.now();
        const answer = await services.coverage.evaluate(CLI_ACTOR, { at, viaCrosswalks: false });
        cold[backend].push(performance.now() - t0);
        answers[backend] ??= JSON.stringify(answer?.frameworks.map((f) => [f.frameworkId, f.summary]));
      } finally {
        await store.close();
      }
    }
  }
  const countsMatch = answers.sqlite === answers.postgres;
  if (!countsMatch) problems.push(`${size} PostgreSQL: coverage counts differ from SQLite's (MISMATCH)`);
  const coldPg = median(cold.postgres);
  const coldSqlite = median(cold.sqlite);
  rows.push({
    size,
    id: 'pa',
    name: 'PostgreSQL: cold coverage, all frameworks, no crosswalks (fresh CoverageService)',
    value: coldPg,
    unit: 'ms',
    baselineName: SQLITE,
    baseline: coldSqlite,
    goal: goals ? '≤ 2× SQLite' : '',
    met: goals ? coldPg <= 2 * coldSqlite : null,
    note: `counts ${countsMatch ? 'match' : 'MISMATCH'} SQLite's; runs PostgreSQL ${cold.postgres.map((ms) => Math.round(ms)).join(', ')} ms, SQLite ${cold.sqlite.map((ms) => Math.round(ms)).join(', ')} ms`,
    detail: cold,
  });
  console.log(`  cold coverage: PostgreSQL ${coldPg.toFixed(0)} ms, SQLite ${coldSqlite.toFixed(0)} ms; counts ${countsMatch ? 'MATCH' : '*** MISMATCH ***'}`);

  const token = `bench-admin-${randomBytes(24).toString('hex')}`;

  // SQLite: one instance, throughput then write → read.
  let sqliteSummary: LoadResult;
  let sqliteWrites: LatencyStats;
  let sqliteAnswer: string;
  {
    const server = await startBenchServer(sqliteDir, token);
    try {
      const client = new GraphQLClient(server.endpoint, token);
      await gaugesReady(server, token);
      sqliteAnswer = (await client.raw(SUMMARY)).text;
      sqliteSummary = await throughput([client], settings, problems, `${size} SQLite summary`);
      sqliteWrites = (await writeThenRead(client, client, sqlitePending, settings)).writeToRead;
    } finally {
      await server.stop();
    }
  }

  // PostgreSQL: instance A alone, then B beside it.
  const pgDir = (name: string) => {
    const dir = join(sqliteDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const env = { CROSSWALK_DATABASE_URL: databaseUrl };
  const servers: BenchServer[] = [];
  try {
    const a = await startBenchServer(pgDir('pg-a'), token, env);
    servers.push(a);
    const clientA = new GraphQLClient(a.endpoint, token);
    await gaugesReady(a, token);
    const pgAnswer = (await clientA.raw(SUMMARY)).text;
    if (pgAnswer !== sqliteAnswer) problems.push(`${size} PostgreSQL: the summary query answers differently from SQLite's (MISMATCH)`);
    const one = await throughput([clientA], settings, problems, `${size} PostgreSQL summary`);
    rows.push({
      size,
      id: 'pb',
      name: `PostgreSQL: framework-summary throughput, one instance (${settings.connections} conn, ${settings.loadS} s)`,
      value: one.rps,
      unit: 'req/s',
      baselineName: SQLITE,
      baseline: sqliteSummary.rps,
      goal: goals ? '≥ 0.8× SQLite' : '',
      met: goals ? one.rps >= 0.8 * sqliteSummary.rps : null,
      note: `latency p50/p99 PostgreSQL ${one.latencyP50}/${one.latencyP99} ms, SQLite ${sqliteSummary.latencyP50}/${sqliteSummary.latencyP99} ms`,
      detail: { postgres: one, sqlite: sqliteSummary },
    });
    console.log(`  summary throughput: PostgreSQL ${one.rps.toFixed(0)} req/s, SQLite ${sqliteSummary.rps.toFixed(0)} req/s`);

    const b = await startBenchServer(pgDir('pg-b'), token, env);
    servers.push(b);
    const clientB = new GraphQLClient(b.endpoint, token);
    await gaugesReady(b, token);
    const w = await writeThenRead(clientA, clientB, pgPending, settings);
    rows.push({
      size,
      id: 'pw',
      name: `PostgreSQL: evidenceReview through A, then reads through B until B shows it (p50 of ${w.writeToRead.n})`,
      value: w.writeToRead.p50,
      unit: 'ms',
      baselineName: `${SQLITE}, one instance`,
      baseline: sqliteWrites.p50,
      goal: goals ? 'p50 ≤ 50 ms' : '',
      met: goals ? w.writeToRead.p50 <= 50 : null,
      note:
        `p95 ${w.writeToRead.p95.toFixed(1)} ms (SQLite ${sqliteWrites.p95.toFixed(1)} ms); acknowledged → seen on B p50 ${w.ackToVisible.p50.toFixed(1)} ms, ` +
        `p95 ${w.ackToVisible.p95.toFixed(1)} ms; ${w.staleReads} of ${w.writeToRead.n} first reads on B did not show the write yet`,
      detail: { postgres: w, sqlite: sqliteWrites },
    });
    console.log(
      `  write → read on another instance: p50 ${w.writeToRead.p50.toFixed(1)} ms, p95 ${w.writeToRead.p95.toFixed(1)} ms ` +
        `(SQLite one instance p50 ${sqliteWrites.p50.toFixed(1)} ms); stale first reads ${w.staleReads}`,
    );

    const afterA = (await clientA.raw(SUMMARY)).text;
    const afterB = (await clientB.raw(SUMMARY)).text;
    if (afterA !== afterB) problems.push(`${size} PostgreSQL: instances A and B answer the summary differently after the writes`);
    const two = await throughput([clientA, clientB], settings, problems, `${size} PostgreSQL summary on two instances`);
    rows.push({
      size,
      id: 'p2',
      name: `PostgreSQL: framework-summary throughput, two instances, the load split (${settings.connections} conn in all)`,
      value: two.rps,
      unit: 'req/s',
      baselineName: 'one PostgreSQL instance',
      baseline: one.rps,
      goal: '',
      met: null,
      note: 'reported only: on 2 cores shared by PostgreSQL, both instances and the load generator, a second instance cannot show scaling',
      detail: two,
    });
    console.log(`  two instances: ${two.rps.toFixed(0)} req/s (one: ${one.rps.toFixed(0)} req/s)`);
  } finally {
    for (const server of servers) await server.stop();
  }
  return rows;
}

/**
 * Summary load over the clients at once (the connections split between them), after a warm-up;
 * the expected body is what the first client answers now. Requests per second summed.
 */
async function throughput(clients: GraphQLClient[], settings: PostgresBenchSettings, problems: string[], label: string): Promise<LoadResult> {
  const expected = (await clients[0]!.raw(SUMMARY)).text;
  const share = (i: number) => Math.floor(settings.connections / clients.length) + (i < settings.connections % clients.length ? 1 : 0);
  const run = (durationS: number) => Promise.all(clients.map((client, i) => load(client, SUMMARY, expected, { connections: share(i), durationS })));
  await run(settings.warmS);
  const results = await run(settings.loadS);
  // autocannon resolves with requests still in flight; let them end before anything else (or a
  // stop) happens.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const sum = (key: 'rps' | 'requests' | 'non2xx' | 'errors' | 'mismatches') => results.reduce((n, r) => n + r[key], 0);
  const total: LoadResult = {
    rps: sum('rps'),
    requests: sum('requests'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    mismatches: sum('mismatches'),
    latencyP50: Math.max(...results.map((r) => r.latencyP50)),
    latencyP99: Math.max(...results.map((r) => r.latencyP99)),
  };
  if (total.non2xx || total.errors || total.mismatches) problems.push(`${label}: ${total.non2xx} non-2xx, ${total.errors} errors, ${total.mismatches} unexpected bodies`);
  return total;
}

/**
 * evidenceReview (ACCEPTED) of pending items through `writer`, each followed by reads through
 * `reader` until it shows the write: the item ACCEPTED and the summaries the writer itself
 * answers after its write (read untimed, once the reader shows the status). Times from sending
 * the write to the read that shows it, and from the acknowledgement to that read.
 */
async function writeThenRead(
  writer: GraphQLClient,
  reader: GraphQLClient,
  pending: number[],
  settings: PostgresBenchSettings,
): Promise<{ writeToRead: LatencyStats; ackToVisible: LatencyStats; staleReads: number; readsPerWrite: number }> {
  const count = Math.min(settings.pairs + 2, pending.length);
  const writeToRead: number[] = [];
  const ackToVisible: number[] = [];
  let staleReads = 0;
  let reads = 0;
  let writes = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    writes++;
    const id = toGlobalId('Evidence', pending[i]!);
    const t0 = performance.now();
    const w = await writer.data(EVIDENCE_REVIEW, { input: { evidenceId: id, decision: 'ACCEPTED', comment: 'bench' } });
    if (w.evidenceReview.userErrors.length) throw new Error(`evidenceReview: ${JSON.stringify(w.evidenceReview.userErrors)}`);
    const ack = performance.now();
    let truth: string | null = null;
    let untimed = 0;
    let first = true;
    for (;;) {
      const seen = await reader.data(WRITE_VISIBLE, { id });
      reads++;
      // The writer's own read below is not part of the time (it follows this read).
      const seenAt = performance.now() - untimed;
      let visible = false;
      if (seen.node?.status === 'ACCEPTED') {
        if (truth === null) {
          const u0 = performance.now();
          truth = JSON.stringify((await writer.data(SUMMARY)).coverage);
          untimed += performance.now() - u0;
        }
        visible = JSON.stringify(seen.coverage) === truth;
      }
      if (visible) {
        // The first two pairs warm up.
        if (i >= 2) {
          writeToRead.push(seenAt - t0);
          ackToVisible.push(seenAt - ack);
        }
        break;
      }
      if (first && i >= 2) staleReads++;
      first = false;
      if (seenAt - ack > 10_000) throw new Error(`evidence ${id}: the reader did not show the write within 10 s`);
    }
    if (writeToRead.length >= 5 && performance.now() - started > settings.budgetMs) break;
  }
  return { writeToRead: stats(writeToRead), ackToVisible: stats(ackToVisible), staleReads, readsPerWrite: reads / writes };
}

/** Waits until the server's first pass of the metrics gauges is done (at most five minutes). */
async function gaugesReady(server: BenchServer, token: string): Promise<void> {
  const until = Date.now() + 300_000;
  for (;;) {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (response.status === 200 && /^crosswalk_coverage_evaluated_timestamp_seconds \S+$/m.test(text)) return;
    if (Date.now() > until) throw new Error(`the metrics gauges of ${server.url} were not ready within five minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Upload and evidenceAttachBulk on PostgreSQL against the same on SQLite, same run. */
export function postgresFilesFigures(postgres: EvidenceFilesBench, sqlite: EvidenceFilesBench): Row[] {
  return [
    {
      size: 'files',
      id: 'pu',
      name: `PostgreSQL: upload of ${postgres.upload.bytes / 1024 / 1024} MiB, PUT /v1/blobs into the database (median of ${postgres.upload.runs.length})`,
      value: Math.round(postgres.upload.uploadMiBs),
      unit: 'MiB/s',
      baselineName: `${SQLITE} (files on disk)`,
      baseline: Math.round(sqlite.upload.uploadMiBs),
      ratio: postgres.upload.uploadMiBs / sqlite.upload.uploadMiBs,
      goal: '',
      met: null,
      note: `PostgreSQL against a plain write + fsync ${postgres.upload.ratio}× (SQLite ${sqlite.upload.ratio}×); server RSS growth PostgreSQL ${postgres.memory.growthMiB} MiB, SQLite ${sqlite.memory.growthMiB} MiB`,
      detail: { postgres: postgres.upload, sqlite: sqlite.upload, memory: { postgres: postgres.memory, sqlite: sqlite.memory } },
    },
    {
      size: 'files',
      id: 'px',
      name: `PostgreSQL: evidenceAttachBulk (${postgres.attachBulk.calls} calls of ${postgres.attachBulk.items / postgres.attachBulk.calls} items)`,
      value: Math.round(postgres.attachBulk.itemsPerSecond),
      unit: 'items/s',
      baselineName: SQLITE,
      baseline: Math.round(sqlite.attachBulk.itemsPerSecond),
      ratio: postgres.attachBulk.itemsPerSecond / sqlite.attachBulk.itemsPerSecond,
      goal: '',
      met: null,
      note: `call times PostgreSQL ${postgres.attachBulk.callMs.map((ms) => Math.round(ms)).join(', ')} ms`,
      detail: { postgres: postgres.attachBulk, sqlite: sqlite.attachBulk },
    },
  ];
}
