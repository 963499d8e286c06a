/** The content-addressed store on disk and the pure rules behind it, without HTTP. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/storage/blob-store.js';
import { UploadError } from '../../src/storage/blob-storage.js';
import { VerifyingStream } from '../../src/storage/verifying-stream.js';
import { filenameProblem, normaliseMediaType, normaliseSha256 } from '../../src/domain/blobs.js';
import { parseDuration } from '../../src/domain/duration.js';
import { parseWindow } from '../../src/domain/expiry-window.js';
import { parseExpiry } from '../../src/domain/tokens.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function* chunks(buffer: Buffer, size: number) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

let dir: string;
let store: BlobStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-blobstore-'));
  store = new BlobStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('BlobStore', () => {
  it('receives a stream into a temp file, then installs it content-addressed', async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 3);
    const received = await store.receive(chunks(bytes, 65_536), { maxBytes: 10 * 1024 * 1024 });
    expect(received).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(readdirSync(store.tempDir)).toHaveLength(1);
    await store.install(received);
    expect(readdirSync(store.tempDir)).toEqual([]);
    expect(readFileSync(store.pathOf(sha(bytes))).equals(bytes)).toBe(true);
    expect(await store.check(sha(bytes))).toEqual({ status: 'INTACT', size: bytes.length });
    const listed: string[] = [];
    for await (const name of store.listFiles()) listed.push(name);
    expect(listed).toEqual([sha(bytes)]);
  });

  it('removes the temp file when the body is too large, empty, mismatched or fails', async () => {
    const bytes = randomBytes(300_000);
    await expect(store.receive(chunks(bytes, 10_000), { maxBytes: 299_999 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(store.receive(chunks(Buffer.alloc(0), 1), { maxBytes: 10 })).rejects.toMatchObject({ code: 'EMPTY_BODY' });
    await expect(store.receive(chunks(bytes, 10_000), { maxBytes: 1e9, expectedSha256: sha(Buffer.from('x')) })).rejects.toBeInstanceOf(UploadError);
    async function* failing() {
      yield bytes.subarray(0, 1000);
      throw new Error('aborted');
    }
    await expect(store.receive(failing(), { maxBytes: 1e9 })).rejects.toThrow('aborted');
    expect(readdirSync(store.tempDir)).toEqual([]);
  });

  it('reports missing and corrupt files, and removes stray temps (only old ones when asked)', async () => {
    const bytes = randomBytes(1000);
    await store.install(await store.receive(chunks(bytes, 100), { maxBytes: 1e9 }));
    writeFileSync(store.pathOf(sha(bytes)), Buffer.concat([bytes.subarray(1), Buffer.from([0])]));
    expect(await store.check(sha(bytes))).toMatchObject({ status: 'CORRUPT', size: 1000 });
    expect(await store.remove(sha(bytes))).toBe(true);
    expect(await store.check(sha(bytes))).toEqual({ status: 'MISSING' });
    expect(await store.remove(sha(bytes))).toBe(false);

    writeFileSync(join(store.tempDir, 'upload-1-a'), 'x');
    expect(await store.removeStrayTemps({ olderThanMs: 60_000 })).toBe(0);
    expect(await store.removeStrayTemps()).toBe(1);
    expect(existsSync(join(store.tempDir, 'upload-1-a'))).toBe(false);
  });
});

describe('VerifyingStream', () => {
  const run = async (bytes: Buffer, expected: string) => {
    const out: Buffer[] = [];
    let mismatch: unknown = null;
    const sink = new Writable({ write: (c, _e, cb) => (out.push(c), cb()) });
    const verifier = new VerifyingStream(expected, bytes.length, (found) => {
      mismatch = found;
    });
    const result = await pipeline(Readable.from(chunks(bytes, 1000)), verifier, sink).then(() => 'ok', (e: Error) => e.message);
    return { result, received: Buffer.concat(out), mismatch };
  };

  it('passes intact bytes through unchanged', async () => {
    const bytes = randomBytes(10_500);
    const { result, received } = await run(bytes, sha(bytes));
    expect(result).toBe('ok');
    expect(received.equals(bytes)).toBe(true);
  });

  it('never delivers the whole of a corrupt file, and reports the mismatch', async () => {
    const bytes = randomBytes(10_500);
    const { result, received, mismatch } = await run(bytes, sha(randomBytes(10)));
    expect(result).toMatch(/corrupt/);
    expect(received.length).toBeLessThan(bytes.length);
    expect(mismatch).toEqual({ actualSha256: sha(bytes), size: bytes.length });
  });
});

describe('rules', () => {
  it('normalises hashes and media types, checks file names', () => {
    expect(normaliseSha256('A'.repeat(64))).toBe('a'.repeat(64));
    expect(normaliseSha256('a'.repeat(63))).toBeNull();
    expect(normaliseMediaType('Application/PDF')).toBe('application/pdf');
    expect(normaliseMediaType('text/plain;charset=UTF-8')).toBe('text/plain; charset=UTF-8');
    expect(normaliseMediaType('text')).toBeNull();
    expect(normaliseMediaType('text/html\r\nX-Injected: 1')).toBeNull();
    expect(filenameProblem('report.pdf')).toBeNull();
    expect(filenameProblem('ünïcödé 📄.pdf')).toBeNull();
    expect(filenameProblem('a/b')).toMatch(/not a path/);
    expect(filenameProblem('a\nb')).toMatch(/control/);
  });

  it('reads every duration with one grammar (a whole number and d, h, m or s; or 0); each use has its range', () => {
    const cases: [string, number | null][] = [
      ['24h', 86_400_000],
      ['7d', 7 * 86_400_000],
      ['30m', 1_800_000],
      ['45s', 45_000],
      [' 12h ', 43_200_000],
      ['024h', 86_400_000],
      ['999999d', 999_999 * 86_400_000],
      ['0', 0],
      ['0d', 0],
      ['soon', null],
      ['30', null],
      ['1.5h', null],
      ['-1h', null],
      ['1w', null],
      ['1000000d', null],
      ['', null],
    ];
    for (const [text, ms] of cases) expect(parseDuration(text), text).toBe(ms);
    // The expiring window: 1h to 3660d (the inputs it took before still work).
    expect(['1h', '12h', '7d', '30d', '3660d', '90m'].map(parseWindow)).toEqual([3_600_000, 43_200_000, 604_800_000, 2_592_000_000, 3660 * 86_400_000, 5_400_000]);
    expect(['0', '0d', '59m', '3661d', '30', 'soon'].map(parseWindow)).toEqual([null, null, null, null, null, null]);
    // Token lifetimes: a positive duration from now, or a future date.
    const now = new Date('2026-12-01T00:00:00Z');
    expect(parseExpiry('90d', now)).toEqual(new Date('2027-03-01T00:00:00Z'));
    expect(parseExpiry('30m', now)).toEqual(new Date('2026-12-01T00:30:00Z'));
    expect(parseExpiry('2027-01-01', now)).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect([parseExpiry('0', now), parseExpiry('0d', now), parseExpiry('2026-11-30', now), parseExpiry('soon', now)]).toEqual([null, null, null, null]);
  });
});
