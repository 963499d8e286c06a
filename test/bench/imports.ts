/**
 * Mapping-import benchmark (`tsx test/bench/imports.ts`, or `npm run bench -- --only imports`).
 * Against a real server in a child process with a temporary, empty data directory:
 *
 * - the SP 800-53 rev5 → rev4 mapping-collection (740 maps, ../shared/data/oscal-mapping-examples)
 *   after importing the two catalogs it links (../shared/data/nist-sp800-53-rev5 and -rev4);
 * - a synthetic collection of 20,000 1:1 maps (distinct pairs) between two generated catalogs of
 *   2,000 controls each.
 *
 * Each collection is uploaded with PUT /v1/blobs and imported with `catalogImport(sha256)` as
 * ADMIN, timed from the request to the answer. Baseline in the same run: reading and parsing the
 * file alone (readFile + JSON.parse, median of three, in the benchmark's process). While the
 * import runs, the server's RSS is sampled every 10 ms (peak − before), and `{ frameworks {
 * totalCount } }` is asked again and again, one request at a time (p99 of its latency; its
 * baseline is the p99 of the same query asked 50 times just before, with no import running).
 * Goals (issue 12): 740 maps ≤ 1 s and ≤ 100 MiB; 20,000 links ≤ 10 s and ≤ 300 MiB; p99 ≤ 100 ms.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnServer, type ChildServer } from '../evidence-files/support/child-server.js';
import { round, rssOf, stats } from './http.js';

const MiB = 1024 * 1024;
/** The shared data folder: CROSSWALK_SHARED_DATA, else `../shared/data` beside the checkout (or beside its parent, for a worktree). */
const DATA =
  process.env.CROSSWALK_SHARED_DATA ??
  [join(import.meta.dirname, '../../../shared/data'), join(import.meta.dirname, '../../../../shared/data')].find((d) => existsSync(d)) ??
  join(import.meta.dirname, '../../../shared/data');
const REV5_CATALOG = join(DATA, 'nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json');
const REV4_CATALOG = join(DATA, 'nist-sp800-53-rev4/NIST_SP-800-53_rev4_catalog-min.json');
const REV5_TO_REV4 = join(DATA, 'oscal-mapping-examples/mapping-collections/NIST_SP-800-53_rev5-to-NIST_SP-800-53_rev4/mapping-collection.json');
export const SYNTHETIC_LINKS = 20_000;
const SYNTHETIC_CONTROLS = 2_000;

interface Case {
  name: string;
  id: string;
  goalMs: number;
  goalGrowthMiB: number;
}
const GOAL_P99_MS = 100;
/** Reads asked one at a time before each import, for the idle latency of the same run. */
const IDLE_READS = 50;

export interface ImportRun extends Record<string, unknown> {
  case: Case;
  bytes: number;
  importMs: number;
  parseMs: number;
  linksCreated: number;
  rejected: number;
  memory: { rssBeforeMiB: number; rssPeakMiB: number; growthMiB: number };
  /** During the import, and (idle*) before it with no import running. */
  reads: { count: number; p50: number; p99: number; max: number; idleP50: number; idleP99: number };
}

export interface ImportsBench {
  runs: ImportRun[];
  skipped: string[];
  loadAverage: { start: number[]; end: number[] };
}

/** An OSCAL catalog of `n` controls `<prefix>-1`…, each with a short statement. */
export function syntheticCatalog(prefix: string, n: number): string {
  const controls = Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    title: `${prefix.toUpperCase()} control ${i + 1}`,
    parts: [{ id: `${prefix}-${i + 1}_smt`, name: 'statement', prose: `The organisation does thing ${i + 1} of ${prefix}.` }],
  }));
  return JSON.stringify({ catalog: { uuid: '00000000-0000-4000-8000-0000000000' + (prefix === 'syna' ? 'a1' : 'b1'), metadata: { title: `Synthetic ${prefix}`, version: '1', 'oscal-version': '1.1.2' }, controls } });
}

/** `links` 1:1 maps between syna and synb, every (source, target) pair distinct. */
export function syntheticCollection(links: number, controls: number): string {
  const maps = Array.from({ length: links }, (_, i) => {
    const s = i % controls;
    const k = Math.floor(i / controls);
    return {
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      relationship: ['equivalent-to', 'subset-of', 'superset-of', 'intersects-with'][i % 4],
      sources: [{ type: 'control', 'id-ref': `syna-${s + 1}` }],
      targets: [{ type: 'control', 'id-ref': `synb-${((s + k * 211) % controls) + 1}` }],
      'confidence-score': { percentage: 0.9 },
      remarks: `Synthetic map ${i + 1}.`,
    };
  });
  return JSON.stringify({
    'mapping-collection': {
      uuid: '00000000-0000-4000-8000-00000000c011',
      metadata: { title: 'Synthetic A to B', version: '1', 'oscal-version': '1.2.1' },
      provenance: { method: 'automation', 'matching-rationale': 'syntactic', status: 'complete' },
      mappings: [
        { uuid: '00000000-0000-4000-8000-00000000c012', 'source-resource': { type: 'catalog', href: 'a.json' }, 'target-resource': { type: 'catalog', href: 'b.json' }, maps },
      ],
    },
  });
}

async function gql(url: string, token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown } };
}

async function upload(url: string, token: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${url}/v1/blobs`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(bytes) });
  if (response.status !== 201 && response.status !== 200) throw new Error(`upload answered ${response.status}`);
  return ((await response.json()) as { sha256: string }).sha256;
}

const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) {
  report { counts { kind created unchanged } rejected { location reason } } userErrors { code message } } }`;

async function importBlob(url: string, token: string, bytes: Buffer, input: Record<string, unknown>) {
  const sha256 = await upload(url, token, bytes);
  const { status, body } = await gql(url, token, IMPORT, { input: { ...input, sha256 } });
  const result = body.data?.catalogImport;
  if (!result?.report || result.userErrors.length) throw new Error(`catalogImport failed (${status}): ${JSON.stringify(body).slice(0, 500)}`);
  return result.report as { counts: { kind: string; created: number; unchanged: number }[]; rejected: unknown[] };
}

function parseBaseline(file: string): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    JSON.parse(readFileSync(file, 'utf8'));
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

/** Imports `file` while sampling RSS and asking `{ frameworks { totalCount } }` in a loop. */
async function measure(server: ChildServer, token: string, c: Case, file: string, input: Record<string, unknown>): Promise<ImportRun> {
  const bytes = readFileSync(file);
  const parseMs = parseBaseline(file);
  const sha256 = await upload(server.url, token, bytes);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // The same query with no import running, in the same run: what the machine's load alone costs.
  const idle: number[] = [];
  for (let i = 0; i < IDLE_READS; i++) {
    const started = performance.now();
    await gql(server.url, token, '{ frameworks { totalCount } }');
    idle.push(performance.now() - started);
  }
  const rssBefore = rssOf(server.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(server.pid))), 10);
  let importing = true;
  const latencies: number[] = [];
  const reader = (async () => {
    while (importing) {
      const started = performance.now();
      const { body } = await gql(server.url, token, '{ frameworks { totalCount } }');
      if (typeof body.data?.frameworks?.totalCount !== 'number') throw new Error(`frameworks query failed: ${JSON.stringify(body).slice(0, 300)}`);
      latencies.push(performance.now() - started);
    }
  })();
  const started = performance.now();
  let report;
  try {
    const { status, body } = await gql(server.url, token, IMPORT, { input: { ...input, sha256 } });
    report = body.data?.catalogImport?.report;
    if (!report || body.data.catalogImport.userErrors.length) throw new Error(`catalogImport failed (${status}): ${JSON.stringify(body).slice(0, 500)}`);
  } finally {
    importing = false;
    clearInterval(sampler);
  }
  const importMs = performance.now() - started;
  await reader;
  rssPeak = Math.max(rssPeak, rssOf(server.pid));
  const s = stats(latencies);
  const quiet = stats(idle);
  return {
    case: c,
    bytes: bytes.length,
    importMs: round(importMs),
    parseMs: round(parseMs),
    linksCreated: report.counts.find((k: { kind: string }) => k.kind === 'links')?.created ?? 0,
    rejected: report.rejected.length,
    memory: { rssBeforeMiB: round(rssBefore / MiB), rssPeakMiB: round(rssPeak / MiB), growthMiB: round((rssPeak - rssBefore) / MiB) },
    reads: { count: latencies.length, p50: round(s.p50), p99: round(s.p99), max: round(Math.max(...latencies)), idleP50: round(quiet.p50), idleP99: round(quiet.p99) },
  };
}

export async function benchImports(options: { links?: number } = {}): Promise<ImportsBench> {
  const links = options.links ?? SYNTHETIC_LINKS;
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-imports-'));
  const token = `bench-admin-${randomBytes(24).toString('hex')}`;
  const start = loadavg();
  const runs: ImportRun[] = [];
  const skipped: string[] = [];
  let server: ChildServer | null = null;
  try {
    server = await spawnServer({ dataDir: join(dir, 'data'), adminToken: token, env: { CROSSWALK_RATE_LIMIT: '0' } });
    if ([REV5_CATALOG, REV4_CATALOG, REV5_TO_REV4].every((f) => existsSync(f))) {
      await importBlob(server.url, token, readFileSync(REV5_CATALOG), { frameworkRefId: 'nist-sp800-53-rev5' });
      await importBlob(server.url, token, readFileSync(REV4_CATALOG), { frameworkRefId: 'nist-sp800-53-rev4' });
      runs.push(
        await measure(server, token, { name: 'SP 800-53 rev5 → rev4 mapping-collection, 740 maps', id: 'r', goalMs: 1_000, goalGrowthMiB: 100 }, REV5_TO_REV4, {
          frameworkRefId: 'nist-sp800-53-rev5',
          targetFrameworkRefId: 'nist-sp800-53-rev4',
        }),
      );
    } else skipped.push(`the 740-map collection: ${DATA} lacks the SP 800-53 files`);

    await importBlob(server.url, token, Buffer.from(syntheticCatalog('syna', SYNTHETIC_CONTROLS)), { frameworkRefId: 'syn-a' });
    await importBlob(server.url, token, Buffer.from(syntheticCatalog('synb', SYNTHETIC_CONTROLS)), { frameworkRefId: 'syn-b' });
    const file = join(dir, 'synthetic-collection.json');
    writeFileSync(file, syntheticCollection(links, SYNTHETIC_CONTROLS));
    runs.push(
      await measure(server, token, { name: `synthetic mapping-collection, ${links.toLocaleString('en-US')} links`, id: 's', goalMs: 10_000, goalGrowthMiB: 300 }, file, {
        frameworkRefId: 'syn-a',
        targetFrameworkRefId: 'syn-b',
      }),
    );
    return { runs, skipped, loadAverage: { start, end: loadavg() } };
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Table rows for run.ts. */
export function importsFigures(result: ImportsBench) {
  return result.runs.flatMap((r) => [
    {
      size: 'imports',
      id: `${r.case.id}t`,
      name: `${r.case.name} (${round(r.bytes / MiB)} MiB), catalogImport by SHA-256`,
      value: r.importMs,
      unit: 'ms',
      baselineName: 'reading + parsing the file alone',
      baseline: r.parseMs,
      goal: `≤ ${r.case.goalMs.toLocaleString('en-US')} ms`,
      met: r.importMs <= r.case.goalMs,
      note: `${r.linksCreated} links created, ${r.rejected} rejected`,
      detail: r,
    },
    {
      size: 'imports',
      id: `${r.case.id}m`,
      name: 'server RSS growth during that import (peak − before)',
      value: r.memory.growthMiB,
      unit: 'MiB',
      baselineName: 'file size',
      baseline: round(r.bytes / MiB),
      goal: `≤ ${r.case.goalGrowthMiB} MiB`,
      met: r.memory.growthMiB <= r.case.goalGrowthMiB,
      note: `RSS before ${Math.round(r.memory.rssBeforeMiB)} MiB, peak ${Math.round(r.memory.rssPeakMiB)} MiB`,
      detail: r.memory,
    },
    {
      size: 'imports',
      id: `${r.case.id}q`,
      name: 'p99 of { frameworks { totalCount } } while that import runs',
      value: r.reads.p99,
      unit: 'ms',
      baselineName: 'p99 with no import running',
      baseline: r.reads.idleP99,
      goal: `≤ ${GOAL_P99_MS} ms`,
      met: r.reads.p99 <= GOAL_P99_MS,
      note: `${r.reads.count} queries, one at a time; p50 ${r.reads.p50} ms, max ${r.reads.max} ms; with no import: p50 ${r.reads.idleP50} ms (${IDLE_READS} queries)`,
      detail: r.reads,
    },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchImports();
  for (const s of result.skipped) console.log(`skipped: ${s}`);
  for (const f of importsFigures(result)) console.log(`${f.id} ${f.name}: ${f.value} ${f.unit} (${f.baselineName} ${f.baseline}); goal ${f.goal}: ${f.met ? 'met' : 'MISSED'}; ${f.note}`);
  console.log(`load average at start ${result.loadAverage.start.join(' ')}, at end ${result.loadAverage.end.join(' ')}`);
}
