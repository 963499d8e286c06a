/**
 * `npm run loadtest`: mixed read/write load against a fresh server on 127.0.0.1, then checks
 * that nothing acknowledged was lost. Not a vitest test; not run by `npm test` or CI.
 *
 *   npm run loadtest                           60 s, 50 connections, all built-in catalogs
 *   npm run loadtest -- --duration 10          a shorter run
 *   options: --connections N (default 50), --seed all|<catalog,list> (default all),
 *            --kinds <kind,list> (only these kinds of request, e.g. controls,controlCreate),
 *            --keep (keep the temporary data directory and print its path)
 *
 * 1. Starts Crosswalk in a child process (test/load/server.ts) on a temporary data directory
 *    seeded with the built-in catalogs and an ADMIN token; creates EDITOR, CONTRIBUTOR and
 *    REVIEWER tokens, 100 controls to map and 50 evidence items to review.
 * 2. Runs autocannon for the duration; every connection sends a fixed cycle of 100 requests,
 *    70 reads (frameworks, requirements with mappings, controls with evidence, coverage, node
 *    lookups) and 30 writes (controlCreate with unique refIds, mappingCreate of unique pairs,
 *    evidenceCreate, evidenceReview, controlStatusSet), each with its role's token. Every body
 *    is built per request (setupRequest, so writes are unique) and every answer is parsed and
 *    timed per kind (onResponse).
 * 3. Verifies: every write answered 2xx without errors or userErrors is in the database
 *    (controls and evidence by their unique refId/title prefix, mappings by id, reviews by
 *    count), the audit trail verifies intact, and each acknowledged write has a SUCCESS audit
 *    entry with its request id (X-Request-Id) and action, naming the object it created.
 *
 * Prints per kind: requests, 2xx, non-2xx, GraphQL errors, userErrors, p50/p99 latency and
 * throughput; overall: connection errors and timeouts. Exits 1 on any unexpected outcome (non-2xx,
 * connection error or timeout, GraphQL error, INTERNAL_SERVER_ERROR, a server error log line,
 * a lost write, a missing audit entry, a broken audit chain); 2 when the run itself fails.
 * Bounded: autocannon stops after the duration, and a watchdog ends the process after
 * duration + 5 minutes whatever happens.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../src/config.js';
import { exitOnStartupFailure } from '../../src/startup-failure.js';

// ---------------------------------------------------------------------------------------------
// autocannon (the package ships no types; only what this script uses).

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: CannonRequest[];
}
interface CannonHistogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
}
interface CannonResult {
  duration: number;
  latency: CannonHistogram;
  requests: CannonHistogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

// ---------------------------------------------------------------------------------------------
// Options.

/** The options; a bad or unknown one is one line with exit code 2 (no stack trace). */
function readArguments() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '50' },
      seed: { type: 'string', default: 'all' },
      keep: { type: 'boolean', default: false },
      kinds: { type: 'string' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!Number.isFinite(duration) || duration < 1 || duration > 3_600) {
    throw new ConfigError(`--duration "${values.duration}": give a number of seconds from 1 to 3600, e.g. --duration 60`);
  }
  if (!Number.isInteger(connections) || connections < 10 || connections > 1_000) {
    throw new ConfigError(`--connections "${values.connections}": give a whole number from 10 to 1000, e.g. --connections 50`);
  }
  return { argv: values, duration, connections };
}
let parsed: ReturnType<typeof readArguments>;
try {
  parsed = readArguments();
} catch (error) {
  exitOnStartupFailure(error, 'loadtest');
}
const { argv } = parsed;
const DURATION_S = parsed.duration;
const CONNECTIONS = parsed.connections;
const RUN = randomBytes(3).toString('hex').toUpperCase();
const PREFIX = `LOAD-${RUN}`;

const watchdog = setTimeout(() => {
  console.error(`loadtest: still running ${DURATION_S + 300} s after the start; giving up`);
  process.exit(2);
}, (DURATION_S + 300) * 1_000);
watchdog.unref();

// ---------------------------------------------------------------------------------------------
// The server, in a child process.

const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url));

interface Server {
  url: string;
  child: ChildProcess;
  /** Lines the server wrote to stderr (unexpected errors are logged there). */
  stderr: string[];
  stop(): Promise<void>;
}

async function startServer(dataDir: string, adminToken: string): Promise<Server> {
  const child = fork(SERVER_SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOADTEST_DATA_DIR: dataDir, LOADTEST_ADMIN_TOKEN: adminToken, LOADTEST_SEED: argv.seed },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) stderr.push(line);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${stderr.join('\n')}`)));
    child.on('message', (message: { url?: string }) => {
      if (message?.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
  });
  return {
    url,
    child,
    stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.send('stop');
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// GraphQL over fetch, for setup and verification.

async function gql<T = any>(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (response.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors ?? body).slice(0, 1_000)}\n${query}`);
  }
  return body.data;
}

/** Every node of a connection, page by page (at most `maxPages` pages of 100). */
async function allPages<T>(url: string, token: string, field: string, args: string, selection: string, variables: Record<string, unknown> = {}, maxPages = 1_000): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  const declared = Object.keys(variables).map((name) => `, $${name}: ${typeof variables[name] === 'string' ? 'String' : 'ID'}`).join('');
  for (let page = 0; page < maxPages; page++) {
    const d: any = await gql(url, token, `query($after: String${declared}) { ${field}(first: 100, after: $after${args}) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`, { ...variables, after });
    items.push(...d[field].edges.map((e: { node: T }) => e.node));
    if (!d[field].pageInfo.hasNextPage) return items;
    after = d[field].pageInfo.endCursor;
  }
  throw new Error(`${field}: more than ${maxPages} pages`);
}

// ---------------------------------------------------------------------------------------------
// Kinds of request.

interface Tally {
  requests: number;
  /** Milliseconds from sending to the complete answer, per answer. */
  latencies: number[];
  statuses: Record<string, number>;
  /** Answers that were not JSON. */
  malformed: number;
  graphqlErrors: number;
  internalErrors: number;
  userErrors: number;
  examples: string[];
}

interface Acknowledged {
  kind: string;
  action: string;
  requestId: string;
  /** Global id of the object the write created or changed. */
  id: string | null;
  /** Unique key (refId or title) of a created object. */
  key: string | null;
}

interface Kind {
  name: string;
  write: boolean;
  /** Share of the connections. */
  share: number;
  token: string;
  body(n: number): { query: string; variables?: Record<string, unknown> };
  /** For writes: the mutation field; the acknowledged object is read from data[action]. */
  action?: string;
  result?: string;
  key?: (payload: any) => string | null;
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;
const STATUSES = ['NOT_IMPLEMENTED', 'PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE'];

interface Pools {
  frameworkIds: string[];
  requirementIds: string[];
  readControlIds: string[];
  loadControlIds: string[];
  evidenceIds: string[];
  tokens: { EDITOR: string; CONTRIBUTOR: string; REVIEWER: string; ADMIN: string };
  coverageQuery: string;
}

function kinds(p: Pools): Kind[] {
  const R = p.requirementIds.length;
  return [
    // Reads (70%).
    {
      name: 'frameworks',
      write: false,
      share: 0.14,
      token: p.tokens.REVIEWER,
      body: () => ({ query: '{ frameworks(first: 50) { totalCount edges { node { id refId name kind version } } } }' }),
    },
    {
      name: 'requirements',
      write: false,
      share: 0.14,
      token: p.tokens.CONTRIBUTOR,
      body: (n) => ({
        query: `query($f: ID!) { requirements(first: 50, filter: { frameworkId: $f }) { totalCount edges { node { refId title parent { refId } mappings(first: 5) { edges { node { relationship control { refId implementationStatus } } } } } } } }`,
        variables: { f: pick(p.frameworkIds, n) },
      }),
    },
    {
      name: 'controls',
      write: false,
      share: 0.14,
      token: p.tokens.EDITOR,
      body: () => ({
        query: `{ controls(first: 50) { totalCount edges { node { refId title implementationStatus evidence(first: 5) { totalCount edges { node { status } } } mappings(first: 5) { totalCount } } } } }`,
      }),
    },
    {
      name: 'coverage',
      write: false,
      share: 0.14,
      token: p.tokens.REVIEWER,
      body: () => ({ query: p.coverageQuery }),
    },
    {
      name: 'node',
      write: false,
      share: 0.14,
      token: p.tokens.CONTRIBUTOR,
      body: (n) => ({
        query: `query($id: ID!) { node(id: $id) { id ... on Control { refId mappings(first: 10) { edges { node { requirement { refId framework { refId } } } } } } } }`,
        variables: { id: pick(p.readControlIds, n) },
      }),
    },
    // Writes (30%).
    {
      name: 'controlCreate',
      write: true,
      share: 0.08,
      token: p.tokens.EDITOR,
      action: 'controlCreate',
      result: 'control',
      key: (payload) => payload.control?.refId ?? null,
      body: (n) => ({
        query: `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id refId } userErrors { code message } } }`,
        variables: { input: { refId: `${PREFIX}-C-${n}`, title: `Load control ${n}`, type: 'DETECTIVE', domain: 'Load' } },
      }),
    },
    {
      name: 'mappingCreate',
      write: true,
      share: 0.07,
      token: p.tokens.EDITOR,
      action: 'mappingCreate',
      result: 'mapping',
      key: (payload) => payload.mapping?.id ?? null,
      // The n-th pair: every (requirement, load control) pair at most once.
      body: (n) => ({
        query: `mutation($input: MappingCreateInput!) { mappingCreate(input: $input) { mapping { id } userErrors { code message } } }`,
        variables: {
          input: { requirementId: p.requirementIds[n % R], controlId: pick(p.loadControlIds, Math.floor(n / R)), relationship: 'INTERSECTS_WITH', strength: 1 + (n % 10), rationale: `${PREFIX} mapping ${n}` },
        },
      }),
    },
    {
      name: 'evidenceCreate',
      write: true,
      share: 0.07,
      token: p.tokens.CONTRIBUTOR,
      action: 'evidenceCreate',
      result: 'evidence',
      key: (payload) => payload.evidence?.title ?? null,
      body: (n) => ({
        query: `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id title } userErrors { code message } } }`,
        variables: { input: { kind: 'LINK', title: `${PREFIX}-E-${n}`, url: `https://example.com/load/${RUN}/${n}`, controlIds: [pick(p.loadControlIds, n)] } },
      }),
    },
    {
      name: 'evidenceReview',
      write: true,
      share: 0.04,
      token: p.tokens.REVIEWER,
      action: 'evidenceReview',
      result: 'evidence',
      key: () => null,
      body: (n) => ({
        query: `mutation($input: EvidenceReviewInput!) { evidenceReview(input: $input) { evidence { id status } userErrors { code message } } }`,
        variables: { input: { evidenceId: pick(p.evidenceIds, n), decision: n % 3 === 0 ? 'REJECTED' : 'ACCEPTED', comment: `${PREFIX} review ${n}` } },
      }),
    },
    {
      name: 'controlStatusSet',
      write: true,
      share: 0.04,
      token: p.tokens.EDITOR,
      action: 'controlStatusSet',
      result: 'control',
      key: () => null,
      body: (n) => ({
        query: `mutation($input: ControlStatusSetInput!) { controlStatusSet(input: $input) { control { id implementationStatus } userErrors { code message } } }`,
        variables: { input: { controlId: pick(p.loadControlIds, n * 7), status: pick(STATUSES, n), comment: `${PREFIX} status ${n}` } },
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Setup.

async function setup(url: string, adminToken: string): Promise<Pools> {
  const tokens = { ADMIN: adminToken } as Pools['tokens'];
  for (const role of ['EDITOR', 'CONTRIBUTOR', 'REVIEWER'] as const) {
    const d = await gql(url, adminToken, `mutation($input: TokenCreateInput!) { tokenCreate(input: $input) { secret userErrors { message } } }`, { input: { name: `loadtest-${role.toLowerCase()}`, role } });
    if (!d.tokenCreate.secret) throw new Error(`tokenCreate ${role}: ${JSON.stringify(d.tokenCreate.userErrors)}`);
    tokens[role] = d.tokenCreate.secret;
  }
  const frameworks = await allPages<{ id: string; kind: string }>(url, adminToken, 'frameworks', '', 'id kind');
  const frameworkIds = frameworks.filter((f) => f.kind !== 'THREAT_CATALOG').map((f) => f.id);
  if (frameworkIds.length === 0) throw new Error('no frameworks: seed some catalogs (--seed)');
  const requirementIds: string[] = [];
  for (const f of frameworkIds) {
    const d = await gql(url, adminToken, `query($f: ID!) { requirements(first: 100, filter: { frameworkId: $f }) { edges { node { id } } } }`, { f });
    requirementIds.push(...d.requirements.edges.map((e: any) => e.node.id));
  }
  const readControlIds = (await gql(url, adminToken, `{ controls(first: 100) { edges { node { id } } } }`)).controls.edges.map((e: any) => e.node.id);

  const loadControlIds: string[] = [];
  for (let i = 0; i < 100; i++) {
    const d = await gql(url, tokens.EDITOR, `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id } userErrors { message } } }`, {
      input: { refId: `${PREFIX}-BASE-${i}`, title: `Load target ${i}`, type: 'PREVENTIVE', domain: 'Load' },
    });
    loadControlIds.push(d.controlCreate.control.id);
  }
  const evidenceIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const d = await gql(url, tokens.CONTRIBUTOR, `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } userErrors { message } } }`, {
      input: { kind: 'ATTESTATION', title: `${PREFIX}-POOL-${i}`, description: 'to be reviewed under load', controlIds: [loadControlIds[i]] },
    });
    evidenceIds.push(d.evidenceCreate.evidence.id);
  }

  // The coverage read: the per-framework summary when the schema has it, else a requirement tree.
  let coverageQuery = '{ coverage { totals { total covered partial uncovered } frameworks { framework { refId } total covered partial uncovered notApplicable coverageRatio } } }';
  try {
    await gql(url, tokens.REVIEWER, coverageQuery);
  } catch {
    coverageQuery = `{ frameworks(first: 5) { edges { node { refId requirements(first: 20, topLevelOnly: true) { totalCount edges { node { refId children(first: 5) { edges { node { refId mappings(first: 3) { totalCount } } } } } } } } } } }`;
  }
  return { frameworkIds, requirementIds, readControlIds, loadControlIds, evidenceIds, tokens, coverageQuery };
}

// ---------------------------------------------------------------------------------------------
// The run.

function newTally(): Tally {
  return { requests: 0, statuses: {}, malformed: 0, graphqlErrors: 0, internalErrors: 0, userErrors: 0, examples: [], latencies: [] };
}

/**
 * A cycle of 100 slots in which each kind appears in proportion to its share, spread out
 * (smooth weighted round robin), so every connection sends the mix.
 */
function schedule(list: Kind[]): Kind[] {
  const current = list.map(() => 0);
  const total = list.reduce((sum, k) => sum + k.share, 0);
  const slots: Kind[] = [];
  for (let slot = 0; slot < 100; slot++) {
    list.forEach((k, i) => (current[i]! += k.share));
    let best = 0;
    for (let i = 1; i < list.length; i++) if (current[i]! > current[best]!) best = i;
    current[best]! -= total;
    slots.push(list[best]!);
  }
  return slots;
}

/** One autocannon instance: every request picks the next kind of the cycle and a unique body. */
async function runLoad(url: string, list: Kind[], acknowledged: Acknowledged[]) {
  const tallies = new Map(list.map((k) => [k.name, newTally()]));
  const cycle = schedule(list);
  const serials = new Map(list.map((k) => [k.name, 0]));
  let slot = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (request, context) => {
          const kind = cycle[slot++ % cycle.length]!;
          const n = serials.get(kind.name)!;
          serials.set(kind.name, n + 1);
          // Pipelining is 1: the context of a connection belongs to its one request in flight.
          context.kind = kind;
          context.sent = performance.now();
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${kind.token}` },
            body: JSON.stringify(kind.body(n)),
          };
        },
        onResponse: (status, body, context, headers) => {
          const kind = context.kind as Kind;
          const tally = tallies.get(kind.name)!;
          tally.latencies.push(performance.now() - (context.sent as number));
          tally.requests++;
          tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
          let json: any;
          try {
            json = JSON.parse(body);
          } catch {
            tally.malformed++;
            if (tally.examples.length < 3) tally.examples.push(`${status} non-JSON: ${body.slice(0, 200)}`);
            return;
          }
          const errors: any[] = json.errors ?? [];
          if (errors.length) {
            tally.graphqlErrors++;
            if (errors.some((e) => e?.extensions?.code === 'INTERNAL_SERVER_ERROR')) tally.internalErrors++;
            if (tally.examples.length < 3) tally.examples.push(`${status} ${JSON.stringify(errors).slice(0, 300)}`);
          }
          if (!kind.write || status < 200 || status > 299 || errors.length) return;
          const payload = json.data?.[kind.action!];
          if (!payload) return;
          if (payload.userErrors?.length) {
            tally.userErrors++;
            if (tally.examples.length < 3) tally.examples.push(`userErrors ${JSON.stringify(payload.userErrors).slice(0, 300)}`);
            return;
          }
          const requestId = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-request-id')?.[1];
          acknowledged.push({
            kind: kind.name,
            action: kind.action!,
            requestId: Array.isArray(requestId) ? requestId[0]! : (requestId ?? ''),
            id: payload[kind.result!]?.id ?? null,
            key: kind.key!(payload),
          });
        },
      },
    ],
  });
  return { result, tallies };
}

/** The q-quantile (0..1) of a list of numbers, by the nearest-rank method; NaN when empty. */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------------------------------------
// Verification.

interface Verification {
  lines: string[];
  problems: string[];
}

async function verify(url: string, pools: Pools, acknowledged: Acknowledged[], auditStart: number): Promise<Verification> {
  const admin = pools.tokens.ADMIN;
  const lines: string[] = [];
  const problems: string[] = [];
  const of = (kind: string) => acknowledged.filter((a) => a.kind === kind);

  // Controls and evidence, found by their unique prefix.
  const controls = new Set((await allPages<{ refId: string }>(url, admin, 'controls', ', filter: { search: $s }', 'refId', { s: `${PREFIX}-C-` })).map((c) => c.refId));
  const lostControls = of('controlCreate').filter((a) => !controls.has(a.key!));
  lines.push(`controlCreate: ${of('controlCreate').length} acknowledged, ${controls.size} present, ${lostControls.length} lost`);
  if (lostControls.length) problems.push(`lost controls: ${lostControls.slice(0, 5).map((a) => a.key).join(', ')}`);

  const evidence = new Set((await allPages<{ title: string }>(url, admin, 'evidence', ', filter: { search: $s }', 'title', { s: `${PREFIX}-E-` })).map((e) => e.title));
  const lostEvidence = of('evidenceCreate').filter((a) => !evidence.has(a.key!));
  lines.push(`evidenceCreate: ${of('evidenceCreate').length} acknowledged, ${evidence.size} present, ${lostEvidence.length} lost`);
  if (lostEvidence.length) problems.push(`lost evidence: ${lostEvidence.slice(0, 5).map((a) => a.key).join(', ')}`);

  // Mappings by id.
  const mappingIds = of('mappingCreate').map((a) => a.id!);
  let missingMappings = 0;
  for (let i = 0; i < mappingIds.length; i += 100) {
    const d = await gql(url, admin, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: mappingIds.slice(i, i + 100) });
    missingMappings += d.nodes.filter((n: unknown) => n === null).length;
  }
  lines.push(`mappingCreate: ${mappingIds.length} acknowledged, ${mappingIds.length - missingMappings} present, ${missingMappings} lost`);
  if (missingMappings) problems.push(`${missingMappings} acknowledged mappings are missing`);

  // Reviews: the pool's review count covers every acknowledged review.
  const pool = await allPages<{ reviews: unknown[] }>(url, admin, 'evidence', ', filter: { search: $s }', 'reviews { id }', { s: `${PREFIX}-POOL-` });
  const reviews = pool.reduce((sum, e) => sum + e.reviews.length, 0);
  lines.push(`evidenceReview: ${of('evidenceReview').length} acknowledged, ${reviews} reviews recorded`);
  if (reviews < of('evidenceReview').length) problems.push(`only ${reviews} reviews recorded for ${of('evidenceReview').length} acknowledged`);
  lines.push(`controlStatusSet: ${of('controlStatusSet').length} acknowledged`);

  // The audit trail: intact, and a SUCCESS entry per acknowledged write (by request id).
  const verification = (await gql(url, admin, '{ auditVerify { intact firstBrokenSeq entries } }')).auditVerify;
  if (!verification.intact) problems.push(`audit trail broken at seq ${verification.firstBrokenSeq}`);
  const actions = [...new Set(acknowledged.map((a) => a.action))];
  const entries = actions.length
    ? await allPages<{ seq: number; action: string; requestId: string | null; targetIds: string[] }>(
        url,
        admin,
        'auditLog',
        `, filter: { actions: ${JSON.stringify(actions)}, outcomes: [SUCCESS] }`,
        'seq action requestId targetIds',
      )
    : [];
  const byRequest = new Map(entries.filter((e) => e.seq > auditStart && e.requestId).map((e) => [e.requestId!, e]));
  const missing = acknowledged.filter((a) => {
    const entry = byRequest.get(a.requestId);
    return !entry || entry.action !== a.action || (a.id !== null && !entry.targetIds.includes(a.id));
  });
  lines.push(
    `audit trail: ${verification.intact ? 'intact' : 'BROKEN'}, ${verification.entries} entries; ${acknowledged.length - missing.length} of ${acknowledged.length} acknowledged writes have their SUCCESS entry`,
  );
  if (missing.length) problems.push(`${missing.length} acknowledged writes without their audit entry, e.g. ${JSON.stringify(missing.slice(0, 3))}`);
  return { lines, problems };
}

// ---------------------------------------------------------------------------------------------
// Main.

const pad = (value: string | number, width: number) => String(value).padStart(width);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '—');

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'crosswalk-load-'));
  const adminToken = `load-admin-${randomBytes(24).toString('hex')}`;
  const startedSeeding = Date.now();
  const server = await startServer(dataDir, adminToken);
  try {
    const seedSeconds = (Date.now() - startedSeeding) / 1_000;
    const pools = await setup(server.url, adminToken);
    const wanted = argv.kinds?.split(',').map((k) => k.trim());
    const list = kinds(pools).filter((k) => !wanted || wanted.includes(k.name));
    if (list.length === 0) throw new Error(`--kinds: none of ${argv.kinds}; known: ${kinds(pools).map((k) => k.name).join(', ')}`);
    const shareSum = list.reduce((sum, k) => sum + k.share, 0);
    for (const k of list) k.share /= shareSum;
    const auditStart = (await gql(server.url, adminToken, '{ auditLog(first: 0) { totalCount } }')).auditLog.totalCount as number;
    const counts = await gql(server.url, adminToken, '{ requirements(first: 0) { totalCount } controls(first: 0) { totalCount } frameworks(first: 0) { totalCount } }');

    console.log(
      `Load test ${RUN}: ${DURATION_S} s, ${CONNECTIONS} connections to ${server.url} (catalogs "${argv.seed}": ` +
        `${counts.frameworks.totalCount} frameworks, ${counts.requirements.totalCount} requirements, ${counts.controls.totalCount} controls; started in ${seedSeconds.toFixed(1)} s)`,
    );
    const acknowledged: Acknowledged[] = [];
    const { result, tallies } = await runLoad(server.url, list, acknowledged);
    const seconds = result.duration;

    const header = `${'kind'.padEnd(18)}${pad('share', 6)}${pad('requests', 10)}${pad('2xx', 8)}${pad('non-2xx', 8)}${pad('gql-err', 8)}${pad('userErr', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('req/s', 8)}`;
    console.log(`\n${header}\n${'-'.repeat(header.length)}`);
    const problems: string[] = [];
    const totals = { reads: 0, writes: 0, requests: 0, ok: 0 };
    const row = (name: string, share: string, t: Tally) => {
      const ok = Object.entries(t.statuses).reduce((sum, [status, count]) => sum + (Number(status) >= 200 && Number(status) < 300 ? count : 0), 0);
      console.log(
        `${name.padEnd(18)}${pad(share, 6)}${pad(t.requests, 10)}${pad(ok, 8)}${pad(t.requests - ok, 8)}${pad(t.graphqlErrors, 8)}${pad(t.userErrors, 8)}` +
          `${pad(ms(quantile(t.latencies, 0.5)), 8)}${pad(ms(quantile(t.latencies, 0.99)), 8)}${pad((t.requests / seconds).toFixed(1), 8)}`,
      );
      return ok;
    };
    const all = newTally();
    for (const kind of list) {
      const tally = tallies.get(kind.name)!;
      const ok = row(kind.name, `${Math.round(kind.share * 100)}%`, tally);
      totals.requests += tally.requests;
      totals.ok += ok;
      totals[kind.write ? 'writes' : 'reads'] += tally.requests;
      all.requests += tally.requests;
      all.latencies.push(...tally.latencies);
      all.graphqlErrors += tally.graphqlErrors;
      all.userErrors += tally.userErrors;
      for (const [status, count] of Object.entries(tally.statuses)) all.statuses[status] = (all.statuses[status] ?? 0) + count;
      if (tally.requests - ok) problems.push(`${kind.name}: ${tally.requests - ok} non-2xx answers ${JSON.stringify(tally.statuses)}`);
      if (tally.graphqlErrors) problems.push(`${kind.name}: ${tally.graphqlErrors} answers with GraphQL errors (${tally.internalErrors} INTERNAL_SERVER_ERROR), e.g. ${tally.examples.join(' | ')}`);
      if (tally.malformed) problems.push(`${kind.name}: ${tally.malformed} answers that are not JSON`);
      if (tally.userErrors) console.log(`  ${kind.name} userErrors, e.g. ${tally.examples.join(' | ')}`);
      if (tally.requests === 0) problems.push(`${kind.name}: no answer at all`);
    }
    console.log('-'.repeat(header.length));
    row('total', '100%', all);
    console.log(
      `${totals.reads} reads (${((100 * totals.reads) / Math.max(1, totals.requests)).toFixed(0)}%), ${totals.writes} writes; ` +
        `autocannon: ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} connection errors, ${result.timeouts} timeouts, ` +
        `latency p50 ${ms(result.latency.p50)} ms, p99 ${ms(result.latency.p99)} ms, max ${ms(result.latency.max)} ms`,
    );
    if (result.errors || result.timeouts) problems.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
    if (result.non2xx) problems.push(`autocannon counted ${result.non2xx} non-2xx answers`);

    console.log('\nVerification');
    const verification = await verify(server.url, pools, acknowledged, auditStart);
    for (const line of verification.lines) console.log(`  ${line}`);
    problems.push(...verification.problems);

    await server.stop();
    // Error records of the server's log (JSON lines, level ≥ 50).
    const serverErrors = server.stderr.filter((line) => /^\{"level":(5|6)0,/.test(line));
    if (serverErrors.length) problems.push(`the server logged ${serverErrors.length} unexpected errors, e.g. ${serverErrors.slice(0, 3).join(' | ')}`);

    console.log(`\nMachine: ${os.cpus().length} CPUs (nproc ${os.availableParallelism()}), ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`);
    if (problems.length) {
      console.log(`\nFAILED (${problems.length}):`);
      for (const problem of problems) console.log(`  - ${problem}`);
      return 1;
    }
    console.log('\nOK: no unexpected errors, no lost writes, audit trail intact with an entry per acknowledged write.');
    return 0;
  } finally {
    await server.stop();
    if (argv.keep) console.log(`data directory kept: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('loadtest failed:', error);
    process.exit(2);
  },
);
