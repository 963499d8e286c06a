/** `npm run cli -- evidence upload`: files, directories and manifests over real HTTP; re-runs skip; failures exit non-zero. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { idempotencyKey } from '../../src/cli/evidence.js';
import { auditEntries, createAiSystem, createControl, randomFile, runCli, sha256 } from './helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: TestServer;
let work: string;
let env: Record<string, string>;
// Each test gets its own instance and folder: the tests count the evidence of the same controls.
beforeEach(async () => {
  server = await startTestServer();
  await createControl(server, 'SEC-ENC-01');
  await createControl(server, 'SEC-LOG-02');
  await createAiSystem(server, 'support-chatbot');
  work = mkdtempSync(join(tmpdir(), 'crosswalk-cli-upload-'));
  env = { CROSSWALK_URL: server.url, CROSSWALK_TOKEN: server.token };
});
afterEach(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const write = (path: string, bytes: Buffer | string) => {
  mkdirSync(join(work, path, '..'), { recursive: true });
  writeFileSync(join(work, path), bytes);
  return typeof bytes === 'string' ? sha256(bytes) : sha256(bytes);
};

async function fileEvidence(refId: string) {
  const d = await server.data(
    `query($refId: String!) { control(refId: $refId) { evidence(first: 100) { edges { node {
      kind title sha256 filename mediaType validUntil collectedAt status aiSystem { name } controls { edges { node { refId } } } } } } } }`,
    { refId },
  );
  return d.control.evidence.edges.map((e: any) => e.node);
}

const uploads = async () => (await auditEntries(server, { actions: ['blobUpload'], outcomes: ['SUCCESS'] })).length;

describe('evidence upload (CLI)', () => {
  it('uploads files and whole directories, attaches them, and skips everything on a re-run', async () => {
    const report = write('report.pdf', randomFile(5000));
    const scan = write('scans/2026-11/scan.json', '{"findings": 0}');
    const log = write('scans/rotation.log', 'rotated');
    write('scans/.hidden', 'not uploaded');
    const args = ['evidence', 'upload', '--control', 'SEC-ENC-01', '--control', 'SEC-LOG-02', '--valid-until', '2027-01-01', 'report.pdf', 'scans'];

    const first = await runCli(args, env, work);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 file(s): 3 attached, 0 already attached (skipped), 0 failed.');
    expect(first.stdout).toMatch(/\[1\/3\] attached {2}report\.pdf → /);
    const items = await fileEvidence('SEC-ENC-01');
    expect(items.map((e: any) => [e.filename, e.sha256, e.mediaType]).sort()).toEqual(
      [
        ['report.pdf', report, 'application/pdf'],
        ['rotation.log', log, 'text/plain'],
        ['scan.json', scan, 'application/json'],
      ].sort(),
    );
    expect(items[0]).toMatchObject({
      kind: 'FILE',
      status: 'PENDING_REVIEW',
      validUntil: '2027-01-01T00:00:00.000Z',
      controls: { edges: [{ node: { refId: 'SEC-ENC-01' } }, { node: { refId: 'SEC-LOG-02' } }] },
    });
    const uploaded = await uploads();

    const again = await runCli(args, env, work);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('3 file(s): 0 attached, 3 already attached (skipped), 0 failed.');
    expect(await fileEvidence('SEC-ENC-01')).toHaveLength(3);
    expect(await uploads()).toBe(uploaded); // the server already had the bytes: nothing sent again

    // After an interruption: a new file in the directory is the only one attached.
    const added = write('scans/late.txt', 'late');
    const resumed = await runCli(args, env, work);
    expect(resumed.stdout).toContain('4 file(s): 1 attached, 3 already attached (skipped), 0 failed.');
    expect((await fileEvidence('SEC-ENC-01')).map((e: any) => e.sha256)).toContain(added);
  });

  it('reads a CSV manifest; failures are listed in a summary and the exit code is 1', async () => {
    write('manifest/a.txt', 'manifest a');
    write('manifest/b.txt', 'manifest b');
    writeFileSync(
      join(work, 'manifest', 'evidence.csv'),
      [
        'file,controls,title,collectedAt,validUntil,aiSystem',
        'a.txt,SEC-LOG-02,Access review A,2026-10-01,2027-10-01,support-chatbot',
        'b.txt,SEC-LOG-02;SEC-ENC-01,,,,',
        'missing.txt,SEC-LOG-02,,,,',
        'a.txt,NOPE-99,,,,',
        'b.txt,SEC-LOG-02,,yesterday,,',
      ].join('\n'),
    );
    const result = await runCli(['evidence', 'upload', '--manifest', 'manifest/evidence.csv'], env, work);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('5 file(s): 2 attached, 0 already attached (skipped), 3 failed.');
    expect(result.stdout).toMatch(/evidence\.csv:4 missing\.txt: cannot read/);
    expect(result.stdout).toContain('evidence.csv:5 a.txt: no control with refId "NOPE-99"');
    expect(result.stdout).toContain('evidence.csv:6 b.txt: collectedAt "yesterday" is not a date like 2027-01-01');
    const a = (await fileEvidence('SEC-LOG-02')).find((e: any) => e.title === 'Access review A');
    expect(a).toMatchObject({
      filename: 'a.txt',
      collectedAt: '2026-10-01T00:00:00.000Z',
      validUntil: '2027-10-01T00:00:00.000Z',
      aiSystem: { name: 'support-chatbot' },
    });
  });

  it('takes the server and token from flags too, and explains what is missing', async () => {
    write('flags.txt', 'via flags');
    const viaFlags = await runCli(['evidence', 'upload', '--url', `${server.url}/graphql`, '--token', server.token, '--control', 'SEC-ENC-01,SEC-LOG-02', 'flags.txt'], {}, work);
    expect([viaFlags.code, viaFlags.stdout]).toEqual([0, expect.stringContaining('1 attached')]);

    const noToken = await runCli(['evidence', 'upload', '--control', 'SEC-ENC-01', 'flags.txt'], { CROSSWALK_URL: server.url }, work);
    expect([noToken.code, noToken.stderr]).toEqual([1, expect.stringContaining('set CROSSWALK_TOKEN')]);
    const badToken = await runCli(['evidence', 'upload', '--control', 'SEC-ENC-01', 'flags.txt'], { ...env, CROSSWALK_TOKEN: 'cwk_wrong' }, work);
    expect([badToken.code, badToken.stderr]).toEqual([1, expect.stringContaining('UNAUTHENTICATED')]);
    const noControl = await runCli(['evidence', 'upload', 'flags.txt'], env, work);
    expect([noControl.code, noControl.stdout]).toEqual([1, expect.stringContaining('no controls')]);
    const viewer = await server.as('VIEWER');
    write('viewer.txt', 'viewer');
    const forbidden = await runCli(['evidence', 'upload', '--control', 'SEC-ENC-01', 'viewer.txt'], { ...env, CROSSWALK_TOKEN: viewer.token }, work);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stdout + forbidden.stderr).toContain('FORBIDDEN');
  });

  it('derives idempotency keys from the hash, the controls (in any order) and the AI system', () => {
    const sha = sha256('x');
    expect(idempotencyKey(sha, ['B', 'A', 'A'], null)).toBe(idempotencyKey(sha, ['A', 'B'], null));
    expect(idempotencyKey(sha, ['A'], null)).not.toBe(idempotencyKey(sha, ['A', 'B'], null));
    expect(idempotencyKey(sha, ['A'], null)).not.toBe(idempotencyKey(sha, ['A'], 'sys'));
    expect(idempotencyKey(sha, ['A'], null)).toMatch(/^cli-upload:[0-9a-f]{64}$/);
  });
});
