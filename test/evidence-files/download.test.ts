/** GET /v1/blobs/<sha256>: headers, authorisation, and integrity checks while streaming. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { parse as parseContentDisposition } from 'content-disposition';
import { contentDisposition } from '../../src/domain/blobs.js';
import { attach, corruptStoredFile, createControl, evidenceNode, get, put, randomFile, sha256, storedFiles, upload } from './helpers.js';

let server: TestServer;
let control: string;
beforeAll(async () => {
  server = await startTestServer();
  control = await createControl(server, 'DL-01');
});
afterAll(() => server.close());

/** Changes one byte in the middle of the stored file (same size). */
const corrupt = (sha: string) => corruptStoredFile(server, sha);

describe('GET /v1/blobs/<sha256>', () => {
  it('streams the file as an attachment with its name, media type, length, digest and nosniff', async () => {
    const bytes = randomFile(700_000);
    const sha = await upload(server, bytes);
    await attach(server, { controlIds: [control], sha256: sha, filename: 'pen-test "Q4" résumé.pdf', mediaType: 'application/pdf' });
    const answer = await get(server, sha);
    expect(answer.status).toBe(200);
    expect(answer.aborted).toBe(false);
    expect(answer.bytes.equals(bytes)).toBe(true);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': '700000',
      'content-disposition': `attachment; filename="pen-test \\"Q4\\" r?sum?.pdf"; filename*=UTF-8''pen-test%20%22Q4%22%20r%C3%A9sum%C3%A9.pdf`,
      'x-content-type-options': 'nosniff',
      'x-content-sha256': sha,
      etag: `"${sha}"`,
      'repr-digest': `sha-256=:${Buffer.from(sha, 'hex').toString('base64')}:`,
      'cache-control': 'private, no-store',
    });
    expect(answer.headers['content-security-policy']).toContain('sandbox');
  });

  it('describes the file by the evidence item named with ?evidence=, else by the oldest one, else by its hash', async () => {
    const bytes = randomFile(1000);
    const sha = await upload(server, bytes);
    const bare = await get(server, sha);
    expect(bare.headers['content-disposition']).toBe(`attachment; filename=${sha}`);
    expect(bare.headers['content-type']).toBe('application/octet-stream');

    const first = await attach(server, { controlIds: [control], sha256: sha, filename: 'first.txt', mediaType: 'text/plain' });
    const second = await attach(server, { controlIds: [control], sha256: sha, filename: 'second.json', mediaType: 'application/json' });
    expect((await get(server, sha)).headers['content-disposition']).toBe('attachment; filename=first.txt');
    const chosen = await get(server, `${sha}?evidence=${second.evidence.id}`);
    expect([chosen.headers['content-disposition'], chosen.headers['content-type']]).toEqual(['attachment; filename=second.json', 'application/json']);
    // An id of evidence holding another file is ignored.
    const other = await upload(server, randomFile(5));
    const otherItem = await attach(server, { controlIds: [control], sha256: other, filename: 'other.txt' });
    expect((await get(server, `${sha}?evidence=${otherItem.evidence.id}`)).headers['content-disposition']).toBe('attachment; filename=first.txt');
    expect(first.evidence.id).not.toBe(second.evidence.id);
  });

  it('encodes any file name safely (RFC 6266 / 8187): an ASCII header that names the exact file', () => {
    for (const name of ['report.pdf', 'a\\b;c".pdf', '100%.txt', '%41.txt', '日本.txt', "it's (1).txt", 'pen-test "Q4" résumé.pdf']) {
      const header = contentDisposition(name);
      expect(header, name).toMatch(/^attachment; [\x20-\x7e]+$/);
      expect(parseContentDisposition(header).parameters.filename, name).toBe(name);
    }
    expect(contentDisposition('a\\b;c".pdf')).toBe('attachment; filename="a\\\\b;c\\".pdf"');
    expect(contentDisposition('日本.txt')).toBe(`attachment; filename="??.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`);
  });

  it('answers HEAD with the headers only', async () => {
    const sha = await upload(server, randomFile(2048));
    const head = await get(server, sha, { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.bytes.length]).toEqual([200, '2048', 0]);
  });

  it('needs a token and READ; unknown hashes are 404 and malformed ones 400, all JSON', async () => {
    const sha = await upload(server, randomFile(64));
    expect((await get(server, sha, { token: null })).status).toBe(401);
    const viewer = await server.as('VIEWER');
    expect((await get(server, sha, { token: viewer.token })).status).toBe(200);
    const unknown = await get(server, sha256('nothing'));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'BLOB_NOT_FOUND']);
    const malformed = await get(server, 'not-a-hash');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INVALID_SHA256']);
    const upper = await get(server, sha.toUpperCase());
    expect(upper.status).toBe(400);
  });

  it('re-verifies while streaming: a corrupt file is cut short and the failure shows in Evidence.integrity', async () => {
    const bytes = randomFile(3 * 1024 * 1024 + 17);
    const sha = await upload(server, bytes);
    const { evidence } = await attach(server, { controlIds: [control], sha256: sha, filename: 'big.bin' });
    await corrupt(sha);

    const answer = await get(server, sha);
    expect(answer.status).toBe(200); // headers went out before the last byte was hashed
    expect(answer.aborted).toBe(true);
    expect(answer.bytes.length).toBeLessThan(bytes.length);

    const node = await evidenceNode(server, evidence.id);
    expect(node.integrity).toMatchObject({ sha256: sha, status: 'CORRUPT', checkedBy: 'DOWNLOAD' });
    expect(node.integrity.events).toEqual([
      expect.objectContaining({ status: 'CORRUPT', source: 'DOWNLOAD', actorId: 'token:1', detail: expect.stringContaining(`${bytes.length} bytes`) }),
    ]);

    // A corrupt file cannot be attached again until it is re-uploaded, which repairs it.
    const refused = await attach(server, { controlIds: [control], sha256: sha, filename: 'big.bin' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'BLOB_NOT_FOUND', message: expect.stringContaining('corrupt') })]);
    const repaired = await put(server, bytes);
    expect(repaired.status).toBe(200);
    expect((await get(server, sha)).bytes.equals(bytes)).toBe(true);
    const after = await evidenceNode(server, evidence.id);
    expect(after.integrity).toMatchObject({ status: 'INTACT', checkedBy: 'UPLOAD' });
    expect(after.integrity.events.map((e: any) => [e.status, e.source])).toEqual([
      ['INTACT', 'UPLOAD'],
      ['CORRUPT', 'DOWNLOAD'],
    ]);
  });

  it('answers a truncated or missing file with a JSON 500 before sending anything, and records it', async () => {
    const truncated = await upload(server, randomFile(5000));
    const a = await attach(server, { controlIds: [control], sha256: truncated, filename: 't.bin' });
    await storedFiles(server).write(truncated, randomFile(10));
    const cut = await get(server, truncated);
    expect([cut.status, cut.body.error.code]).toEqual([500, 'BLOB_CORRUPT']);
    expect((await evidenceNode(server, a.evidence.id)).integrity).toMatchObject({ status: 'CORRUPT', checkedBy: 'DOWNLOAD' });

    const missing = await upload(server, randomFile(6000));
    const b = await attach(server, { controlIds: [control], sha256: missing, filename: 'm.bin' });
    await storedFiles(server).remove(missing);
    const gone = await get(server, missing);
    expect([gone.status, gone.body.error.code]).toEqual([500, 'BLOB_MISSING']);
    expect((await evidenceNode(server, b.evidence.id)).integrity).toMatchObject({
      status: 'MISSING',
      events: [expect.objectContaining({ status: 'MISSING', source: 'DOWNLOAD' })],
    });
  });

  it('has no integrity for LINK and ATTESTATION evidence', async () => {
    const d = await server.data(
      `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { integrity { status } } } }`,
      { input: { kind: 'ATTESTATION', title: 'signed', controlIds: [control] } },
    );
    expect(d.evidenceCreate.evidence.integrity).toBeNull();
  });
});
