/** Shared by the evidence-file tests: raw uploads and downloads, attaches, the file store (on either backend). */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { expect } from 'vitest';
import { REPO_ROOT } from './support/child-server.js';
import { ERRORS } from '../support/create-through-api.js';
import { compiledApp } from '../support/compiled-app.js';
import type { GraphQLClient, TestServer } from '../support/server.js';

export { createAiSystem, createControl, ERRORS } from '../support/create-through-api.js';

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
export const randomFile = (size: number) => randomBytes(size);

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  text: string;
}

export interface PutOptions {
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent one after another; without Content-Length (chunked) unless `contentLength` is given. */
  chunks?: Buffer[];
  contentLength?: number;
  /** Delay between chunks, ms. */
  pauseMs?: number;
}

/** PUT /v1/blobs with node:http, so tests control chunking and Content-Length. */
export function put(server: { url: string; token: string }, body: Buffer | null, options: PutOptions = {}): Promise<RawAnswer> {
  const chunks = options.chunks ?? (body ? [body] : []);
  const token = options.token === undefined ? server.token : options.token;
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...options.headers,
  };
  const length = options.contentLength ?? (options.chunks ? undefined : chunks.reduce((n, c) => n + c.length, 0));
  if (length !== undefined) headers['content-length'] = String(length);
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/v1/blobs`, { method: 'PUT', headers });
    request.on('response', (response) => collect(response).then(resolve, reject));
    request.on('error', reject);
    (async () => {
      for (const chunk of chunks) {
        if (request.destroyed) return;
        request.write(chunk);
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      request.end();
    })().catch(reject);
  });
}

/** GET (or HEAD) /v1/blobs/<path>; `aborted` when the connection closed before Content-Length bytes arrived. */
export function get(server: { url: string; token: string }, path: string, options: { token?: string | null; method?: string } = {}): Promise<RawAnswer & { bytes: Buffer; aborted: boolean }> {
  const token = options.token === undefined ? server.token : options.token;
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/v1/blobs/${path}`, {
      method: options.method ?? 'GET',
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('aborted', () => (aborted = true));
      response.on('error', () => (aborted = true));
      response.on('close', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let body: unknown = null;
        if (response.statusCode! >= 400 && String(response.headers['content-type']).startsWith('application/json')) body = JSON.parse(text);
        aborted ||= !response.complete;
        resolve({ status: response.statusCode!, headers: response.headers, body, text, bytes, aborted });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

async function collect(response: http.IncomingMessage): Promise<RawAnswer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.statusCode!, headers: response.headers, body, text };
}

/** Uploads and expects success. */
export async function upload(server: { url: string; token: string }, bytes: Buffer, token?: string): Promise<string> {
  const answer = await put(server, bytes, token === undefined ? {} : { token });
  expect([200, 201]).toContain(answer.status);
  expect(answer.body).toEqual({ sha256: sha256(bytes), size: bytes.length });
  return answer.body.sha256;
}

export { blobFile, corruptStoredFile, storedFiles, type FileStoreTarget, type StoredFiles } from './support/stored-files.js';

/**
 * The environment the CLI needs to work on a test server's database and files (`blobs gc`, …):
 * its data directory and, on PostgreSQL, its database URL.
 */
export function cliEnv(target: { dataDir: string; databaseUrl: string | null }): Record<string, string> {
  return { CROSSWALK_DATA_DIR: target.dataDir, ...(target.databaseUrl ? { CROSSWALK_DATABASE_URL: target.databaseUrl } : {}) };
}

export const EVIDENCE = `id kind title status sha256 sizeBytes mediaType filename collectedAt validUntil createdBy
  aiSystem { id } controls { edges { node { refId } } }
  integrity { sha256 status checkedAt checkedBy events { status source detail at actorId } }`;

export const ATTACH = `mutation($input: EvidenceAttachInput!) { evidenceAttach(input: $input) { created evidence { ${EVIDENCE} } ${ERRORS} } }`;
export const ATTACH_BULK = `mutation($input: EvidenceAttachBulkInput!) { evidenceAttachBulk(input: $input) {
  results { index created evidence { id sha256 } ${ERRORS} } createdCount replayedCount failedCount ${ERRORS} } }`;

export async function attach(client: GraphQLClient, input: Record<string, unknown>) {
  return (await client.data(ATTACH, { input })).evidenceAttach;
}

export async function evidenceNode(client: GraphQLClient, id: string) {
  return (await client.data(`query($id: ID!) { node(id: $id) { ... on Evidence { ${EVIDENCE} } } }`, { id })).node;
}

export async function evidenceCount(server: TestServer): Promise<number> {
  return (await server.data(`{ evidence(first: 0) { totalCount } }`)).evidence.totalCount;
}

export async function auditEntries(client: GraphQLClient, filter: Record<string, unknown>): Promise<any[]> {
  const d = await client.data(
    `query($filter: AuditFilter) { auditLog(filter: $filter, first: 100) { edges { node { action outcome actorId targetIds after } } } }`,
    { filter },
  );
  return d.auditLog.edges.map((e: any) => e.node);
}

/** Polls until `check` stops throwing (or the deadline passes, then throws its last error). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run cli -- …` (the compiled CLI, test/support/compiled-app.ts) as a child process (cwd, env and stdin under the test's control). */
export async function runCli(args: string[], env: Record<string, string>, cwd = REPO_ROOT): Promise<CliResult> {
  const { NODE_OPTIONS: _ignored, CROSSWALK_TOKEN: _t, CROSSWALK_URL: _u, ...base } = process.env;
  const { cli } = await compiledApp();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
