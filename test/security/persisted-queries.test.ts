/**
 * Automatic persisted queries (APQ): off unless CROSSWALK_PERSISTED_QUERIES=on. Hostile or
 * broken hashes are client errors, never internal errors, and nothing is logged for them.
 *
 * | case                                       | setting | status | code                          |
 * |--------------------------------------------|---------|--------|-------------------------------|
 * | a hash, with or without the query          | off     | 200    | PERSISTED_QUERY_NOT_SUPPORTED |
 * | an unknown hash                            | on      | 200    | PERSISTED_QUERY_NOT_FOUND     |
 * | a hash that is not the query's             | on      | 400    | PERSISTED_QUERY_NOT_FOUND     |
 * | protocol version 2                         | on      | 400    | BAD_REQUEST                   |
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startCrosswalk, type Instance } from '../../src/server.js';
import type { TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, expectRefusal, postJson } from './support.js';

const QUERY = '{ viewer { role } }';
const hashOf = (query: string) => createHash('sha256').update(query).digest('hex');
const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

/** A whole instance started from the environment it is given (as `npm start` reads it). */
async function startWith(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-apq-'));
  const token = `apq-admin-${randomBytes(24).toString('hex')}`;
  const config = loadConfig({ CROSSWALK_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', CROSSWALK_ADMIN_TOKEN: token, CROSSWALK_SEED: 'none', ...env });
  const instance: Instance = await startCrosswalk(config, { log: () => {} });
  return {
    server: { url: instance.url, token } as TestServer,
    async close() {
      await instance.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const logged: unknown[][] = [];
beforeEach(() => {
  logged.length = 0;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('CROSSWALK_PERSISTED_QUERIES', () => {
  it('is off by default, on with "on", and anything else stops the start with a clear message', () => {
    expect(loadConfig({}).persistedQueries).toBe(false);
    expect(loadConfig({ CROSSWALK_PERSISTED_QUERIES: 'off' }).persistedQueries).toBe(false);
    expect(loadConfig({ CROSSWALK_PERSISTED_QUERIES: 'on' }).persistedQueries).toBe(true);
    expect(() => loadConfig({ CROSSWALK_PERSISTED_QUERIES: 'yes' })).toThrow('CROSSWALK_PERSISTED_QUERIES must be on or off; got "yes"');
  });
});

describe('persisted queries off (the default)', () => {
  let started: Awaited<ReturnType<typeof startWith>>;
  beforeAll(async () => {
    started = await startWith({});
  });
  afterAll(() => started.close());

  it.each([
    ['a hash alone', { extensions: persisted(hashOf(QUERY)) }],
    ['a hash with its query', { query: QUERY, extensions: persisted(hashOf(QUERY)) }],
    ['a hash that is not the query\u2019s', { query: QUERY, extensions: persisted('0'.repeat(64)) }],
    ['a garbage hash', { extensions: persisted('not-a-hash') }],
  ])('answers %s with PERSISTED_QUERY_NOT_SUPPORTED, runs nothing and logs nothing', async (_name, payload) => {
    const answer = await postJson(started.server, payload);
    expectRefusal(answer, 200, 'PERSISTED_QUERY_NOT_SUPPORTED');
    expect(answer.json.data).toBeUndefined();
    expect(logged).toEqual([]);
  });

  it('still answers plain queries', async () => {
    const answer = await postJson(started.server, { query: QUERY });
    expect([answer.status, answer.json.data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
  });
});

describe('persisted queries on (CROSSWALK_PERSISTED_QUERIES=on)', () => {
  let started: Awaited<ReturnType<typeof startWith>>;
  beforeAll(async () => {
    started = await startWith({ CROSSWALK_PERSISTED_QUERIES: 'on' });
  });
  afterAll(() => started.close());

  it.each([
    ['an unknown hash', 200, { extensions: persisted(hashOf('{ viewer { name } }')) }],
    ['a garbage hash', 200, { extensions: persisted('not-a-hash') }],
    ['a hash that is not the query\u2019s', 400, { query: QUERY, extensions: persisted('0'.repeat(64)) }],
  ])('answers %s with PERSISTED_QUERY_NOT_FOUND (status %i) and logs nothing', async (_name, status, payload) => {
    const answer = await postJson(started.server, payload);
    expectRefusal(answer, status, 'PERSISTED_QUERY_NOT_FOUND');
    expect(answer.json.data).toBeUndefined();
    expect(logged).toEqual([]);
  });

  it('answers an unknown protocol version with BAD_REQUEST (400) and logs nothing', async () => {
    const answer = await postJson(started.server, { query: QUERY, extensions: persisted(hashOf(QUERY), 2) });
    expectRefusal(answer, 400, 'BAD_REQUEST');
    expect(answer.json.errors[0].message).toBe('extensions.persistedQuery.version must be 1');
    expect(logged).toEqual([]);
  });

  it('registers a query sent with its hash, then runs it from the hash alone', async () => {
    const query = '{ viewer { name role } }';
    const first = await postJson(started.server, { extensions: persisted(hashOf(query)) });
    expectRefusal(first, 200, 'PERSISTED_QUERY_NOT_FOUND');
    const registered = await postJson(started.server, { query, extensions: persisted(hashOf(query)) });
    expect([registered.status, registered.json.data?.viewer.role]).toEqual([200, 'ADMIN']);
    const fromHash = await postJson(started.server, { extensions: persisted(hashOf(query)) });
    expect([fromHash.status, fromHash.json]).toEqual([200, registered.json]);
    expectJsonWithoutLeaks(fromHash);
    expect(logged).toEqual([]);
  });
});
