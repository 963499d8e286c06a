/**
 * The evidence CSV and the bundle are read a page at a time from one read snapshot while they are
 * written (ExportReadRepository.evidenceMetadataPages, BundleRepository.evidencePagesNow,
 * src/db/read-snapshot.ts), and assessment-results reads each control's evidence once
 * (export-spool.ts). Over HTTP on the bench's size S (25,000 items of evidence: fifty pages),
 * each downloaded document is byte for byte the one the whole-document writers make from every
 * row read at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import type { Store } from '../../src/db/store.js';
import { evidence } from '../../src/db/schema/index.js';
import { BundleRepository, BUNDLE_EVIDENCE_PAGE_SIZE } from '../../src/db/repositories/bundle-repository.js';
import { EVIDENCE_PAGE_SIZE, ExportReadRepository } from '../../src/db/repositories/export-read-repository.js';
import { ReadSnapshot } from '../../src/db/read-snapshot.js';
import { bundleDocument } from '../../src/domain/export/bundle-writer.js';
import { documentText, jsonDocument } from '../../src/domain/export/document.js';
import { evidenceCsv } from '../../src/domain/export/evidence-csv.js';
import { CoverageService } from '../../src/services/coverage-service.js';
import { ExportBuilder, produceDocument } from '../../src/services/export-builder.js';
import { MutationRunner } from '../../src/services/mutation-runner.js';
import { generateOrganisation, SIZES } from '../bench/generate.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

let dataDir: string;
let server: TestServer;
let viewer: GraphQLClient;
/** A second store on the server's database file: the whole-document writers read through it. */
let store: Store;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-paged-'));
  generateOrganisation(join(dataDir, 'crosswalk.db'), SIZES.S!, 42, Math.floor(Date.now() / 60_000) * 60_000);
  server = await startTestServer({ dataDir });
  viewer = await server.as('VIEWER');
  store = SqliteStore.open(join(dataDir, 'crosswalk.db'));
}, 180_000);
afterAll(async () => {
  await store?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
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
    const snapshot = ReadSnapshot.open(join(dataDir, 'crosswalk.db'));
    try {
      const pages = new ExportReadRepository(snapshot.db).evidenceMetadataPages(1000);
      const first = pages.next().value!;
      const last = first.at(-1)!;
      // Another connection changes an item of a later page, and one of the first page.
      const later = (await new ExportReadRepository(store.read).evidenceMetadata()).sort((a, b) => a.collectedAt.getTime() - b.collectedAt.getTime() || a.id - b.id)[5000]!;
      await store.transaction(async (tx) => {
        tx.update(evidence).set({ title: 'changed meanwhile' }).where(inArray(evidence.id, [later.id, last.id])).run();
      });
      const rest = [...pages].flat();
      expect(rest.find((r) => r.id === later.id)?.title).toBe(later.title);
      expect(rest.some((r) => r.title === 'changed meanwhile')).toBe(false);
    } finally {
      snapshot.close();
    }
  }, 120_000);
});

describe('assessment-results', () => {
  it('reads the evidence of each control once, though the document names it four times', async () => {
    const perControl = new Map<unknown, number>();
    // A copy of the database: a commit of the running server meanwhile (a token's last use, say)
    // would make the export build its document again, reading everything twice.
    const directory = mkdtempSync(join(tmpdir(), 'crosswalk-spool-'));
    const source = new Sqlite(join(dataDir, 'crosswalk.db'), { readonly: true });
    source.exec(`VACUUM INTO '${join(directory, 'copy.db')}'`);
    source.close();
    const counting = SqliteStore.open(join(directory, 'copy.db'), {
      onQuery: (sql, params) => {
        if (/from "evidence_controls" inner join "evidence"/.test(sql) && /"evidence_controls"\."control_id" = \?/.test(sql)) {
          perControl.set(params[0], (perControl.get(params[0]) ?? 0) + 1);
        }
      },
    });
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
