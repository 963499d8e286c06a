/** evidenceAttach, evidenceAttachBulk, the review workflow and the evidence filters for FILE evidence. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import {
  ATTACH_BULK,
  ERRORS,
  attach,
  auditEntries,
  createAiSystem,
  createControl,
  evidenceCount,
  evidenceNode,
  randomFile,
  sha256,
  upload,
} from './helpers.js';

let server: TestServer;
let controlA: string;
let controlB: string;
let system: string;
beforeAll(async () => {
  server = await startTestServer();
  controlA = await createControl(server, 'SEC-ENC-01');
  controlB = await createControl(server, 'SEC-LOG-02');
  system = await createAiSystem(server, 'support-chatbot');
});
afterAll(() => server.close());

const bulk = async (client: GraphQLClient, items: Record<string, unknown>[]) =>
  (await client.data(ATTACH_BULK, { input: { items } })).evidenceAttachBulk;

describe('evidenceAttach', () => {
  it('creates FILE evidence pending review from an uploaded file, with its hash, size and metadata', async () => {
    const bytes = randomFile(4096);
    const sha = await upload(server, bytes);
    const before = Date.now();
    const r = await attach(server, {
      controlIds: [controlB, controlA, controlB],
      sha256: sha,
      filename: 'kms-rotation-2026-11.pdf',
      mediaType: 'Application/PDF',
      validUntil: '2027-01-01T00:00:00.000Z',
      aiSystemId: system,
    });
    expect(r.userErrors).toEqual([]);
    expect(r.created).toBe(true);
    expect(r.evidence).toMatchObject({
      kind: 'FILE',
      title: 'kms-rotation-2026-11.pdf',
      status: 'PENDING_REVIEW',
      sha256: sha,
      sizeBytes: 4096,
      mediaType: 'application/pdf',
      filename: 'kms-rotation-2026-11.pdf',
      validUntil: '2027-01-01T00:00:00.000Z',
      createdBy: 'token:1',
      aiSystem: { id: system },
      controls: { edges: [{ node: { refId: 'SEC-ENC-01' } }, { node: { refId: 'SEC-LOG-02' } }] },
      integrity: { sha256: sha, status: 'INTACT', checkedBy: 'UPLOAD', events: [] },
    });
    expect(Date.parse(r.evidence.collectedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await evidenceNode(server, r.evidence.id)).toEqual(r.evidence);
  });

  it('answers BLOB_NOT_FOUND for a hash nobody uploaded, and INVALID for a malformed one', async () => {
    const unknown = await attach(server, { controlIds: [controlA], sha256: sha256('never uploaded'), filename: 'x.pdf' });
    expect(unknown).toMatchObject({ evidence: null, created: null, userErrors: [{ code: 'BLOB_NOT_FOUND', field: ['input', 'sha256'] }] });
    const malformed = await attach(server, { controlIds: [controlA], sha256: 'xyz', filename: 'x.pdf' });
    expect(malformed.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'sha256'] })]);
  });

  it('treats the filename as metadata only: paths, control characters and dot names are refused', async () => {
    const sha = await upload(server, randomFile(10));
    for (const filename of ['../../etc/passwd', 'a/b.pdf', 'C:\\x.pdf', '..', '', 'a\u0000b', 'x'.repeat(256)]) {
      const r = await attach(server, { controlIds: [controlA], sha256: sha, filename });
      expect(r.userErrors, filename).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'filename'] })]);
    }
    const odd = await attach(server, { controlIds: [controlA], sha256: sha, filename: 'rapport "final" été <1>.pdf' });
    expect(odd.evidence.filename).toBe('rapport "final" été <1>.pdf');
  });

  it('validates the other fields like evidenceCreate', async () => {
    const sha = await upload(server, randomFile(11));
    const r = await attach(server, {
      controlIds: [],
      sha256: sha,
      filename: 'a.pdf',
      mediaType: 'not a type',
      title: ' ',
      collectedAt: '2999-01-01T00:00:00.000Z',
      idempotencyKey: ' padded ',
    });
    expect(r.userErrors.map((e: any) => e.field.join('.')).sort()).toEqual(
      ['input.collectedAt', 'input.controlIds', 'input.idempotencyKey', 'input.mediaType', 'input.title'].sort(),
    );
    const order = await attach(server, {
      controlIds: [controlA],
      sha256: sha,
      filename: 'a.pdf',
      collectedAt: '2026-01-01T00:00:00.000Z',
      validUntil: '2025-01-01T00:00:00.000Z',
    });
    expect(order.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'validUntil'] })]);
    const missing = await attach(server, { controlIds: [controlA, Buffer.from('Control:99999').toString('base64url')], sha256: sha, filename: 'a.pdf' });
    expect(missing.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'controlIds', '1'] })]);
  });

  it('is idempotent by key: the same key returns the same item and creates nothing; another file or controls is a CONFLICT', async () => {
    const sha = await upload(server, randomFile(500));
    const input = { controlIds: [controlA], sha256: sha, filename: 'scan.json', idempotencyKey: 'ci-run-77/scan.json' };
    const first = await attach(server, input);
    expect(first.created).toBe(true);
    const count = await evidenceCount(server);

    const replay = await attach(server, { ...input, title: 'ignored on replay', controlIds: [controlA, controlA] });
    expect(replay).toMatchObject({ created: false, userErrors: [], evidence: { id: first.evidence.id, title: 'scan.json' } });
    expect(await evidenceCount(server)).toBe(count);

    const otherFile = await upload(server, randomFile(501));
    for (const changed of [{ sha256: otherFile }, { controlIds: [controlB] }, { aiSystemId: system }]) {
      const conflict = await attach(server, { ...input, ...changed });
      expect(conflict.userErrors, JSON.stringify(changed)).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'idempotencyKey'] })]);
    }
    expect(await evidenceCount(server)).toBe(count);

    // Without a key every attach creates an item (the same file may back several items).
    const a = await attach(server, { controlIds: [controlA], sha256: sha, filename: 'scan.json' });
    const b = await attach(server, { controlIds: [controlA], sha256: sha, filename: 'scan.json' });
    expect(a.evidence.id).not.toBe(b.evidence.id);
  });

  it('needs EVIDENCE_CONTRIBUTE; scoped tokens attach only inside their scope', async () => {
    const sha = await upload(server, randomFile(77));
    const viewer = await server.as('VIEWER');
    const denied = await attach(viewer, { controlIds: [controlA], sha256: sha, filename: 'a.pdf' });
    expect(denied.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);

    const scoped = await server.as('CONTRIBUTOR', { controlIds: [controlA] });
    const outside = await attach(scoped, { controlIds: [controlA, controlB], sha256: sha, filename: 'a.pdf' });
    expect(outside.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'controlIds', '1'] })]);
    const inside = await attach(scoped, { controlIds: [controlA], sha256: sha, filename: 'a.pdf' });
    expect(inside.userErrors).toEqual([]);

    const bySystem = await server.as('CONTRIBUTOR', { aiSystemIds: [system] });
    const noSystem = await attach(bySystem, { controlIds: [controlA], sha256: sha, filename: 'a.pdf' });
    expect(noSystem.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'aiSystemId'] })]);
    expect((await attach(bySystem, { controlIds: [controlA], sha256: sha, filename: 'a.pdf', aiSystemId: system })).userErrors).toEqual([]);

    const entries = await auditEntries(server, { actions: ['evidenceAttach'], outcomes: ['DENIED'] });
    expect(entries.length).toBeGreaterThanOrEqual(3);
  });

  it('records one audit entry per attach naming the evidence', async () => {
    const sha = await upload(server, randomFile(78));
    const r = await attach(server, { controlIds: [controlA], sha256: sha, filename: 'a.pdf' });
    const entries = await auditEntries(server, { actions: ['evidenceAttach'], targetId: r.evidence.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'SUCCESS', actorId: 'token:1' });
  });
});

describe('evidenceAttachBulk', () => {
  it('attaches many items in one call: each succeeds or fails on its own, successes are committed together', async () => {
    const files = await Promise.all([1, 2, 3].map(async (i) => upload(server, randomFile(100 + i))));
    const count = await evidenceCount(server);
    const r = await bulk(server, [
      { controlIds: [controlA], sha256: files[0], filename: 'one.pdf', idempotencyKey: 'bulk-1' },
      { controlIds: [controlA], sha256: sha256('missing'), filename: 'two.pdf' },
      { controlIds: [controlB], sha256: files[1], filename: 'a/b.pdf' },
      { controlIds: [controlB], sha256: files[2], filename: 'three.pdf', idempotencyKey: 'bulk-3' },
      { controlIds: [controlA], sha256: files[0], filename: 'one-again.pdf', idempotencyKey: 'bulk-1' },
      { controlIds: [controlB], sha256: files[0], filename: 'one.pdf', idempotencyKey: 'bulk-1' },
    ]);
    expect(r.userErrors).toEqual([]);
    expect([r.createdCount, r.replayedCount, r.failedCount]).toEqual([2, 1, 3]);
    expect(r.results.map((x: any) => [x.index, x.created, x.evidence ? 'ok' : x.userErrors.map((e: any) => `${e.code}@${e.field.join('.')}`)])).toEqual([
      [0, true, 'ok'],
      [1, false, ['BLOB_NOT_FOUND@input.items.1.sha256']],
      [2, false, ['INVALID@input.items.2.filename']],
      [3, true, 'ok'],
      [4, false, 'ok'],
      [5, false, ['CONFLICT@input.items.5.idempotencyKey']],
    ]);
    expect(r.results[4].evidence.id).toBe(r.results[0].evidence.id);
    expect(await evidenceCount(server)).toBe(count + 2);

    // The whole call again: nothing new, everything replayed or failing the same way.
    const again = await bulk(server, [
      { controlIds: [controlA], sha256: files[0], filename: 'one.pdf', idempotencyKey: 'bulk-1' },
      { controlIds: [controlB], sha256: files[2], filename: 'three.pdf', idempotencyKey: 'bulk-3' },
    ]);
    expect([again.createdCount, again.replayedCount, again.failedCount]).toEqual([0, 2, 0]);
    expect(await evidenceCount(server)).toBe(count + 2);
  });

  it('writes one audit entry per call, naming every created item and each item outcome', async () => {
    const sha = await upload(server, randomFile(999));
    const r = await bulk(server, [
      { controlIds: [controlA], sha256: sha, filename: 'x.pdf', idempotencyKey: 'audit-bulk-1' },
      { controlIds: [controlA], sha256: sha, filename: 'y.pdf', idempotencyKey: 'audit-bulk-2' },
      { controlIds: [controlA], sha256: 'bad', filename: 'z.pdf' },
    ]);
    const ids = r.results.filter((x: any) => x.created).map((x: any) => x.evidence.id);
    const entries = await auditEntries(server, { actions: ['evidenceAttachBulk'], targetId: ids[0] });
    expect(entries).toHaveLength(1);
    expect(entries[0].targetIds).toEqual(expect.arrayContaining(ids)); // and the control named in the input
    expect(entries[0].targetIds).toContain(controlA);
    expect(entries[0].after).toMatchObject({ created: 2, replayed: 0, failed: 1, items: [{ index: 0, created: true }, { index: 1, created: true }, { index: 2, userErrors: ['INVALID'] }] });
  });

  it('takes 1 to 1,000 items', async () => {
    const sha = await upload(server, randomFile(1234));
    const items = Array.from({ length: 1000 }, (_, i) => ({ controlIds: [controlA], sha256: sha, filename: `f${i}.pdf`, idempotencyKey: `thousand-${i}` }));
    const full = await bulk(server, items);
    expect([full.createdCount, full.failedCount]).toEqual([1000, 0]);
    const tooMany = await bulk(server, [...items, items[0]!]);
    expect(tooMany.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'items'] })]);
    expect([tooMany.results, tooMany.createdCount]).toEqual([null, null]);
    expect((await bulk(server, [])).userErrors).toEqual([expect.objectContaining({ code: 'INVALID' })]);
  });

  it('applies token scopes per item and refuses other roles as a whole', async () => {
    const sha = await upload(server, randomFile(4321));
    const scoped = await server.as('CONTRIBUTOR', { controlIds: [controlB] });
    const r = await bulk(scoped, [
      { controlIds: [controlB], sha256: sha, filename: 'in.pdf' },
      { controlIds: [controlA], sha256: sha, filename: 'out.pdf' },
    ]);
    expect(r.results.map((x: any) => x.userErrors.map((e: any) => `${e.code}@${e.field.join('.')}`))).toEqual([[], ['FORBIDDEN@input.items.1.controlIds.0']]);
    const reviewer = await server.as('REVIEWER');
    expect((await bulk(reviewer, [{ controlIds: [controlB], sha256: sha, filename: 'x.pdf' }])).userErrors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN' }),
    ]);
  });
});

describe('review workflow and filters for FILE evidence', () => {
  it('moves PENDING_REVIEW → ACCEPTED or REJECTED with a comment, allows re-review and keeps every review', async () => {
    const sha = await upload(server, randomFile(2020));
    const { evidence } = await attach(server, { controlIds: [controlA], sha256: sha, filename: 'review.pdf' });
    const reviewer = await server.as('REVIEWER');
    const review = async (decision: string, comment: string) =>
      (
        await reviewer.data(
          `mutation($input: EvidenceReviewInput!) { evidenceReview(input: $input) { evidence { status reviewComment reviews { status comment reviewedBy } } ${ERRORS} } }`,
          { input: { evidenceId: evidence.id, decision, comment } },
        )
      ).evidenceReview;
    expect((await review('REJECTED', 'wrong quarter')).evidence.status).toBe('REJECTED');
    const accepted = await review('ACCEPTED', 'correct file uploaded');
    expect(accepted.evidence).toMatchObject({
      status: 'ACCEPTED',
      reviewComment: 'correct file uploaded',
      reviews: [
        { status: 'REJECTED', comment: 'wrong quarter' },
        { status: 'ACCEPTED', comment: 'correct file uploaded' },
      ],
    });
    const contributor = await server.as('CONTRIBUTOR');
    const denied = await contributor.data(`mutation($input: EvidenceReviewInput!) { evidenceReview(input: $input) { ${ERRORS} } }`, {
      input: { evidenceId: evidence.id, decision: 'ACCEPTED' },
    });
    expect(denied.evidenceReview.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
  });

  it('finds what expires next month (validAt + expiringBefore), what has expired (expiredBefore), by status, control and AI system', async () => {
    const control = await createControl(server, 'SEC-EXP-01');
    const sha = await upload(server, randomFile(3030));
    const make = async (title: string, collectedAt: string, validUntil: string | null, extra: Record<string, unknown> = {}) =>
      (await attach(server, { controlIds: [control], sha256: sha, filename: 'e.pdf', title, collectedAt, validUntil, ...extra })).evidence.id;
    const now = Date.now();
    const day = 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const expired = await make('expired', iso(now - 60 * day), iso(now - day));
    const nextMonth = await make('next month', iso(now - 10 * day), iso(now + 20 * day), { aiSystemId: system });
    const later = await make('later', iso(now - 10 * day), iso(now + 400 * day));
    const never = await make('never', iso(now - 10 * day), null);
    const q = `query($filter: EvidenceFilter) { evidence(filter: $filter, first: 100) { edges { node { id } } } }`;
    const ids = async (filter: Record<string, unknown>) =>
      (await server.data(q, { filter: { controlId: control, ...filter } })).evidence.edges.map((e: any) => e.node.id);
    expect(await ids({})).toEqual([expired, nextMonth, later, never]);
    expect(await ids({ validAt: iso(now), expiringBefore: iso(now + 31 * day) })).toEqual([nextMonth]);
    expect(await ids({ expiringBefore: iso(now + 31 * day) })).toEqual([expired, nextMonth]);
    expect(await ids({ expiredBefore: iso(now) })).toEqual([expired]);
    expect(await ids({ validAt: iso(now) })).toEqual([nextMonth, later, never]);
    expect(await ids({ aiSystemId: system })).toEqual([nextMonth]);
    expect(await ids({ kinds: ['FILE'], statuses: ['PENDING_REVIEW'] })).toEqual([expired, nextMonth, later, never]);
    expect(await ids({ statuses: ['ACCEPTED'] })).toEqual([]);
  });
});
