/**
 * Files evidence refers to that are not stored: after a bundle restore (the files travel
 * separately) and after a stored file is lost. `blobs scan` counts them as missing and exits 1;
 * `blobs missing` lists them with the evidence holding each; uploading the bytes again repairs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { bundleExport, importFile } from '../interop/export-support.js';
import { attach, cliEnv, createControl, evidenceNode, randomFile, runCli, storedFiles, upload } from './helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let source: TestServer;
let target: TestServer;
beforeAll(async () => {
  [source, target] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('files evidence refers to that are not stored', () => {
  it('are counted by blobs scan, listed by blobs missing, and whole again once uploaded', async () => {
    // Source: one FILE evidence item, exported as a bundle and restored into the empty target.
    await createControl(source, 'MF-01');
    const restoredBytes = randomFile(321);
    const restoredSha = await upload(source, restoredBytes);
    await attach(source, { controlIds: [(await source.data('{ control(refId: "MF-01") { id } }')).control.id], sha256: restoredSha, filename: 'restored.pdf', title: 'Restored report' });
    const restore = await importFile(target, { content: (await bundleExport(source)).content, format: 'BUNDLE' });
    expect(restore.userErrors).toEqual([]);
    const restored = (await target.data('{ evidence(first: 10) { edges { node { id title integrity { status } } } } }')).evidence.edges.map((e: any) => e.node);
    expect(restored).toEqual([{ id: expect.any(String), title: 'Restored report', integrity: { status: 'MISSING' } }]);

    // Target: a second item whose stored file is then lost.
    const control = (await target.data('{ control(refId: "MF-01") { id } }')).control.id;
    const lostBytes = randomFile(123);
    const lostSha = await upload(target, lostBytes);
    const lost = (await attach(target, { controlIds: [control], sha256: lostSha, filename: 'lost.log', title: 'Lost log' })).evidence;
    await storedFiles(target).remove(lostSha);

    const dataDir = cliEnv(target);
    const [scan, missing] = [await runCli(['blobs', 'scan'], dataDir), await runCli(['blobs', 'missing'], dataDir)];
    expect([scan.code, scan.stderr]).toEqual([1, '']);
    expect(scan.stdout).toContain('Checked 2 file(s): 0 intact, 2 missing, 0 corrupt');
    expect(scan.stdout).toContain(`MISSING ${restoredSha} (321 bytes, 1 evidence item(s)) never uploaded to this server`);
    expect(scan.stdout).toContain(`MISSING ${lostSha} (123 bytes, 1 evidence item(s))\n`);

    expect([missing.code, missing.stderr]).toEqual([1, '']);
    expect(missing.stdout).toContain(`${restoredSha} (321 bytes, never uploaded to this server)\n  evidence ${restored[0].id} "Restored report" file restored.pdf\n`);
    expect(missing.stdout).toContain(`${lostSha} (123 bytes, gone from the store)\n  evidence ${lost.id} "Lost log" file lost.log\n`);
    expect(missing.stdout).toContain('2 missing file(s). Upload each file again with PUT /v1/blobs');

    // The service agrees, and uploading the same bytes repairs both items.
    const listed = await target.instance.services.evidenceFiles.missingFiles(CLI_ACTOR);
    expect(listed.map((f) => [f.sha256, f.neverStored, f.evidence.map((e) => e.title)])).toEqual(
      [
        [restoredSha, true, ['Restored report']],
        [lostSha, false, ['Lost log']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    await upload(target, restoredBytes);
    await upload(target, lostBytes);
    expect((await evidenceNode(target, restored[0].id)).integrity.status).toBe('INTACT');
    const repaired = await runCli(['blobs', 'missing'], dataDir);
    expect([repaired.code, repaired.stdout]).toEqual([0, 'No missing files: every file evidence refers to is stored.\n']);
  });
});
