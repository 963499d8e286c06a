/**
 * Hostile suite, work per request (issue 16, item 1): the export worker's heap is limited
 * (CROSSWALK_EXPORT_WORKER_MIB), so a document too large to build within it fails with
 * EXPORT_TOO_LARGE instead of growing the server, and the next export gets a fresh worker.
 *
 * | request                                                                  | role   | expected                                      |
 * |--------------------------------------------------------------------------|--------|-----------------------------------------------|
 * | assessmentResults of the bench's size S with one control supported by   | VIEWER | EXPORT_TOO_LARGE with the limit, no file      |
 * | all 25,000 items of evidence (a control's evidence is held while written) |        |                                               |
 * | mappingsExport before and after it                                       | VIEWER | produced (the worker runs; a fresh one after) |
 * | evidenceExport of S (25,000 items, read in pages)                        | VIEWER | produced within the same limit                |
 *
 * (The streamed documents, even S's 25 MB assessment-results and its evidence CSV, fit in a few
 * tens of MiB; what an export still holds is its coverage evaluation, the rows it names and one
 * control's evidence at a time.)
 *
 * On either backend (test/support/generated-data.ts): on PostgreSQL the worker reads through a
 * pool of its own on the server's database, the only place the rows are.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOnTestBackend, type GeneratedData } from '../support/generated-data.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

/** Enough for the worker to start and write S's exports, too little to hold 25,000 items of evidence at once. */
const WORKER_MIB = 32;

let data: GeneratedData;
let server: TestServer;
let viewer: GraphQLClient;

beforeAll(async () => {
  // An earlier server in this process has already run an export with the default limit (as when
  // test files share a process): the limit set later still holds (the idle worker is replaced).
  const earlier = await startTestServer();
  expect((await earlier.data('{ mappingsExport { byteLength } }')).mappingsExport.byteLength).toBeGreaterThan(0);
  await earlier.close();
  data = await generateOnTestBackend('crosswalk-too-large-', {
    // One control supported by every item of evidence: assessment-results holds its evidence while writing its observation.
    prepare(file) {
      const db = new Sqlite(file);
      db.exec('INSERT OR IGNORE INTO evidence_controls (evidence_id, control_id) SELECT id, (SELECT min(id) FROM controls) FROM evidence');
      db.close();
    },
  });
  server = await startTestServer({ dataDir: data.dataDir, env: { ...data.env, CROSSWALK_EXPORT_WORKER_MIB: String(WORKER_MIB) } });
  expect(server.databaseUrl).toBe(data.database?.url ?? null);
  viewer = await server.as('VIEWER');
}, 180_000);
afterAll(async () => {
  await server?.close();
  await data?.dispose();
});

const exportFiles = () => readdirSync(join(data.dataDir, 'exports'));

describe('the export worker heap limit', () => {
  it('refuses a document too large for it with EXPORT_TOO_LARGE, then produces the next export in a fresh worker', async () => {
    const before = await viewer.gql('{ mappingsExport { byteLength } }');
    expect(before.errors).toBeUndefined();
    const files = exportFiles().length;

    const answer = await viewer.gql('{ assessmentResults { byteLength downloadUrl } }');
    expect(answer.data).toEqual({ assessmentResults: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(new RegExp(`too large to produce within the export worker's ${WORKER_MIB} MiB: narrow it`)),
        path: ['assessmentResults'],
        extensions: { code: 'EXPORT_TOO_LARGE', limitMib: WORKER_MIB },
      }),
    ]);
    expect(exportFiles()).toHaveLength(files); // nothing half-written is left behind

    const after = await viewer.gql('{ mappingsExport { byteLength } }');
    expect(after.errors).toBeUndefined();
    expect(after.data.mappingsExport.byteLength).toBe(before.data.mappingsExport.byteLength);
  }, 120_000);

  it('produces the evidence CSV of 25,000 items within the same limit (read and written a page at a time)', async () => {
    const answer = await viewer.gql('{ evidenceExport { byteLength } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data.evidenceExport.byteLength).toBeGreaterThan(1_000_000);
  }, 120_000);
});
