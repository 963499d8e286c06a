/**
 * Hostile suite, work per request (issue 16, item 1): the export worker's heap is limited
 * (CROSSWALK_EXPORT_WORKER_MIB), so a document too large to build within it fails with
 * EXPORT_TOO_LARGE instead of growing the server, and the next export gets a fresh worker.
 *
 * | request                                              | role   | expected                                     |
 * |------------------------------------------------------|--------|----------------------------------------------|
 * | evidenceExport of the bench's size S (25,000 items)  | VIEWER | EXPORT_TOO_LARGE with the limit, no file     |
 * | mappingsExport before and after it                   | VIEWER | produced (the worker runs; a fresh one after) |
 *
 * (The evidence CSV still reads all its rows before writing; the streamed documents, even S's
 * 25 MB assessment-results, fit in a few tens of MiB.)
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrganisation, SIZES } from '../bench/generate.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

/** Enough for the worker to start and write a mappings CSV, too little to hold S's 25,000 evidence rows. */
const WORKER_MIB = 32;

let dataDir: string;
let server: TestServer;
let viewer: GraphQLClient;

beforeAll(async () => {
  // An earlier server in this process has already run an export with the default limit (as when
  // test files share a process): the limit set later still holds (the idle worker is replaced).
  const earlier = await startTestServer();
  expect((await earlier.data('{ mappingsExport { byteLength } }')).mappingsExport.byteLength).toBeGreaterThan(0);
  await earlier.close();
  dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-too-large-'));
  generateOrganisation(join(dataDir, 'crosswalk.db'), SIZES.S!, 42, Math.floor(Date.now() / 60_000) * 60_000);
  server = await startTestServer({ dataDir, env: { CROSSWALK_EXPORT_WORKER_MIB: String(WORKER_MIB) } });
  viewer = await server.as('VIEWER');
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const exportFiles = () => readdirSync(join(dataDir, 'exports'));

describe('the export worker heap limit', () => {
  it('refuses a document too large for it with EXPORT_TOO_LARGE, then produces the next export in a fresh worker', async () => {
    const before = await viewer.gql('{ mappingsExport { byteLength } }');
    expect(before.errors).toBeUndefined();
    const files = exportFiles().length;

    const answer = await viewer.gql('{ evidenceExport { byteLength downloadUrl } }');
    expect(answer.data).toBeNull(); // evidenceExport is non-null: the error nulls the answer
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(new RegExp(`too large to produce within the export worker's ${WORKER_MIB} MiB: narrow it`)),
        path: ['evidenceExport'],
        extensions: { code: 'EXPORT_TOO_LARGE', limitMib: WORKER_MIB },
      }),
    ]);
    expect(exportFiles()).toHaveLength(files); // nothing half-written is left behind

    const after = await viewer.gql('{ mappingsExport { byteLength } }');
    expect(after.errors).toBeUndefined();
    expect(after.data.mappingsExport.byteLength).toBe(before.data.mappingsExport.byteLength);
  }, 120_000);
});
