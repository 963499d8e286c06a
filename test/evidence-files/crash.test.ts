/**
 * Crash safety: the server runs as a child process (the compiled build, as `npm start` runs it)
 * while workers upload and attach files; it is killed with SIGKILL at seeded random moments, restarted
 * on the same data directory (and, on PostgreSQL, the same database), and every upload and attach
 * it acknowledged must still be there with the right bytes. At the end every stored file must hash
 * to its name, `blobs scan` must be clean, and no half-stored file may be visible: on SQLite the
 * database must pass `PRAGMA integrity_check` and `foreign_key_check` and no temp file may remain;
 * on PostgreSQL (which enforces its constraints on every write) the staging rows of the uploads
 * the kills cut short stay invisible, at most one per worker and kill, until they are an hour
 * old (other instances may be uploading: docs/postgresql.md).
 *
 * Negative control: the same scenario against a server that acknowledges before COMMIT
 * (test/evidence-files/support/early-ack-main.ts) must fail these checks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from './support/child-server.js';
import { cliEnv, runCli, storedFiles, type FileStoreTarget } from './helpers.js';
import { compiledApp, useCompiledApp } from '../support/compiled-app.js';
import { testBackend } from '../support/server.js';
import { createPostgresDatabase } from '../support/postgres.js';

useCompiledApp();

const SEED = 20261126;
/**
 * Kills per run: 10 on SQLite; on PostgreSQL 5 by default (each restart there costs more, and the
 * suite runs twice), or CROSSWALK_TEST_CRASH_KILLS (docs/postgresql.md).
 */
const KILLS = Number(process.env.CROSSWALK_TEST_CRASH_KILLS ?? (testBackend() === 'postgres' ? 5 : 10));
const WORKERS = 4;
/** The kill lands up to this long after the cycle's acknowledgements (see runScenario). */
const KILL_WINDOW_MS = 60;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Acknowledged {
  uploads: Map<string, number>; // sha256 → size
  attaches: Map<string, { sha256: string; key: string }>; // evidence id → what was attached
}

interface ScenarioResult {
  violations: string[];
  uploads: number;
  attaches: number;
}

/** Runs `select` (one statement) on the store's database, SQLite file or PostgreSQL. */
async function queryDatabase<T>(target: FileStoreTarget, select: string): Promise<T[]> {
  if (target.databaseUrl === null) {
    const db = new Sqlite(join(target.dataDir, 'crosswalk.db'), { readonly: true });
    try {
      return db.prepare(select).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    return (await client.query(select)).rows as T[];
  } finally {
    await client.end();
  }
}

async function runScenario(options: { entry: string; kills: number; seed: number; dataDir: string; databaseUrl: string | null }): Promise<ScenarioResult> {
  const target: FileStoreTarget = { dataDir: options.dataDir, databaseUrl: options.databaseUrl };
  const files = storedFiles(target);
  const env: Record<string, string> = options.databaseUrl ? { CROSSWALK_DATABASE_URL: options.databaseUrl } : {};
  const random = rng(options.seed);
  const token = `crash-admin-${randomBytes(24).toString('hex')}`;
  const acknowledged: Acknowledged = { uploads: new Map(), attaches: new Map() };
  const violations: string[] = [];
  let server: ChildServer = await spawnServer({ dataDir: options.dataDir, adminToken: token, entry: options.entry, env });
  const headers = { authorization: `Bearer ${token}` };
  const gql = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (!body.data) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body)}`);
    return body.data;
  };
  /** Until the server answers an authenticated request (the early-ack server commits its token late). */
  const ready = async (url: string) => {
    for (let i = 0; ; i++) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.arrayBuffer();
      if (response.status === 200 || i > 100) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await ready(server.url);
  const control = (await gql(server.url, `mutation { controlCreate(input: { refId: "CRASH-01", title: "Crash", type: PREVENTIVE }) { control { id } } }`))
    .controlCreate.control.id as string;
  let sequence = 0;
  /** Acknowledgements received in the current cycle (kills are placed relative to them). */
  let acks = 0;

  /** One worker: upload, then attach (every fourth time in a bulk call), until the server dies. */
  const worker = async (url: string, stop: { stopped: boolean }, seed: number) => {
    const local = rng(seed);
    while (!stop.stopped) {
      const known = [...acknowledged.uploads.keys()];
      const reuse = known.length > 0 && local.next() < 0.15;
      const bytes = reuse ? null : randomBytes(local.int(1, 96 * 1024));
      try {
        let sha: string;
        if (bytes) {
          const response = await fetch(`${url}/v1/blobs`, { method: 'PUT', headers, body: bytes });
          const body = (await response.json()) as { sha256?: string; size?: number };
          if (response.status !== 201 && response.status !== 200) throw new Error(`upload answered ${response.status}`);
          if (body.sha256 !== sha256(bytes) || body.size !== bytes.length) violations.push(`upload answered ${JSON.stringify(body)} for ${sha256(bytes)}`);
          sha = body.sha256!;
          acknowledged.uploads.set(sha, bytes.length);
          acks++;
        } else {
          sha = known[local.int(0, known.length - 1)]!;
        }
        const key = `crash-${options.seed}-${++sequence}`;
        const item = { controlIds: [control], sha256: sha, filename: `${key}.bin`, idempotencyKey: key };
        if (local.next() < 0.25) {
          const items = [item, { ...item, idempotencyKey: `${key}-b`, filename: `${key}-b.bin` }];
          const d = await gql(url, `mutation($input: EvidenceAttachBulkInput!) { evidenceAttachBulk(input: $input) { results { evidence { id } } } }`, {
            input: { items },
          });
          d.evidenceAttachBulk.results.forEach((r: any, i: number) => r.evidence && acknowledged.attaches.set(r.evidence.id, { sha256: sha, key: items[i]!.idempotencyKey }));
          acks++;
        } else {
          const d = await gql(url, `mutation($input: EvidenceAttachInput!) { evidenceAttach(input: $input) { evidence { id } userErrors { code } } }`, { input: item });
          if (d.evidenceAttach.evidence) {
            acknowledged.attaches.set(d.evidenceAttach.evidence.id, { sha256: sha, key });
            acks++;
          }
          else violations.push(`attach of acknowledged upload ${sha} refused: ${JSON.stringify(d.evidenceAttach.userErrors)}`);
        }
      } catch {
        return; // the server is gone: whatever was in flight was not acknowledged
      }
    }
  };

  const checked = new Set<string>();
  /** Every acknowledged upload and attach is present with the right bytes; no temp file is left (on disk). */
  const verify = async (url: string, label: string) => {
    const temps = await files.staging();
    if (options.databaseUrl === null && temps.length) violations.push(`${label}: temp files left after restart: ${temps.join(', ')}`);
    for (const [sha, size] of acknowledged.uploads) {
      if (checked.has(sha)) continue;
      const response = await fetch(`${url}/v1/blobs/${sha}`, { headers });
      const body = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 200 || sha256(body) !== sha || body.length !== size) {
        violations.push(`${label}: acknowledged upload ${sha} answers ${response.status} (${body.length} bytes)`);
      } else {
        checked.add(sha);
      }
    }
    const ids = [...acknowledged.attaches.keys()].filter((id) => !checked.has(id));
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const d = await gql(url, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Evidence { id kind sha256 integrity { status } } } }`, { ids: chunk });
      chunk.forEach((id, k) => {
        const node = d.nodes[k];
        const expected = acknowledged.attaches.get(id)!;
        if (!node || node.kind !== 'FILE' || node.sha256 !== expected.sha256 || node.integrity?.status !== 'INTACT') {
          violations.push(`${label}: acknowledged attach ${id} (${expected.key}) is ${JSON.stringify(node)}`);
        } else {
          checked.add(id);
        }
      });
    }
  };

  for (let kill = 0; kill < options.kills; kill++) {
    const stop = { stopped: false };
    const url = server.url;
    acks = 0;
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(url, stop, options.seed * 31 + kill * 7 + w));
    // The kill moment: after a seeded number of acknowledgements (so every cycle does real work
    // however slow the machine is), plus a delay (so it lands anywhere: in an upload's body,
    // between rename and commit, between commit and answer…). The delays are spread over the
    // window: each kill takes a seeded moment in its own slice of it, so the kills sample the
    // whole window once instead of repeating the same moments.
    const target = random.int(6, 15);
    const deadline = Date.now() + 20_000;
    while (acks < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, Math.floor(((kill + random.next()) * KILL_WINDOW_MS) / options.kills)));
    await server.kill('SIGKILL');
    stop.stopped = true;
    await Promise.all(workers);
    server = await spawnServer({ dataDir: options.dataDir, adminToken: token, entry: options.entry, env });
    await ready(server.url);
    await verify(server.url, `after kill ${kill + 1}`);
  }

  // Idempotency survives the crashes: replaying an acknowledged attach creates nothing.
  const [sampleId, sample] = [...acknowledged.attaches.entries()][0] ?? [];
  if (sampleId && sample) {
    const d = await gql(server.url, `mutation($input: EvidenceAttachInput!) { evidenceAttach(input: $input) { created evidence { id } } }`, {
      input: { controlIds: [control], sha256: sample.sha256, filename: 'replay.bin', idempotencyKey: sample.key },
    });
    if (d.evidenceAttach.created || d.evidenceAttach.evidence?.id !== sampleId) violations.push(`replaying ${sample.key} gave ${JSON.stringify(d.evidenceAttach)}`);
  }
  await server.kill('SIGTERM');

  // The database itself, and the file store.
  if (options.databaseUrl === null) {
    const db = new Sqlite(join(options.dataDir, 'crosswalk.db'), { readonly: true });
    try {
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') violations.push(`integrity_check: ${JSON.stringify(integrity)}`);
      const foreign = db.pragma('foreign_key_check') as unknown[];
      if (foreign.length) violations.push(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 5))}`);
    } finally {
      db.close();
    }
  }
  const rows = await queryDatabase<{ sha256: string }>(target, 'SELECT sha256 FROM blobs');
  const recorded = new Set(rows.map((r) => r.sha256));
  for (const sha of acknowledged.uploads.keys()) if (!recorded.has(sha)) violations.push(`acknowledged upload ${sha} has no row`);
  for (const row of rows) {
    const bytes = await files.read(row.sha256);
    if (!bytes || sha256(bytes) !== row.sha256) violations.push(`blob row ${row.sha256} has no intact file`);
  }
  // No half-stored file: every stored file, recorded or not, holds the bytes its name says.
  for (const sha of await files.list()) {
    const bytes = await files.read(sha);
    if (!bytes || sha256(bytes) !== sha) violations.push(`stored file ${sha} is not whole`);
  }
  const [evidence] = await queryDatabase<{ n: number | string }>(
    target,
    `SELECT count(*) AS n FROM evidence e LEFT JOIN blobs b ON b.sha256 = e.sha256 WHERE e.kind = 'FILE' AND b.sha256 IS NULL`,
  );
  if (Number(evidence!.n)) violations.push(`${evidence!.n} FILE evidence item(s) without a blob row`);
  // The product's own integrity check agrees.
  const scan = await runCli(['blobs', 'scan'], cliEnv(target));
  if (scan.code !== 0 || !scan.stdout.includes(' 0 missing, 0 corrupt')) violations.push(`blobs scan: exit ${scan.code}: ${scan.stdout}${scan.stderr}`);
  const staging = await files.staging();
  if (options.databaseUrl === null ? staging.length > 0 : staging.length > options.kills * WORKERS) {
    violations.push(`staging left at the end: ${staging.join(', ')}`);
  }
  return { violations, uploads: acknowledged.uploads.size, attaches: acknowledged.attaches.size };
}

/** A data directory (and on PostgreSQL a database) of its own for one scenario. */
async function withStore<T>(prefix: string, run: (target: FileStoreTarget) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const database = testBackend() === 'postgres' ? await createPostgresDatabase() : null;
  try {
    return await run({ dataDir, databaseUrl: database?.url ?? null });
  } finally {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe(`crash safety (SIGKILL, ${testBackend()})`, () => {
  it(`keeps every acknowledged upload and attach across ${KILLS} kills at seeded moments spread over the kill window`, { timeout: 300_000 }, async () => {
    const result = await withStore('crosswalk-crash-', async (target) =>
      runScenario({ entry: (await compiledApp()).main, kills: KILLS, seed: SEED, ...target }),
    );
    expect(result.violations).toEqual([]);
    // The load was real: many acknowledged operations to check.
    expect(result.uploads).toBeGreaterThanOrEqual(3 * KILLS);
    expect(result.attaches).toBeGreaterThanOrEqual(3 * KILLS);
  });

  it('catches a server that acknowledges before COMMIT (negative control)', { timeout: 300_000 }, async () => {
    const result = await withStore('crosswalk-crash-early-', (target) =>
      runScenario({ entry: 'test/evidence-files/support/early-ack-main.ts', kills: 2, seed: SEED + 1, ...target }),
    );
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations.some((v) => /acknowledged (upload|attach)/.test(v))).toBe(true);
  });
});
