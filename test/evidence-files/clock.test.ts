/**
 * One clock: uploads, integrity checks and the garbage collector's cutoff are all timed on the
 * clock the services are given. The server runs on a manual clock set years after the real one,
 * so a comparison with the machine's clock anywhere in these paths would make the tests fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClockedServer, type ClockedServer } from '../api/coverage-helpers.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { forOperation } from '../../src/services/operation-scope.js';
import { ERRORS, attach, auditEntries, corruptStoredFile, createControl, randomFile, storedFiles, upload } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Years after any real clock this test runs on. */
const START = Date.parse('2031-03-01T00:00:00.000Z');

let server: ClockedServer;
let control: string;
beforeAll(async () => {
  server = await startClockedServer(START);
  control = await createControl(server, 'CLOCK-01');
});
afterAll(() => server.close());

const VERIFY = `mutation($id: ID!) { evidenceVerify(input: { evidenceId: $id }) { integrity { status checkedAt checkedBy } ${ERRORS} } }`;
const verify = async (id: string) => {
  const answer = (await server.data(VERIFY, { id })).evidenceVerify;
  expect(answer.userErrors).toEqual([]);
  return { ...answer.integrity, checkedAt: Date.parse(answer.integrity.checkedAt) };
};
const gc = (graceMs: number, dryRun = false) =>
  server.instance.services.evidenceFiles.collectGarbage(forOperation(CLI_ACTOR, 'blobs.gc'), { graceMs, dryRun });

describe('the injected clock', () => {
  it('sets the garbage collector cutoff: an unattached file goes once the grace period has passed on that clock', async () => {
    const sha = await upload(server, randomFile(300));
    server.tick(30 * MINUTE);
    const early = await gc(HOUR);
    expect(early.ok && early.value.removed).toEqual([]);
    expect(await storedFiles(server).list()).toContain(sha);

    server.tick(31 * MINUTE);
    const dry = await gc(HOUR, true);
    expect(dry.ok && dry.value.removed).toEqual([{ sha256: sha, sizeBytes: 300 }]);
    const late = await gc(HOUR);
    expect(late.ok && late.value.removed).toEqual([{ sha256: sha, sizeBytes: 300 }]);
    expect(await storedFiles(server).list()).not.toContain(sha);
    const entry = (await auditEntries(server, { actions: ['blobs.gc'] })).at(-1);
    expect(Date.parse(entry.after.cutoff)).toBe(server.now() - HOUR);
  });

  it('times integrity checks: a check that started before the last upload of the file is stale and ignored', async () => {
    const sha = await upload(server, randomFile(500));
    const uploadedAt = server.now();
    const { evidence } = await attach(server, { controlIds: [control], sha256: sha, filename: 'clock.bin' });
    server.tick(MINUTE);
    expect(await verify(evidence.id)).toEqual({ status: 'INTACT', checkedBy: 'VERIFY', checkedAt: uploadedAt + MINUTE });

    await corruptStoredFile(server, sha, 0);
    // A check timed before the upload: whatever it read, the upload's verified bytes are newer.
    server.tick(-2 * MINUTE);
    expect(await verify(evidence.id)).toEqual({ status: 'INTACT', checkedBy: 'VERIFY', checkedAt: uploadedAt + MINUTE });
    server.tick(3 * MINUTE);
    expect(await verify(evidence.id)).toEqual({ status: 'CORRUPT', checkedBy: 'VERIFY', checkedAt: uploadedAt + 2 * MINUTE });
  });

  it('times the integrity scan', async () => {
    const SCAN = `mutation { evidenceIntegrityScan { startedAt finishedAt ${ERRORS} } }`;
    server.tick(HOUR);
    const report = (await server.data(SCAN)).evidenceIntegrityScan;
    expect([Date.parse(report.startedAt), Date.parse(report.finishedAt)]).toEqual([server.now(), server.now()]);
  });
});
