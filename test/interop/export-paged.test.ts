/**
 * The evidence CSV and the bundle are read a page at a time from one read snapshot while they are
 * written (ExportReadRepository.evidenceMetadataPages, BundleRepository.evidencePagesNow,
 * src/db/read-snapshot.ts), and assessment-results reads each control's evidence once
 * (export-spool.ts). Over HTTP on the bench's size S (25,000 items of evidence: fifty pages),
 * each downloaded document is byte for byte the one the whole-document writers make from every
 * row read at once.
 *
 * On either backend (test/support/generated-data.ts): on PostgreSQL the pages are read in a
 * PostgresReadSnapshot, and the whole-document writers read the server's database through a
 * second PostgresStore.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/db/pg-store.js';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import type { Store } from '../../src/db/store.js';
import { BundleRepository, BUNDLE_EVIDENCE_PAGE_SIZE } from '../../src/db/repositories/bundle-repository.js';
import { EVIDENCE_PAGE_SIZE, ExportReadRepository } from '../../src/db/repositories/export-read-repository.js';
import { PostgresReadSnapshot, ReadSnapshot } from '../../src/db/read-snapshot.js';
import type { EvidenceCsvRow } from '../../src/domain/export/evidence-csv.js';
import { bundleDocument } from '../../src/domain/export/bundle-writer.js';
import { documentText, jsonDocument } from '../../src/domain/export/document.js';
import { evidenceCsv } from '../../src/domain/export/evidence-csv.js';
import { CoverageService } from '../../src/services/coverage-service.js';
import { ExportBuilder, produceDocument } from '../../src/services/export-builder.js';
import { MutationRunner } from '../../src/services/mutation-runner.js';
import { openDirectDb } from '../support/direct-db.js';
import { generateOnTestBackend, type GeneratedData } from '../support/generated-data.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

let data: GeneratedData;
let server: TestServer;
let viewer: GraphQLClient;
/** A second store on the server's database: the whole-document writers read through it. */
let store: Store;
/**
 * PostgreSQL: a copy of the generated database made before the server started (a database that
 * is a template may have no connections), for the assessment-results test; null on SQLite.
 */
let spare: TestDatabase | null = null;

beforeAll(async () => {
  data = await generateOnTestBackend('crosswalk-paged-');
  if (data.database) spare = await createPostgresDatabase({ template: data.database.name });
  server = await startTestServer({ dataDir: data.dataDir, env: data.env });
  expect(server.databaseUrl).toBe(data.database?.url ?? null);
  viewer = await server.as('VIEWER');
  store = server.databaseUrl ? PostgresStore.connect(server.databaseUrl, { poolSize: 2 }) : SqliteStore.open(join(data.dataDir, 'crosswalk.db'));
}, 240_000);
afterAll(async () => {
  await store?.close();
  await server?.close();
  await spare?.drop();
  await data?.dispose();
});

/**
 * The export's download. Its query and the download each go on a connection of their own: a
 * kept-alive connection of the shared pool may be closed by the server just as it is reused (the
 * tests before read the database for seconds; the server's keep-alive timeout is 5 s).
 */
async function download(client: GraphQLClient, field: string): Promise<string> {
  const asked = await onNewConnection(client.token, '/graphql', JSON.stringify({ query: `{ ${field} { downloadUrl byteLength } }` }));
  const body = JSON.parse(asked.bytes.toString('utf8')) as { data?: Record<string, { downloadUrl: string; byteLength: number }>; errors?: unknown };
  expect([asked.status, body.errors]).toEqual([200, undefined]);
  const { downloadUrl, byteLength } = body.data![field]!;
  const response = await onNewConnection(client.token, downloadUrl);
  expect(response.status).toBe(200);
  expect(response.bytes.length).toBe(byteLength);
  return response.bytes.toString('utf8');
}

/** A request on a new connection (`agent: false`: no kept-alive socket is reused): a POST of `json`, else a GET. */
function onNewConnection(token: string, path: string, json?: string): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const req = request(`${server.url}${path}`, { method: json === undefined ? 'GET' : 'POST', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(json);
  });
}

describe('paged exports', () => {
  it('writes the evidence CSV, read in pages, exactly as the whole-document writer does', async () => {
    const text = await download(viewer, 'evidenceExport');
    const rows = await new ExportReadRepository(store.read).evidenceMetadata();
    expect(rows.length).toBeGreaterThan(10 * EVIDENCE_PAGE_SIZE);
    expect(text).toBe(documentText(evidenceCsv(rows)));
  }, 120_000);

  it('writes the bundle, its evidence read in pages, exactly as the whole-document writer does', async () => {
    const text = await download(server, 'bundleExport');
    const exportedAt = new Date(JSON.parse(text).exportedAt);
    const rows = await new BundleRepository(store.read).readAll();
    expect(rows.evidence.length).toBeGreaterThan(10 * BUNDLE_EVIDENCE_PAGE_SIZE);
    expect(text).toBe(documentText({ chunks: () => jsonDocument(bundleDocument(rows, exportedAt)) }));
  }, 180_000);

  it('reads every page from the commit the snapshot began at, whatever is written meanwhile', async () => {
    const snapshot = store.dialect === 'postgres' ? await PostgresReadSnapshot.openOn(store.read) : ReadSnapshot.open(join(data.dataDir, 'crosswalk.db'));
    const direct = await openDirectDb(server);
    try {
      // The backend's paged read of the export: SQLite's synchronous pages, PostgreSQL's awaited ones.
      const repository = new ExportReadRepository(snapshot.db);
      const pages: AsyncIterator<EvidenceCsvRow[]> =
        store.dialect === 'postgres' ? repository.evidenceMetadataPagesAsync(1000) : (async function* () { yield* repository.evidenceMetadataPages(1000); })();
      const first = (await pages.next()).value as EvidenceCsvRow[];
      const last = first.at(-1)!;
      // Another connection changes an item of a later page, and one of the first page.
      const later = (await new ExportReadRepository(store.read).evidenceMetadata()).sort((a, b) => a.collectedAt.getTime() - b.collectedAt.getTime() || a.id - b.id)[5000]!;
      expect(await direct.run('UPDATE evidence SET title = ? WHERE id IN (?, ?)', ['changed meanwhile', later.id, last.id])).toBe(2);
      const rest: EvidenceCsvRow[] = [];
      for (let page = await pages.next(); !page.done; page = await pages.next()) rest.push(...page.value);
      expect(rest.find((r) => r.id === later.id)?.title).toBe(later.title);
      expect(rest.some((r) => r.title === 'changed meanwhile')).toBe(false);
    } finally {
      await direct.close();
      await snapshot.close();
    }
  }, 120_000);
});

/** Calls `onQuery` with the text and parameters of each statement any client of `pool` sends. */
function countStatements(pool: pg.Pool, onQuery: (sql: string, params: unknown[]) => void): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown];
      if (typeof config === 'string') onQuery(config, Array.isArray(values) ? values : []);
      else onQuery(config.text, Array.isArray(values) ? values : (config.values ?? []));
      return query(...args);
    };
  });
}

describe('assessment-results', () => {
  it('reads the evidence of each control once, though the document names it four times', async () => {
    const perControl = new Map<unknown, number>();
    // A copy of the database: a commit of the running server meanwhile (a token's last use, say)
    // would make the export build its document again, reading everything twice. (PostgreSQL: the
    // spare copy made before the server started.)
    const directory = mkdtempSync(join(tmpdir(), 'crosswalk-spool-'));
    const onQuery = (sql: string, params: unknown[]) => {
      // The control's id is the parameter the condition names (`?`: the first; `$n`: the n-th).
      const condition = /"evidence_controls"\."control_id" = (\?|\$(\d+))/.exec(sql);
      if (/from "evidence_controls" inner join "evidence"/.test(sql) && condition) {
        const id = params[condition[2] ? Number(condition[2]) - 1 : 0];
        perControl.set(id, (perControl.get(id) ?? 0) + 1);
      }
    };
    let counting: Store;
    if (spare) {
      // Every statement of every connection of the pool: the export reads the evidence in a
      // PostgresReadSnapshot, a client of the pool outside the store's query log.
      counting = PostgresStore.connect(spare.url, { poolSize: 2 });
      countStatements((counting.read as unknown as { $client: pg.Pool }).$client, onQuery);
    } else {
      const source = new Sqlite(join(data.dataDir, 'crosswalk.db'), { readonly: true });
      source.exec(`VACUUM INTO '${join(directory, 'copy.db')}'`);
      source.close();
      counting = SqliteStore.open(join(directory, 'copy.db'), { onQuery });
    }
    const clock = () => new Date();
    const builder = new ExportBuilder(counting, new CoverageService(counting, new MutationRunner(counting, clock), clock), clock);
    const actor = { id: 'test', role: 'VIEWER' } as const;
    try {
      const doc = await produceDocument(builder, directory, actor as never, { kind: 'assessmentResults', options: {} });
      expect(doc!.byteLength).toBeGreaterThan(1_000_000);
      expect(perControl.size).toBeGreaterThan(100);
      expect(new Set(perControl.values())).toEqual(new Set([1]));
    } finally {
      await counting.close();
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);
});
