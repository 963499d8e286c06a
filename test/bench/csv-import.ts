/**
 * Large-import benchmark (`tsx test/bench/csv-import.ts`, or `benchCsvImport()` from
 * `npm run bench`, which prints `csvImportFigures()` as table rows). Against a real server in a
 * child process with a temporary, empty data directory:
 *
 * - import: a controls CSV of 100,000 rows (all seven columns, about 11 MiB) uploaded with
 *   PUT /v1/blobs, then `catalogImport(sha256, format: CSV_CONTROLS)` as ADMIN, timed from the
 *   request to the answer. Baseline in the same run: reading the same CSV alone (readCsv, in the
 *   benchmark's process): what any import must do before it writes anything.
 * - memory: the server's RSS sampled every 10 ms during the import (from /proc), peak − before.
 *   Goal: at most 300 MiB over the idle size (issue 16's bound for any request within the limits).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCsv } from '../../src/domain/import/csv.js';
import { spawnServer, type ChildServer } from '../evidence-files/support/child-server.js';
import { round, rssOf } from './http.js';

const MiB = 1024 * 1024;
export const CSV_ROWS = 100_000;
const GOAL_GROWTH_MIB = 300;

export interface CsvImportBench extends Record<string, unknown> {
  rows: number;
  bytes: number;
  importMs: number;
  parseMs: number;
  created: number;
  memory: { rssBeforeMiB: number; rssPeakMiB: number; growthMiB: number; goalMaxGrowthMiB: number; pass: boolean };
  loadAverage: { start: number[]; end: number[] };
}

/** The CSV: seven columns, refIds `CTL-000001`…, a few domains, types and statuses. */
export function controlsCsv(rows: number): string {
  const types = ['PREVENTIVE', 'DETECTIVE', 'CORRECTIVE'];
  const statuses = ['NOT_IMPLEMENTED', 'PLANNED', 'IN_PROGRESS', 'IMPLEMENTED'];
  const lines = ['control,title,description,domain,type,status,owner'];
  for (let i = 1; i <= rows; i++) {
    const id = String(i).padStart(6, '0');
    lines.push(
      `CTL-${id},Control ${id},"Checks item ${id}, logs the result and alerts on failure",Domain ${i % 40},${types[i % 3]},${statuses[i % 4]},team-${i % 25}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function benchCsvImport(options: { rows?: number; workDir?: string } = {}): Promise<CsvImportBench> {
  const rows = options.rows ?? CSV_ROWS;
  const dir = mkdtempSync(join(options.workDir ?? tmpdir(), 'crosswalk-bench-csv-'));
  const token = `bench-admin-${randomBytes(24).toString('hex')}`;
  const loadAtStart = loadavg();
  let server: ChildServer | null = null;
  try {
    const csv = controlsCsv(rows);
    const bytes = Buffer.from(csv, 'utf8');

    // Baseline: reading the CSV alone (median of three).
    const parses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      if (readCsv(csv).rows.length !== rows) throw new Error('readCsv lost rows');
      parses.push(performance.now() - started);
    }
    const parseMs = parses.sort((a, b) => a - b)[1]!;

    server = await spawnServer({ dataDir: join(dir, 'data'), adminToken: token });
    const upload = await fetch(`${server.url}/v1/blobs`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: bytes });
    if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
    const { sha256 } = (await upload.json()) as { sha256: string };
    // Warm-up: a small import (JIT, prepared statements), then let the heap settle.
    await importCsv(server.url, token, { content: controlsCsv(10).replaceAll('CTL-', 'WARM-'), format: 'CSV_CONTROLS' });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const rssBefore = rssOf(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssOf(server!.pid));
    }, 10);
    const started = performance.now();
    let created: number;
    try {
      const report = await importCsv(server.url, token, { sha256, format: 'CSV_CONTROLS' });
      created = report.counts.find((c: { kind: string }) => c.kind === 'controls')?.created ?? 0;
    } finally {
      clearInterval(sampler);
    }
    const importMs = performance.now() - started;
    rssPeak = Math.max(rssPeak, rssOf(server.pid));
    if (created !== rows) throw new Error(`the import created ${created} controls of ${rows}`);
    const growthMiB = round((rssPeak - rssBefore) / MiB);
    return {
      rows,
      bytes: bytes.length,
      importMs: round(importMs),
      parseMs: round(parseMs),
      created,
      memory: { rssBeforeMiB: round(rssBefore / MiB), rssPeakMiB: round(rssPeak / MiB), growthMiB, goalMaxGrowthMiB: GOAL_GROWTH_MIB, pass: growthMiB <= GOAL_GROWTH_MIB },
      loadAverage: { start: loadAtStart, end: loadavg() },
    };
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importCsv(url: string, token: string, input: Record<string, unknown>): Promise<{ counts: { kind: string; created: number }[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($input: CatalogImportInput!) { catalogImport(input: $input) { report { counts { kind created } rejected { reason } } userErrors { code message } } }`,
      variables: { input },
    }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  const result = body.data?.catalogImport;
  if (!result?.report || result.userErrors.length || result.report.rejected.length) {
    throw new Error(`catalogImport failed (${response.status}): ${JSON.stringify(body).slice(0, 500)}`);
  }
  return result.report;
}

/** Table rows for run.ts. */
export function csvImportFigures(r: CsvImportBench) {
  const size = 'csv';
  return [
    {
      size,
      id: 'i',
      name: `controls CSV import, ${r.rows.toLocaleString('en-US')} rows (${round(r.bytes / MiB)} MiB, catalogImport by SHA-256)`,
      value: r.importMs,
      unit: 'ms',
      baselineName: 'reading the CSV alone',
      baseline: r.parseMs,
      goal: '',
      met: null,
      note: `${r.created} controls created; ${Math.round(r.rows / (r.importMs / 1000))} rows/s`,
      detail: r,
    },
    {
      size,
      id: 'm',
      name: 'server RSS growth during that import (peak − before)',
      value: r.memory.growthMiB,
      unit: 'MiB',
      baselineName: 'file size',
      baseline: round(r.bytes / MiB),
      goal: `≤ ${r.memory.goalMaxGrowthMiB} MiB`,
      met: r.memory.pass,
      note: `RSS before ${Math.round(r.memory.rssBeforeMiB)} MiB, peak ${Math.round(r.memory.rssPeakMiB)} MiB`,
      detail: r.memory,
    },
  ];
}


if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchCsvImport();
  console.log(JSON.stringify(result, null, 2));
  for (const f of csvImportFigures(result)) console.log(`${f.id} ${f.name}: ${f.value} ${f.unit} vs ${f.baseline} ${f.unit} (${f.baselineName}); ${f.note}`);
  console.log(`load average at start ${result.loadAverage.start.join(' ')}, at end ${result.loadAverage.end.join(' ')}`);
}
