/**
 * Hostile suite, work per request (issue 16, item 1): the export worker's heap is limited
 * (CROSSWALK_EXPORT_WORKER_MIB), so a document too large to build within it fails with
 * EXPORT_TOO_LARGE instead of growing the server, and the next export gets a fresh worker.
 *
 * | request                                              | role   | expected                                     |
 * |------------------------------------------------------|--------|----------------------------------------------|
 * | assessmentResults of the bench's size S (≈ 16 MiB)   | VIEWER | EXPORT_TOO_LARGE with the limit, no file     |
 * | mappingsExport before and after it                   | VIEWER | produced (the worker runs; a fresh one after) |
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrganisation, SIZES } from '../bench/generate.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

/** Enough for the worker to start and write a mappings CSV, far too little for a 16 MiB OSCAL document. */
const WORKER_MIB = 64;

let dataDir: string;
let server: TestServer;
let viewer: GraphQLClient;

beforeAll(async () => {
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

    const answer = await viewer.gql('{ assessmentResults { byteLength downloadUrl } }');
    expect(answer.data).toEqual({ assessmentResults: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/too large to produce within the export worker's 64 MiB: narrow it/),
        path: ['assessmentResults'],
        extensions: { code: 'EXPORT_TOO_LARGE', limitMib: WORKER_MIB },
      }),
    ]);
    expect(exportFiles()).toHaveLength(files); // nothing half-written is left behind

    const after = await viewer.gql('{ mappingsExport { byteLength } }');
    expect(after.errors).toBeUndefined();
    expect(after.data.mappingsExport.byteLength).toBe(before.data.mappingsExport.byteLength);
  }, 120_000);
});
