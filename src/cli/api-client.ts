/**
 * A small client of a running Crosswalk server, for commands that work over HTTP (like
 * `evidence upload`) rather than on the database: GraphQL calls and streamed file uploads.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
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

/** The server's HTTP error body. */
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
/** A GraphQL response (its `data` is checked by each call's own schema). */
const GraphQLResponse = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});
/** `PUT /v1/blobs` on success. */
const UploadBody = z.object({ sha256: z.string(), size: z.number() });

/** The JSON value of `text`, or undefined when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
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

  /**
   * Runs a GraphQL operation; top-level errors become an exception. `data` is checked against
   * the operation's schema: an answer of another shape is a clear error, never a crash later.
   */
  async graphql<T>(query: string, variables: Record<string, unknown>, data: z.ZodType<T>): Promise<T> {
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
    const body = parseJson(text);
    if (body === undefined) throw new CliError(`the server answered ${response.status} without JSON: ${text.slice(0, 200)}`);
    const refusal = ErrorBody.safeParse(body);
    if (refusal.success) throw new ApiError(response.status, refusal.data.error.code, refusal.data.error.message);
    const answer = GraphQLResponse.safeParse(body);
    if (!answer.success) throw new CliError(`the server answered ${response.status} with JSON that is not a GraphQL response: ${text.slice(0, 200)}`);
    const { errors, data: value } = answer.data;
    if (errors?.length || value == null) {
      const first = errors?.[0];
      throw new ApiError(response.status, first?.extensions?.code ?? 'GRAPHQL_ERROR', first?.message ?? `no data (HTTP ${response.status})`);
    }
    const checked = data.safeParse(value);
    if (!checked.success) throw new CliError(`the server's answer has an unexpected shape (is it a Crosswalk server of this version?): ${z.prettifyError(checked.error)}`);
    return checked.data;
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
          const body = parseJson(text);
          const status = response.statusCode ?? 0;
          const stored = UploadBody.safeParse(body);
          if ((status === 200 || status === 201) && stored.success) {
            resolve({ ...stored.data, created: status === 201 });
            return;
          }
          const refusal = ErrorBody.safeParse(body);
          reject(
            refusal.success
              ? new ApiError(status, refusal.data.error.code, refusal.data.error.message)
              : new ApiError(status, 'HTTP_ERROR', `HTTP ${status}: ${text.slice(0, 200)}`),
          );
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
