/** evidenceVerify, the integrity scan (mutation and CLI) and garbage collection (service and CLI, with its races). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { forOperation } from '../../src/services/operation-scope.js';
import {
  ERRORS,
  attach,
  auditEntries,
  cliEnv,
  corruptStoredFile,
  createControl,
  evidenceNode,
  put,
  randomFile,
  runCli,
  sha256,
  storedFiles,
  upload,
} from './helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: TestServer;
let control: string;
beforeEach(async () => {
  server = await startTestServer();
  control = await createControl(server, 'HK-01');
});
afterEach(() => server.close());

const VERIFY = `mutation($id: ID!) { evidenceVerify(input: { evidenceId: $id }) {
  evidence { id } integrity { status checkedBy events { status source } } ${ERRORS} } }`;
const SCAN = `mutation($input: EvidenceIntegrityScanInput) { evidenceIntegrityScan(input: $input) {
  checked intact unrecordedFiles startedAt finishedAt problems { sha256 sizeBytes status actualSha256 evidenceCount } ${ERRORS} } }`;

const corrupt = (sha: string) => corruptStoredFile(server, sha, 0);
/** The server's stored files (on disk or in the database). */
const files = () => storedFiles(server);
const isStored = async (sha: string) => (await files().list()).includes(sha);

async function fileEvidence(bytes: Buffer, filename = 'f.bin') {
  const sha = await upload(server, bytes);
  const { evidence } = await attach(server, { controlIds: [control], sha256: sha, filename });
  return { sha, id: evidence.id as string };
}

const gc = (graceMs: number, dryRun = false) =>
  server.instance.services.evidenceFiles.collectGarbage(forOperation(CLI_ACTOR, 'blobs.gc'), { graceMs, dryRun });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('evidenceVerify', () => {
  it('re-hashes one item and records INTACT, CORRUPT or MISSING', async () => {
    const intact = await fileEvidence(randomFile(1000));
    const ok = (await server.data(VERIFY, { id: intact.id })).evidenceVerify;
    expect(ok).toMatchObject({ userErrors: [], evidence: { id: intact.id }, integrity: { status: 'INTACT', checkedBy: 'VERIFY', events: [] } });

    const bad = await fileEvidence(randomFile(1001));
    await corrupt(bad.sha);
    const found = (await server.data(VERIFY, { id: bad.id })).evidenceVerify;
    expect(found.integrity).toEqual({ status: 'CORRUPT', checkedBy: 'VERIFY', events: [{ status: 'CORRUPT', source: 'VERIFY' }] });
    expect((await evidenceNode(server, bad.id)).integrity.status).toBe('CORRUPT');

    const gone = await fileEvidence(randomFile(1002));
    await files().remove(gone.sha);
    expect((await server.data(VERIFY, { id: gone.id })).evidenceVerify.integrity.status).toBe('MISSING');
  });

  it('refuses unknown ids, non-FILE evidence and roles without EVIDENCE_REVIEW', async () => {
    const unknown = (await server.data(VERIFY, { id: Buffer.from('Evidence:9999').toString('base64url') })).evidenceVerify;
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'evidenceId'] })]);
    const link = await server.data(`mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } } }`, {
      input: { kind: 'LINK', title: 'l', url: 'https://example.com/x', controlIds: [control] },
    });
    const invalid = (await server.data(VERIFY, { id: link.evidenceCreate.evidence.id })).evidenceVerify;
    expect(invalid.userErrors).toEqual([expect.objectContaining({ code: 'INVALID' })]);

    const item = await fileEvidence(randomFile(10));
    const contributor = await server.as('CONTRIBUTOR');
    expect((await contributor.data(VERIFY, { id: item.id })).evidenceVerify.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const reviewer = await server.as('REVIEWER');
    expect((await reviewer.data(VERIFY, { id: item.id })).evidenceVerify.integrity.status).toBe('INTACT');
  });
});

describe('integrity scan', () => {
  it('checks every stored file, reports missing and corrupt ones with their evidence, and counts unrecorded files', async () => {
    await fileEvidence(randomFile(100));
    const bad = await fileEvidence(randomFile(200));
    const gone = await fileEvidence(randomFile(300));
    await attach(server, { controlIds: [control], sha256: gone.sha, filename: 'again.bin' });
    const orphan = await upload(server, randomFile(400));
    await corrupt(bad.sha);
    await files().remove(gone.sha);
    const stray = sha256('unrecorded');
    await files().write(stray, 'x');

    const report = (await server.data(SCAN, {})).evidenceIntegrityScan;
    expect(report).toMatchObject({ checked: 4, intact: 2, unrecordedFiles: 1, userErrors: [] });
    expect(report.problems).toEqual(
      [
        { sha256: bad.sha, sizeBytes: 200, status: 'CORRUPT', actualSha256: sha256((await files().read(bad.sha))!), evidenceCount: 1 },
        { sha256: gone.sha, sizeBytes: 300, status: 'MISSING', actualSha256: null, evidenceCount: 2 },
      ].sort((a, b) => a.sha256.localeCompare(b.sha256)),
    );
    expect((await evidenceNode(server, gone.id)).integrity).toMatchObject({ status: 'MISSING', checkedBy: 'SCAN' });
    expect(orphan).toHaveLength(64);

    const some = (await server.data(SCAN, { input: { sha256s: [bad.sha] } })).evidenceIntegrityScan;
    expect([some.checked, some.problems.length, some.unrecordedFiles]).toEqual([1, 1, 0]);
    const invalid = (await server.data(SCAN, { input: { sha256s: ['nope'] } })).evidenceIntegrityScan;
    expect(invalid.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'sha256s', '0'] })]);

    const entries = await auditEntries(server, { actions: ['evidenceIntegrityScan'], outcomes: ['SUCCESS'] });
    expect(entries[0].after).toMatchObject({ checked: 4, intact: 2 });
  });

  it('is for ADMINs only', async () => {
    const reviewer = await server.as('REVIEWER');
    const denied = (await reviewer.data(SCAN, {})).evidenceIntegrityScan;
    expect(denied).toMatchObject({ checked: null, problems: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
  });

  it('runs from the CLI: exit code 0 when everything is intact, 1 with a report otherwise', async () => {
    const item = await fileEvidence(randomFile(500));
    const clean = await runCli(['blobs', 'scan'], cliEnv(server));
    expect(clean.stderr).toBe('');
    expect([clean.code, clean.stdout]).toEqual([0, expect.stringContaining('Checked 1 file(s): 1 intact, 0 missing, 0 corrupt')]);
    await corrupt(item.sha);
    const broken = await runCli(['blobs', 'scan'], cliEnv(server));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`CORRUPT ${item.sha} (500 bytes, 1 evidence item(s))`);
    expect((await evidenceNode(server, item.id)).integrity).toMatchObject({ status: 'CORRUPT', checkedBy: 'SCAN' });
    expect((await auditEntries(server, { actions: ['blobs.scan'] }))[0]).toMatchObject({ actorId: 'system:cli', outcome: 'SUCCESS' });
  });
});

describe('garbage collection', () => {
  it('removes unattached files older than the grace period, keeps attached and recent ones', async () => {
    const kept = await fileEvidence(randomFile(100));
    const unattached = await upload(server, randomFile(200));
    await tick();

    const graceful = await gc(3_600_000);
    expect(graceful.ok && graceful.value.removed).toEqual([]);
    const dry = await gc(0, true);
    expect(dry.ok && dry.value).toMatchObject({ dryRun: true, removed: [{ sha256: unattached, sizeBytes: 200 }], freedBytes: 200 });
    expect(await isStored(unattached)).toBe(true);

    const result = await gc(0);
    expect(result.ok && result.value).toMatchObject({ dryRun: false, removed: [{ sha256: unattached, sizeBytes: 200 }], freedBytes: 200 });
    expect(await files().list()).toEqual([kept.sha]);
    const afterGc = await attach(server, { controlIds: [control], sha256: unattached, filename: 'late.bin' });
    expect(afterGc.userErrors).toEqual([expect.objectContaining({ code: 'BLOB_NOT_FOUND' })]);
    expect((await put(server, randomFile(1))).status).toBe(201);
    expect((await auditEntries(server, { actions: ['blobs.gc'] })).at(-1)).toMatchObject({
      actorId: 'system:cli',
      after: { removed: [{ sha256: unattached, sizeBytes: 200 }] },
    });
  });

  it('also removes unrecorded files and stale temp files, but not uploads in progress', async () => {
    const stray = sha256('left by a crash');
    await files().write(stray, 'x');
    await files().plantStaging(2 * 86_400_000);
    const young = await files().plantStaging(0);

    const result = await gc(86_400_000);
    expect(result.ok && result.value).toMatchObject({ removed: [], unrecordedFilesRemoved: 1, tempFilesRemoved: 1 });
    expect(await isStored(stray)).toBe(false);
    expect(await files().staging()).toEqual([young]);
  });

  it('never loses an acknowledged upload or attach when they race with the collector', async () => {
    for (let round = 0; round < 25; round++) {
      const bytes = randomFile(64 + round);
      const sha = await upload(server, bytes);
      await tick();
      // The collector (grace 0: the file is eligible) races with an attach and a re-upload.
      const [collected, attached, reuploaded] = await Promise.all([
        new Promise((r) => setTimeout(r, round % 4)).then(() => gc(0)),
        attach(server, { controlIds: [control], sha256: sha, filename: `r${round}.bin` }),
        round % 2 ? put(server, bytes) : Promise.resolve(null),
      ]);
      expect(collected.ok).toBe(true);
      const present = await isStored(sha);
      if (attached.evidence || reuploaded?.status === 200 || reuploaded?.status === 201) {
        // Acknowledged: the file must be there, and downloadable.
        expect(present, `round ${round}`).toBe(true);
        const download = await fetch(`${server.url}/v1/blobs/${sha}`, { headers: { authorization: `Bearer ${server.token}` } });
        expect(download.status).toBe(200);
        expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha);
      } else {
        expect(attached.userErrors).toEqual([expect.objectContaining({ code: 'BLOB_NOT_FOUND' })]);
      }
    }
    // Every FILE item still has its file.
    const all = await server.data(`{ evidence(first: 100) { edges { node { sha256 integrity { status } } } } }`);
    const stored = await files().list();
    for (const { node } of all.evidence.edges) expect(stored).toContain(node.sha256);
  });

  it('runs from the CLI next to a running server, with a grace period', async () => {
    await fileEvidence(randomFile(10));
    const unattached = await upload(server, randomFile(20));
    const dataDir = cliEnv(server);
    const kept = await runCli(['blobs', 'gc'], dataDir);
    expect([kept.code, kept.stdout]).toEqual([0, expect.stringContaining('Removed 0 unattached file(s), 0 bytes (grace 24h, the default)')]);
    const dry = await runCli(['blobs', 'gc', '--grace', '0', '--dry-run'], dataDir);
    expect(dry.stdout).toContain(`would remove ${unattached} (20 bytes)`);
    const removed = await runCli(['blobs', 'gc', '--grace', '0'], dataDir);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`removed ${unattached} (20 bytes)`);
    expect(await isStored(unattached)).toBe(false);
    const bad = await runCli(['blobs', 'gc', '--grace', 'soon'], dataDir);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--grace "soon"')]);
  });
});
