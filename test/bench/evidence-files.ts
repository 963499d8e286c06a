/**
 * Evidence-file benchmark (`tsx test/bench/evidence-files.ts`, or `benchEvidenceFiles()` from
 * `npm run bench`, which prints `evidenceFilesFigures()` as table rows). Against a real server in
 * a child process with a temporary data directory:
 *
 * - upload: a 100 MiB file streamed with PUT /v1/blobs (hash, temp file, fsync, rename, directory
 *   fsync, row committed) against a plain write of the same bytes to the same disk in the same
 *   run (writeFile + fsync into a new file that is kept, as the uploaded files are). Goal: upload
 *   throughput ≥ 0.5× the plain write. Five pairs, the order alternating (what ran just before
 *   changes the disk's speed); median of each side.
 * - memory: the server's RSS sampled every 10 ms during the uploads (from /proc). Goal: flat —
 *   the growth stays well below the file size (the body is streamed, never buffered: an upload
 *   holds at most 9 MiB of socket chunks waiting to be written; the rest of the growth is
 *   garbage socket chunks waiting for V8 to collect them, reused from the first upload on). A
 *   buffering server would grow by at least 100 MiB.
 * - evidenceAttachBulk: items attached per second, in calls of 1,000 items. Goal: ≥ 5,000/s.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnServer, type ChildServer } from '../evidence-files/support/child-server.js';
import { round, rssOf, waitReady } from './http.js';

const MiB = 1024 * 1024;
const UPLOAD_BYTES = 100 * MiB;
const RUNS = 5;
const BULK_CALLS = 10;
const BULK_ITEMS = 1_000;

export interface EvidenceFilesBench extends Record<string, unknown> {
  upload: {
    bytes: number;
    plainWriteMiBs: number;
    uploadMiBs: number;
    ratio: number;
    goal: number;
    pass: boolean;
    runs: { plainWriteMs: number; uploadMs: number }[];
  };
  memory: {
    rssBeforeMiB: number;
    rssPeakMiB: number;
    growthMiB: number;
    /** Highest RSS of the later uploads above the first one's: what each further upload adds. */
    laterUploadsGrowthMiB: number;
    runPeaksMiB: number[];
    goalMaxGrowthMiB: number;
    pass: boolean;
  };
  attachBulk: { items: number; calls: number; itemsPerSecond: number; goal: number; pass: boolean; callMs: number[] };
  /** 1-, 5- and 15-minute load averages at the start and the end (other work skews the figures). */
  loadAverage: { start: number[]; end: number[] };
}

/**
 * `env` adds to the server's environment: with CROSSWALK_DATABASE_URL the files go to PostgreSQL
 * (the plain write stays on the temp directory's disk) and the run waits for `/readyz` first.
 */
export async function benchEvidenceFiles(options: { workDir?: string; env?: Record<string, string> } = {}): Promise<EvidenceFilesBench> {
  // The data directory and the plain-write target are on the same disk (the temp directory's).
  const dir = mkdtempSync(join(options.workDir ?? tmpdir(), 'crosswalk-bench-files-'));
  const token = `bench-admin-${randomBytes(24).toString('hex')}`;
  const loadAtStart = loadavg();
  let server: ChildServer | null = null;
  try {
    const dataDir = join(dir, 'data');
    // The plain writes go there (on PostgreSQL the server keeps no files there, so may not make it).
    mkdirSync(dataDir, { recursive: true });
    server = await spawnServer({ dataDir, adminToken: token, env: options.env });
    if (options.env?.CROSSWALK_DATABASE_URL) await waitReady(server.url);
    const bytes = randomBytes(UPLOAD_BYTES);

    // Warm-up (connections, JIT): memory growth is measured after it, so it is kept small.
    const warmUp = randomBytes(4 * MiB);
    await timedUpload(server.url, token, warmUp, createHash('sha256').update(warmUp).digest('hex'));
    const runs: { plainWriteMs: number; uploadMs: number }[] = [];
    const rssBefore = rssOf(server.pid);
    let rssPeak = rssBefore;
    let runPeak = rssBefore;
    const runPeaks: number[] = [];
    const sampler = setInterval(() => {
      const rss = rssOf(server!.pid);
      rssPeak = Math.max(rssPeak, rss);
      runPeak = Math.max(runPeak, rss);
    }, 10);
    try {
      for (let run = 0; run < RUNS; run++) {
        // Fresh bytes each run, so every upload is a new file (201), not a known one.
        bytes.writeUInt32BE(run + 1, 0);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const plainPath = join(dataDir, `plain-${run}.bin`);
        let plainWriteMs: number;
        let uploadMs: number;
        runPeak = rssOf(server.pid);
        if (run % 2 === 0) {
          plainWriteMs = await plainWrite(plainPath, bytes);
          uploadMs = await timedUpload(server.url, token, bytes, sha256);
        } else {
          uploadMs = await timedUpload(server.url, token, bytes, sha256);
          plainWriteMs = await plainWrite(plainPath, bytes);
        }
        runPeaks.push(runPeak);
        runs.push({ plainWriteMs, uploadMs });
      }
    } finally {
      clearInterval(sampler);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const plainMs = median(runs.map((r) => r.plainWriteMs));
    const uploadMs = median(runs.map((r) => r.uploadMs));
    const ratio = plainMs / uploadMs;
    const growth = (rssPeak - rssBefore) / MiB;
    const laterGrowth = (Math.max(...runPeaks.slice(1)) - runPeaks[0]!) / MiB;

    const attach = await benchAttachBulk(server.url, token);
    return {
      upload: {
        bytes: UPLOAD_BYTES,
        plainWriteMiBs: round(UPLOAD_BYTES / MiB / (plainMs / 1000)),
        uploadMiBs: round(UPLOAD_BYTES / MiB / (uploadMs / 1000)),
        ratio: round(ratio, 2),
        goal: 0.5,
        pass: ratio >= 0.5,
        runs: runs.map((r) => ({ plainWriteMs: round(r.plainWriteMs), uploadMs: round(r.uploadMs) })),
      },
      memory: {
        rssBeforeMiB: round(rssBefore / MiB),
        rssPeakMiB: round(rssPeak / MiB),
        growthMiB: round(growth),
        laterUploadsGrowthMiB: round(laterGrowth),
        runPeaksMiB: runPeaks.map((rss) => round(rss / MiB)),
        goalMaxGrowthMiB: 64,
        pass: growth < 64,
      },
      attachBulk: attach,
      loadAverage: { start: loadAtStart.map((l) => round(l, 2)), end: loadavg().map((l) => round(l, 2)) },
    };
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The results as rows of the `npm run bench` table (test/bench/run.ts `figure()`). */
export function evidenceFilesFigures(r: EvidenceFilesBench) {
  const size = 'files';
  const runs = r.upload.runs.map((x) => `${Math.round(x.plainWriteMs)}/${Math.round(x.uploadMs)}`).join(', ');
  return [
    {
      size,
      id: 'u',
      name: `upload of ${r.upload.bytes / MiB} MiB, PUT /v1/blobs (median of ${r.upload.runs.length})`,
      value: Math.round(r.upload.uploadMiBs),
      unit: 'MiB/s',
      baselineName: 'plain write + fsync, same disk',
      baseline: Math.round(r.upload.plainWriteMiBs),
      ratio: r.upload.ratio,
      goal: `≥ ${r.upload.goal}×`,
      met: r.upload.pass,
      note: `plain write / upload ms per run: ${runs}`,
      detail: r.upload,
    },
    {
      size,
      id: 'm',
      name: `server RSS growth during the uploads (peak − before)`,
      value: r.memory.growthMiB,
      unit: 'MiB',
      baselineName: 'file size',
      baseline: r.upload.bytes / MiB,
      goal: `< ${r.memory.goalMaxGrowthMiB} MiB`,
      met: r.memory.pass,
      note: `RSS before ${Math.round(r.memory.rssBeforeMiB)} MiB, peak ${Math.round(r.memory.rssPeakMiB)} MiB; later uploads add ${r.memory.laterUploadsGrowthMiB} MiB to the first one's peak`,
      detail: r.memory,
    },
    {
      size,
      id: 'x',
      name: `evidenceAttachBulk (${r.attachBulk.calls} calls of ${r.attachBulk.items / r.attachBulk.calls} items)`,
      value: Math.round(r.attachBulk.itemsPerSecond),
      unit: 'items/s',
      baselineName: '',
      baseline: null,
      ratio: null,
      goal: `≥ ${r.attachBulk.goal.toLocaleString('en-US')} items/s`,
      met: r.attachBulk.pass,
      note: `call times ${r.attachBulk.callMs.map((ms) => Math.round(ms)).join(', ')} ms`,
      detail: r.attachBulk,
    },
  ];
}

/**
 * Writes the bytes to a new file and fsyncs it. The file is kept until the end (like the uploaded
 * files): a file deleted at once would hand its blocks to the next write, and on a thin-provisioned
 * virtual disk rewriting just-freed blocks is several times faster than writing new ones (here
 * ~85 ms against ~300 ms for 100 MiB), which uploads, whose files stay, never get.
 */
async function plainWrite(path: string, bytes: Buffer): Promise<number> {
  const started = performance.now();
  const file = await open(path, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  return performance.now() - started;
}

/**
 * PUTs the bytes to /v1/blobs and times it until the answer arrives. The client sends from
 * memory (one write, little CPU; the hash for X-Content-SHA256 is computed before the clock
 * starts), so the figure is the server's: on a 2-core machine a client streaming from disk
 * competes with the server for the same cores.
 */
function timedUpload(url: string, token: string, bytes: Buffer, sha256: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/v1/blobs`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.length),
        'x-content-sha256': sha256,
      },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode !== 201) reject(new Error(`upload answered ${response.statusCode}`));
        else resolve(performance.now() - started);
      });
    });
    request.on('error', reject);
    request.end(bytes);
  });
}

async function benchAttachBulk(url: string, token: string): Promise<EvidenceFilesBench['attachBulk']> {
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (!body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const control = (
    await gql(`mutation { controlCreate(input: { refId: "BENCH-01", title: "Bench", type: PREVENTIVE }) { control { id } } }`)
  ).controlCreate.control.id as string;
  const shas: string[] = [];
  for (let i = 0; i < 10; i++) {
    const bytes = randomBytes(4096);
    const answer = await fetch(`${url}/v1/blobs`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: bytes });
    shas.push(((await answer.json()) as { sha256: string }).sha256);
  }
  const mutation = `mutation($input: EvidenceAttachBulkInput!) { evidenceAttachBulk(input: $input) {
    results { index created evidence { id } userErrors { code } } createdCount failedCount userErrors { code } } }`;
  const callMs: number[] = [];
  let created = 0;
  for (let call = 0; call < BULK_CALLS; call++) {
    const items = Array.from({ length: BULK_ITEMS }, (_, i) => ({
      controlIds: [control],
      sha256: shas[i % shas.length],
      filename: `scan-${call}-${i}.json`,
      mediaType: 'application/json',
      validUntil: '2030-01-01T00:00:00Z',
      idempotencyKey: `bench-${call}-${i}`,
    }));
    const started = performance.now();
    const answer = (await gql(mutation, { input: { items } })).evidenceAttachBulk;
    callMs.push(performance.now() - started);
    created += answer.createdCount;
    if (answer.createdCount !== BULK_ITEMS) throw new Error(`bulk call ${call}: ${JSON.stringify(answer.userErrors)} ${answer.failedCount} failed`);
  }
  const totalMs = callMs.reduce((a, b) => a + b, 0);
  const itemsPerSecond = round(created / (totalMs / 1000));
  return { items: created, calls: BULK_CALLS, itemsPerSecond, goal: 5_000, pass: itemsPerSecond >= 5_000, callMs: callMs.map((ms) => round(ms)) };
}


if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchEvidenceFiles();
  console.log(JSON.stringify(result, null, 2));
  for (const f of evidenceFilesFigures(result)) {
    const baseline = f.baseline === null ? '' : ` vs ${f.baseline} ${f.unit} (${f.baselineName})${f.ratio === undefined ? '' : `, ratio ${f.ratio}×`}`;
    console.log(`${f.id} ${f.name}: ${f.value} ${f.unit}${baseline}; goal ${f.goal}: ${f.met ? 'met' : 'MISSED'}`);
  }
  console.log(`load average at start ${result.loadAverage.start.join(' ')}, at end ${result.loadAverage.end.join(' ')}`);
  const failed = [result.upload, result.memory, result.attachBulk].filter((r) => !r.pass).length;
  if (failed) console.error(`${failed} goal(s) missed`);
}
