/**
 * Test harness: a real Crosswalk instance on a random port with a temporary data directory,
 * talked to over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startCrosswalk, type Instance, type StartOptions } from '../../src/server.js';

export interface TestServer {
  url: string;
  instance: Instance;
  dataDir: string;
  /** POSTs a GraphQL operation and returns the parsed body (throws on a non-JSON answer). */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<T>>;
  /** Like gql, but fails the test when the answer has top-level errors. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  status: number;
}

export interface TestServerOptions extends StartOptions {
  /** Built-in catalogs to seed: 'none' (default), 'all', or a comma list. */
  seed?: string;
  dataDir?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'crosswalk-test-'));
  const config = {
    ...loadConfig({ CROSSWALK_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }),
    seedCatalogs: options.seed ?? 'none',
  };
  const instance = await startCrosswalk(config, { log: () => {}, ...options });
  const url = `${instance.url}/graphql`;

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
    url: instance.url,
    instance,
    dataDir,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const body = await gql<T>(query, variables);
      if (body.errors?.length || !body.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      }
      return body.data;
    },
    async close() {
      await instance.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
