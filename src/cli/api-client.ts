/**
 * A small client of a running Crosswalk server, for commands that work over HTTP (like
 * `evidence upload`) rather than on the database: GraphQL calls and streamed file uploads.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { CliError, UsageError } from './shared.js';
import { unreachableMessage, type ServerAddress } from './invocation.js';

export interface ApiClientOptions {
  /** Server base URL, e.g. http://127.0.0.1:4000 (a trailing /graphql is ignored), and where it came from. */
  address: ServerAddress;
  token: string;
}

export interface UploadAnswer {
  sha256: string;
  size: number;
  created: boolean;
}

/** An HTTP error answer of the server (`{"error": {code, message}}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ApiClient {
  readonly base: URL;

  constructor(private readonly options: ApiClientOptions) {
    const { url, source } = options.address;
    let base: URL;
    try {
      base = new URL(url.replace(/\/graphql\/?$/, '').replace(/\/?$/, '/'));
    } catch {
      throw new UsageError(`${source} "${url}" is not a URL; use e.g. http://127.0.0.1:4000`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UsageError(`${source} must be an http or https URL; got ${base.protocol}`);
    this.base = base;
  }

  /** Runs a GraphQL operation; top-level errors become an exception. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL('graphql', this.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new CliError(unreachableMessage(this.options.address, this.base.origin, describeNetworkError(error)));
    }
    const text = await response.text();
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[]; error?: { code: string; message: string } };
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(`the server answered ${response.status} without JSON: ${text.slice(0, 200)}`);
    }
    if (body.error) throw new ApiError(response.status, body.error.code, body.error.message);
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      throw new ApiError(response.status, first?.extensions?.code ?? 'GRAPHQL_ERROR', first?.message ?? `no data (HTTP ${response.status})`);
    }
    return body.data;
  }

  /**
   * Streams the file to `PUT /v1/blobs` with its SHA-256 in X-Content-SHA256 (the server
   * refuses the upload when the bytes it receives hash differently).
   */
  async upload(path: string, sha256: string): Promise<UploadAnswer> {
    const { size } = await stat(path);
    const url = new URL('v1/blobs', this.base);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<UploadAnswer>((resolve, reject) => {
      const request = transport.request(url, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(size),
          'x-content-sha256': sha256,
        },
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: { sha256?: string; size?: number; error?: { code: string; message: string } } = {};
          try {
            body = JSON.parse(text);
          } catch {
            // handled below
          }
          const status = response.statusCode ?? 0;
          if ((status === 200 || status === 201) && body.sha256) {
            resolve({ sha256: body.sha256, size: body.size ?? size, created: status === 201 });
          } else {
            reject(new ApiError(status, body.error?.code ?? 'HTTP_ERROR', body.error?.message ?? `HTTP ${status}: ${text.slice(0, 200)}`));
          }
        });
      });
      request.on('error', (error) => reject(new ApiError(0, 'NETWORK_ERROR', describeNetworkError(error))));
      const file = createReadStream(path);
      file.on('error', (error) => {
        request.destroy();
        reject(error);
      });
      file.pipe(request);
    });
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
