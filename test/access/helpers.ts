/** Shared by the access-control and audit-trail tests: raw HTTP, the CLI, the database behind the API. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../support/create-through-api.js';
import { compiledApp } from '../support/compiled-app.js';
import { openDirectDb, type DatabaseLocation, type DirectDb } from '../support/direct-db.js';
import type { GraphQLClient, TestServer } from '../support/server.js';

export { createAiSystem, createControl, ERRORS } from '../support/create-through-api.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const ENTRY_FIELDS = 'id seq at actorId actorName actorRole action targetIds before after requestId outcome prevHash hash';

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs a GraphQL operation with exactly this Authorization header (none when null). */
export async function post(
  server: TestServer,
  authorization: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<RawAnswer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export const bearer = (secret: string) => `Bearer ${secret}`;

/** Creates a token through the API; returns the payload (secret and token). */
export async function createToken(client: GraphQLClient, input: Record<string, unknown>) {
  const d = await client.data(
    `mutation($input: TokenCreateInput!) { tokenCreate(input: $input) { secret token { id name role prefix expiresAt lastUsedAt revokedAt } ${ERRORS} } }`,
    { input },
  );
  return d.tokenCreate;
}

/** Every audit entry matching the filter, in sequence order (pages through auditLog). */
export async function auditEntries(client: GraphQLClient, filter: Record<string, unknown> = {}): Promise<any[]> {
  const entries: any[] = [];
  let after: string | null = null;
  for (;;) {
    const d: any = await client.data(
      `query($filter: AuditFilter, $after: String) { auditLog(filter: $filter, first: 100, after: $after) {
        edges { cursor node { ${ENTRY_FIELDS} } } pageInfo { hasNextPage } } }`,
      { filter, after },
    );
    entries.push(...d.auditLog.edges.map((e: any) => e.node));
    if (!d.auditLog.pageInfo.hasNextPage) return entries;
    after = d.auditLog.edges.at(-1).cursor;
  }
}

export async function auditCount(client: GraphQLClient, filter: Record<string, unknown> = {}): Promise<number> {
  return (await client.data(`query($filter: AuditFilter) { auditLog(filter: $filter, first: 0) { totalCount } }`, { filter })).auditLog
    .totalCount;
}

export async function auditVerify(client: GraphQLClient) {
  return (await client.data(`{ auditVerify { intact firstBrokenSeq entries headHash } }`)).auditVerify;
}

/** A second connection to the instance's database (file or PostgreSQL), as an attacker with access to it has. */
export function openDatabaseFile(server: TestServer): Promise<DirectDb> {
  return openDirectDb(server);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the compiled CLI (`npm run cli -- …`, test/support/compiled-app.ts) on a data directory, or
 * on a test server's database (its data directory and, on PostgreSQL, its CROSSWALK_DATABASE_URL),
 * with `extraEnv` added to the environment.
 */
export async function runCli(target: string | DatabaseLocation, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const { NODE_OPTIONS: _ignored, CROSSWALK_ADMIN_TOKEN: _token, CROSSWALK_DATABASE_URL: _url, ...env } = process.env;
  const dataDir = typeof target === 'string' ? target : target.dataDir;
  const databaseUrl = typeof target === 'string' ? null : target.databaseUrl;
  if (databaseUrl) extraEnv = { CROSSWALK_DATABASE_URL: databaseUrl, ...extraEnv };
  const { cli } = await compiledApp();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: REPO_ROOT, env: { ...env, ...extraEnv, CROSSWALK_DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
