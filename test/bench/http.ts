/** HTTP side of the benchmark: the server child process, a GraphQL client, latency and load runs. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SERVER_ENTRY = fileURLToPath(new URL('./server.ts', import.meta.url));

export interface BenchServer {
  url: string;
  endpoint: string;
  pid: number;
  /** Current resident set size of the server process (bytes). */
  rss(): number;
  /** Peak resident set size so far (VmHWM, bytes). */
  peakRss(): number;
  /** The server main thread's process.memoryUsage() (asked over IPC). */
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Resident set size of a process in bytes (Linux /proc); 0 when it cannot be read (the process is gone). */
export function rssOf(pid: number): number {
  try {
    return procStatus(pid, 'VmRSS') || 0;
  } catch {
    return 0;
  }
}

/** `value` rounded to `digits` decimals, for reported figures. */
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Starts `startCrosswalk` on an existing data directory in a child process. `env` adds to its
 * environment (e.g. CROSSWALK_DATABASE_URL: on PostgreSQL the server listens before it has
 * checked the database, so the start then also waits for `/readyz` to answer 200).
 */
export async function startBenchServer(dataDir: string, adminToken: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const child: ChildProcess = fork(SERVER_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      CROSSWALK_DATA_DIR: dataDir,
      CROSSWALK_ADMIN_TOKEN: adminToken,
      CROSSWALK_SEED: 'none',
      // Throughput is measured with one token: no per-token request limit.
      CROSSWALK_RATE_LIMIT: '0',
      // No access line per request on the benchmark's terminal (the figures measure the API).
      CROSSWALK_LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench server exited with code ${code} before listening`)));
    child.once('error', reject);
  });
  if (env.CROSSWALK_DATABASE_URL) await waitReady(url);
  const pid = child.pid!;
  let gone = false;
  child.once('exit', () => {
    gone = true;
  });
  let exited: Promise<void> | undefined;
  let memoryAsked: Promise<NodeJS.MemoryUsage> | undefined;
  return {
    url,
    endpoint: `${url}/graphql`,
    pid,
    rss: () => procStatus(pid, 'VmRSS'),
    peakRss: () => procStatus(pid, 'VmHWM'),
    memory: () =>
      (memoryAsked ??= new Promise<NodeJS.MemoryUsage>((resolve) => {
        const answer = (message: unknown) => {
          if ((message as { memory?: NodeJS.MemoryUsage }).memory === undefined) return;
          child.off('message', answer);
          memoryAsked = undefined;
          resolve((message as { memory: NodeJS.MemoryUsage }).memory);
        };
        child.on('message', answer);
        child.send('memory');
      })),
    stop: () =>
      (exited ??= new Promise<void>((resolve) => {
        if (gone) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('stop');
      })),
  };
}

/** Polls `GET /readyz` until it answers 200 (at most two minutes). */
export async function waitReady(url: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > until) throw new Error(`${url}/readyz did not answer 200 within two minutes (last: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class GraphQLClient {
  constructor(
    readonly endpoint: string,
    readonly token: string,
  ) {}

  get headers(): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${this.token}` };
  }

  async raw<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T> & { status: number; text: string }> {
    const response = await fetch(this.endpoint, { method: 'POST', headers: this.headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    return { ...(JSON.parse(text) as GraphQLResponse<T>), status: response.status, text };
  }

  /**
   * GETs `path` (e.g. an export's downloadUrl) with the token and reads the body as it arrives,
   * without keeping it; returns the status and the bytes received.
   */
  async download(path: string): Promise<{ status: number; bytes: number }> {
    const response = await fetch(new URL(path, this.endpoint), { headers: { authorization: `Bearer ${this.token}` } });
    let bytes = 0;
    for await (const chunk of response.body ?? []) bytes += (chunk as Uint8Array).length;
    return { status: response.status, bytes };
  }

  /** Runs an operation; throws on HTTP or GraphQL errors. */
  async data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const body = await this.raw<T>(query, variables);
    if (body.status !== 200 || body.errors?.length || !body.data) {
      throw new Error(`GraphQL request failed (${body.status}): ${JSON.stringify(body.errors ?? body.text).slice(0, 500)}`);
    }
    return body.data;
  }
}

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

/** Times `count` sequential calls of `fn(i)` after `warmup` untimed ones; stops early past `budgetMs` (with ≥ 5 samples). */
export async function sequentialLatency(
  count: number,
  fn: (i: number) => Promise<unknown>,
  options: { warmup?: number; budgetMs?: number } = {},
): Promise<LatencyStats> {
  for (let i = 0; i < (options.warmup ?? 5); i++) await fn(-1 - i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    if (options.budgetMs !== undefined && samples.length >= 5 && performance.now() - started > options.budgetMs) break;
  }
  return stats(samples);
}

export interface LoadResult {
  /** Successful (2xx, expected body) requests per second. */
  rps: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  non2xx: number;
  errors: number;
  mismatches: number;
}

/** autocannon against one GraphQL operation; every answer must equal `expectBody`. */
export async function load(
  client: GraphQLClient,
  query: string,
  expectBody: string,
  options: { connections: number; durationS: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: client.endpoint,
    method: 'POST',
    headers: client.headers,
    body: JSON.stringify({ query }),
    connections: options.connections,
    duration: options.durationS,
    expectBody,
    timeout: 30,
  });
  const good = result['2xx'] - result.mismatches;
  return {
    rps: good / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    mismatches: result.mismatches,
  };
}
