/**
 * The paged reads of the streamed exports on the test backend (CROSSWALK_TEST_BACKEND): on
 * PostgreSQL one PostgresReadSnapshot (REPEATABLE READ), on SQLite one ReadSnapshot. Every page
 * comes from the commit the snapshot began at, whatever is written meanwhile; the downloaded
 * evidence CSV and bundle are the documents the whole-document writers make from every row read
 * at once. (export-paged.test.ts checks the same at the bench's size S, on both backends.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tablesOf } from '../../src/db/dialect.js';
import { PostgresReadSnapshot, ReadSnapshot } from '../../src/db/read-snapshot.js';
import { BundleRepository } from '../../src/db/repositories/bundle-repository.js';
import { ExportReadRepository } from '../../src/db/repositories/export-read-repository.js';
import type { Db } from '../../src/db/store.js';
import type { EvidenceCsvRow } from '../../src/domain/export/evidence-csv.js';
import { bundleDocument } from '../../src/domain/export/bundle-writer.js';
import { documentText, jsonDocument } from '../../src/domain/export/document.js';
import { evidenceCsv } from '../../src/domain/export/evidence-csv.js';
import { Builder } from '../api/coverage-helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const builder = new Builder(server);
  const framework = await builder.framework();
  const controls = [await builder.control(), await builder.control()];
  await builder.map(await builder.requirement(framework), controls[0]!);
  for (let i = 0; i < 7; i++) await builder.evidence([controls[i % 2]!], { review: i % 3 === 0 ? null : 'ACCEPTED' });
}, 120_000);
afterAll(() => server?.close());

/** A read snapshot of the server's database (its kind for the backend), for `read`. */
async function inSnapshot<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const store = server.instance.store;
  if (store.dialect === 'postgres') {
    const snapshot = await PostgresReadSnapshot.openOn(store.read);
    try {
      return await read(snapshot.db);
    } finally {
      await snapshot.close();
    }
  }
  const snapshot = ReadSnapshot.open(store.sqliteFile!);
  try {
    return await read(snapshot.db);
  } finally {
    snapshot.close();
  }
}

/** The evidence CSV's pages (of `size` items) as the backend's export reads them, one at a time. */
async function* evidencePages(db: Db, size: number): AsyncGenerator<EvidenceCsvRow[]> {
  const repository = new ExportReadRepository(db);
  if (server.instance.store.dialect === 'postgres') yield* repository.evidenceMetadataPagesAsync(size);
  else yield* repository.evidenceMetadataPages(size);
}

async function download(field: string): Promise<string> {
  const { [field]: document } = await server.data(`{ ${field} { downloadUrl byteLength } }`);
  const response = await fetch(`${server.url}${document.downloadUrl}`, { headers: { authorization: `Bearer ${server.token}` } });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(Buffer.byteLength(text)).toBe(document.byteLength);
  return text;
}

describe('streamed exports on the test backend', () => {
  it('reads every page from the commit the snapshot began at, whatever is written meanwhile', async () => {
    const store = server.instance.store;
    const whole = (await new ExportReadRepository(store.read).evidenceMetadata()).sort((a, b) => a.collectedAt.getTime() - b.collectedAt.getTime() || a.id - b.id);
    const later = whole.at(-1)!;
    const { pages, rest } = await inSnapshot(async (db) => {
      const reading = evidencePages(db, 2);
      const first = (await reading.next()).value as EvidenceCsvRow[];
      // A write on another connection, committed before the later pages are read.
      await store.transaction(async (tx) => {
        const { evidence } = tablesOf(tx);
        await tx.update(evidence).set({ title: 'changed meanwhile' }).where(eq(evidence.id, later.id));
      });
      const rest: EvidenceCsvRow[][] = [];
      for await (const page of reading) rest.push(page);
      return { pages: [first, ...rest], rest: rest.flat() };
    });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(rest.find((r) => r.id === later.id)?.title).toBe(later.title);
    expect(pages.flat().map((r) => r.id)).toEqual(whole.map((r) => r.id));
    expect((await new ExportReadRepository(store.read).evidenceMetadata()).find((r) => r.id === later.id)?.title).toBe('changed meanwhile');
  });

  it('reads the bundle from one snapshot: the rows, then the evidence a page at a time', async () => {
    const store = server.instance.store;
    const whole = await new BundleRepository(store.read).readAll();
    const paged = await inSnapshot(async (db) => {
      const bundle = new BundleRepository(db);
      const rows = await bundle.readAllHere({ evidence: false });
      const pages = [];
      for await (const page of bundle.evidencePages(3)) pages.push(page);
      return { rows, pages };
    });
    expect(paged.pages.map((p) => p.evidence.length)).toEqual([3, 3, 1]);
    expect(paged.pages.flatMap((p) => p.evidence)).toEqual(whole.evidence);
    expect(paged.pages.flatMap((p) => p.evidenceControls)).toEqual(whole.evidenceControls);
    expect(paged.pages.flatMap((p) => p.evidenceReviews)).toEqual(whole.evidenceReviews);
    expect({ ...paged.rows, evidence: whole.evidence, evidenceControls: whole.evidenceControls, evidenceReviews: whole.evidenceReviews }).toEqual(whole);
  });

  it('downloads the evidence CSV and the bundle exactly as the whole-document writers make them', async () => {
    const store = server.instance.store;
    const csv = await download('evidenceExport');
    expect(csv).toBe(documentText(evidenceCsv(await new ExportReadRepository(store.read).evidenceMetadata())));
    const bundle = await download('bundleExport');
    const exportedAt = new Date(JSON.parse(bundle).exportedAt);
    const rows = await new BundleRepository(store.read).readAll();
    expect(bundle).toBe(documentText({ chunks: () => jsonDocument(bundleDocument(rows, exportedAt)) }));
  });
});
