/**
 * Test harness: a real Crosswalk instance on a random port with a temporary data directory,
 * talked to over HTTP. Requests carry an ADMIN token unless a client for another role is used.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/actor.js';
import { startCrosswalk, type Instance, type StartOptions } from '../../src/server.js';
import { createLogger } from '../../src/ops/log.js';
import { copyTemplateDatabase } from './template-db.js';
import { createPostgresDatabase, type TestDatabase } from './postgres.js';

/**
 * CROSSWALK_TEST_BACKEND=postgres: test servers run on a database of their own on the run's
 * PostgreSQL server (test/support/postgres.ts) instead of a SQLite file; anything else: SQLite.
 */
export const testBackend = (): 'sqlite' | 'postgres' => (process.env.CROSSWALK_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite');

/** A query cost cap high enough for tests that count the statements of deliberately huge queries. */
export const UNCAPPED = Number.MAX_SAFE_INTEGER;

/**
 * Statements every request or every write repeats whatever it does: the token lookup and audit
 * entries, and on PostgreSQL the transaction's own BEGIN, write lock (pg-store.ts) and COMMIT or
 * ROLLBACK, which SQLite's store issues outside drizzle's log.
 */
const BOOKKEEPING = /"(api_tokens|audit_log)"|^\s*(begin|commit|rollback)\b|pg_(try_)?advisory_xact_lock/i;

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  status: number;
}

/** Sends GraphQL operations with one token. */
export interface GraphQLClient {
  /** The bearer secret this client sends. */
  token: string;
  /** POSTs an operation and returns the parsed body (throws on a non-JSON answer). */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<T>>;
  /** Like gql, but fails the test when the answer has top-level errors. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface TestServer extends GraphQLClient {
  url: string;
  instance: Instance;
  dataDir: string;
  /** The PostgreSQL database the server runs on (CROSSWALK_DATABASE_URL); null on SQLite (the file in dataDir). */
  databaseUrl: string | null;
  /** A client whose token has this role (created through tokenCreate by the ADMIN client). */
  as(role: Role, scope?: { aiSystemIds?: string[]; controlIds?: string[] }): Promise<GraphQLClient>;
  /** A client sending this exact Authorization token. */
  withToken(token: string): GraphQLClient;
  close(): Promise<void>;
}

export interface TestServerOptions extends StartOptions {
  /** Built-in catalogs to seed: 'none' (default), 'all', or a comma list. */
  seed?: string;
  dataDir?: string;
  /** Extra environment for loadConfig (e.g. CROSSWALK_CORS_ORIGINS). */
  env?: Record<string, string>;
  /** The ADMIN token (CROSSWALK_ADMIN_TOKEN); a new random one when absent. */
  adminToken?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'crosswalk-test-'));
  const adminToken = options.adminToken ?? `test-admin-${randomBytes(24).toString('hex')}`;
  // A database of its own on the run's PostgreSQL server (unless the test names one).
  const database: TestDatabase | null = testBackend() === 'postgres' && !options.env?.CROSSWALK_DATABASE_URL ? await createPostgresDatabase() : null;
  const config = {
    ...loadConfig({
      ...options.env,
      ...(database ? { CROSSWALK_DATABASE_URL: database.url } : {}),
      CROSSWALK_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      CROSSWALK_ADMIN_TOKEN: adminToken,
    }),
    seedCatalogs: options.seed ?? 'none',
  };
  // A copy of the migrated (and seeded) template instead of migrating and seeding a new file.
  if (config.databaseUrl === null) await copyTemplateDatabase(config.databaseFile, config.seedCatalogs);
  const onQuery = options.store?.onQuery;
  const instance = await startCrosswalk(config, {
    log: () => {},
    // Quiet, and no background passes of the metrics gauges (statement and cache counts stay the
    // request's own); tests of logs and metrics pass their own.
    logger: createLogger({ level: 'silent' }),
    figuresIntervalMs: null,
    // PostgreSQL: no background patches of the coverage cache on NOTIFY (tests count rebuilds).
    changeNotifications: false,
    ...options,
    // Per-request bookkeeping (BOOKKEEPING) is the same for every request; statement counts in
    // tests are about the query's own work.
    store: onQuery ? { ...options.store, onQuery: (sql, params) => BOOKKEEPING.test(sql) || onQuery(sql, params) } : options.store,
  }).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  const endpoint = `${instance.url}/graphql`;

  const client = (token: string): GraphQLClient => {
    async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<T>> {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      try {
        return { ...(JSON.parse(text) as object), status: response.status } as GraphQLBody<T>;
      } catch {
        throw new Error(`non-JSON answer (${response.status}): ${text.slice(0, 300)}`);
      }
    }
    return {
      token,
      gql,
      async data<T>(query: string, variables?: Record<string, unknown>) {
        const body = await gql<T>(query, variables);
        if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
        return body.data;
      },
    };
  };
  const admin = client(adminToken);
  // Token names are unique among live tokens: the second VIEWER client is `test-viewer-2`.
  const tokensPerRole = new Map<Role, number>();

  return {
    ...admin,
    url: instance.url,
    instance,
    dataDir,
    databaseUrl: config.databaseUrl,
    withToken: client,
    async as(role, scope) {
      const n = (tokensPerRole.get(role) ?? 0) + 1;
      tokensPerRole.set(role, n);
      const d = await admin.data(
        `mutation($input: TokenCreateInput!) { tokenCreate(input: $input) { secret userErrors { code message } } }`,
        { input: { name: `test-${role.toLowerCase()}${n > 1 ? `-${n}` : ''}`, role, ...scope } },
      );
      if (!d.tokenCreate.secret) throw new Error(`tokenCreate failed: ${JSON.stringify(d.tokenCreate.userErrors)}`);
      return client(d.tokenCreate.secret);
    },
    async close() {
      await instance.stop();
      await database?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
