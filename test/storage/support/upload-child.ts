/**
 * A process that uploads into the PostgreSQL file store until it is killed (the crash tests of
 * test/storage/pg-blob-store.test.ts). CROSSWALK_TEST_DATABASE_URL names the database.
 * - mode `endless`: one upload whose body never ends (prints `chunk` after each piece);
 * - mode `files`: uploads of 0.5–3 MiB of random bytes one after another, each received and
 *   installed; prints `installed <sha256>` once install has resolved (acknowledged).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { PostgresBlobStore } from '../../../src/storage/pg-blob-store.js';

const pool = new pg.Pool({ connectionString: process.env.CROSSWALK_TEST_DATABASE_URL, max: 3, application_name: 'crosswalk-test-uploader' });
const store = new PostgresBlobStore(pool);
const PIECE = 64 * 1024;

async function* endless(): AsyncGenerator<Buffer> {
  for (;;) {
    yield randomBytes(PIECE);
    process.stdout.write('chunk\n');
    await sleep(2);
  }
}

async function* pieces(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
}

if (process.argv[2] === 'endless') {
  await store.receive(endless(), { maxBytes: Number.MAX_SAFE_INTEGER });
} else {
  for (;;) {
    const bytes = randomBytes(randomInt(512 * 1024, 3 * 1024 * 1024));
    const received = await store.receive(pieces(bytes), { maxBytes: Number.MAX_SAFE_INTEGER });
    await store.install(received);
    process.stdout.write(`installed ${received.sha256}\n`);
  }
}
