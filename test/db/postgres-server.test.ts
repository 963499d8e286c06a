/**
 * A whole instance on PostgreSQL, started as `CROSSWALK_DATABASE_URL=<url> npm start` starts it:
 * it migrates, loads the built-in catalogs into the empty database, creates and prints the ADMIN
 * token, answers /readyz 200, and keeps evidence files in the database (not under the data
 * directory) over a pool of its own that stopping ends. One test: it ends by stopping the instance.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/ops/log.js';
import { startCrosswalk, type Instance } from '../../src/server.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';

let database: TestDatabase;
let dataDir: string;
let instance: Instance;
const printed: string[] = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-pg-server-'));
  const config = loadConfig({ CROSSWALK_DATABASE_URL: database.url, CROSSWALK_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', CROSSWALK_SEED: 'nist-ai-rmf-1.0' });
  instance = await startCrosswalk(config, { log: (line) => printed.push(line), logger: createLogger({ level: 'silent' }), figuresIntervalMs: null });
});

afterAll(async () => {
  await instance?.stop();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the server on PostgreSQL', () => {
  it('seeds the empty database, prints the ADMIN token, is ready, and keeps evidence files in the database', async () => {
    expect(instance.store.dialect).toBe('postgres');
    expect((await fetch(`${instance.url}/readyz`)).status).toBe(200);

    const secret = /cwk_[A-Za-z0-9_-]{43}/.exec(printed.join('\n'))?.[0];
    expect(secret, printed.join('\n')).toBeDefined();
    const auth = { authorization: `Bearer ${secret}` };
    const answer = await fetch(`${instance.url}/graphql`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ frameworks(first: 10) { edges { node { refId } } } }' }),
    });
    const frameworks = ((await answer.json()) as any).data.frameworks.edges.map((e: any) => e.node.refId);
    expect(frameworks).toEqual(['nist-ai-rmf-1.0']);

    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = await fetch(`${instance.url}/v1/blobs`, { method: 'PUT', headers: auth, body: bytes });
    expect([put.status, await put.json()]).toEqual([201, { sha256, size: bytes.length }]);
    const stored = await query<{ chunks: number; size: number }>(
      `SELECT count(*)::int AS chunks, sum(length(c.data))::int AS size FROM blob_files f JOIN blob_file_chunks c ON c.file_id = f.id WHERE f.sha256 = $1`,
      [sha256],
    );
    expect(stored).toEqual([{ chunks: 4, size: bytes.length }]);
    expect(existsSync(join(dataDir, 'blobs'))).toBe(false);

    const got = await fetch(`${instance.url}/v1/blobs/${sha256}`, { headers: auth });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);

    // Stopping ends both pools: the store's ('crosswalk') and the evidence files' own.
    await instance.stop();
    const left = await query<{ app: string }>(`SELECT application_name AS app FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'crosswalk%'`, [database.name]);
    expect(left).toEqual([]);
  });
});
