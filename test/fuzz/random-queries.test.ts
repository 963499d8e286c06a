/**
 * Fuzzing the API with every role: random valid queries and random (often invalid) mutations,
 * generated from the schema (test/fuzz/generator.ts) with fast-check, sent over real HTTP.
 *
 * Queries: always HTTP 200, never INTERNAL_SERVER_ERROR, only BAD_USER_INPUT (bad `first` or
 * `after`, argument combinations, malformed or other-type ids), NOT_FOUND (a scope or filter id
 * naming nothing), AS_OF_BEFORE_HISTORY (an `asOf` before the recorded history) and FORBIDDEN;
 * FORBIDDEN exactly when an ADMIN-only root
 * field is asked for by another role; no ApiToken or AuditEntry data for other roles (except the
 * caller's own token under `viewer`); `node`/`nodes` give null for such ids; no bearer secret
 * ever; a reported cost within the generator's estimate.
 *
 * Mutations: never a 5xx or INTERNAL_SERVER_ERROR; variables that do not coerce are a 400
 * BAD_USER_INPUT and half a surrogate pair a 400 INVALID_UNICODE. A role without the field's
 * permission always gets exactly one FORBIDDEN user error, a null result, an audited DENIED
 * attempt and no change to the database. A role with it gets user errors from the catalogue
 * with null results, or a change; each attempt is audited (SUCCESS or REJECTED).
 *
 * Deterministic: fixed seeds. Override with FUZZ_SEED=<n> and FUZZ_RUNS=<queries per role>
 * (default 100; CI runs 250; mutations: 2/5 of that per role and phase, at least 20); on
 * PostgreSQL FUZZ_RUNS_POSTGRES (default 40);
 * FUZZ_TRACE=<file> logs every request.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getVariableValues,
  isLeafType,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLScalarType,
  type OperationDefinitionNode,
} from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/actor.js';
import { PERMISSIONS, type Permission } from '../../src/domain/authorization.js';
import { USER_ERROR_CODES } from '../../src/domain/errors.js';
import { decodeGlobalId } from '../../src/domain/global-id.js';
import { ROOT_FIELD_RULES } from '../../src/graphql/auth-rules.js';
import { DATA_SIZED_FIELDS, MAXIMUM_DATA_SIZED_FIELD_COST, MAXIMUM_QUERY_COST } from '../../src/graphql/cost.js';
import { MAX_DEPTH, MAX_TOKENS } from '../../src/graphql/limits.js';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { startTestServer, testBackend, type TestServer } from '../support/server.js';
import { DocumentGenerator, type Draw, type GeneratedOperation, type GeneratorOptions } from './generator.js';
import { auditSince, createFixture, databaseFingerprint, FUZZ_SEED_CATALOGS, type Fixture } from './fixtures.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_131);
/** On PostgreSQL (the postgres-api project) a smaller budget keeps the run lean: FUZZ_RUNS_POSTGRES, default 40. */
const QUERY_RUNS = testBackend() === 'postgres' ? Number(process.env.FUZZ_RUNS_POSTGRES ?? 40) : Number(process.env.FUZZ_RUNS ?? 100);
const MUTATION_RUNS = Math.max(20, Math.round(QUERY_RUNS / 2.5));
/** A request unanswered for this long is a failure (a hung request), not a slow test. */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * Each property stops (and fails) after this long, before its test's timeout, so that a slow
 * run cannot keep sending requests in the background into the next test.
 */
const PROPERTY_TIME_LIMIT_MS = 100_000;
const TEST_TIMEOUT_MS = 120_000;
const runParameters = (seed: number, numRuns: number): fc.Parameters<[fc.GeneratorValue]> => ({
  seed,
  numRuns,
  interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
  markInterruptAsFailure: true,
  // A failure's report says what failed (the assertion or error of the counterexample), not only its inputs.
  includeErrorInReport: true,
});
/** FUZZ_TRACE=<file> appends one line per request (role, time, status, size, query start). */
const TRACE = process.env.FUZZ_TRACE;

const OPTIONS: GeneratorOptions = { maxDepth: MAX_DEPTH, costBudget: 4_000, maxAliases: 10, maxDirectives: 4, maxFields: 45 };

/** Types only an ADMIN may see. */
const HIDDEN_TYPES = new Set(['ApiToken', 'ApiTokenConnection', 'ApiTokenEdge', 'AuditEntry', 'AuditEntryConnection', 'AuditEntryEdge', 'AuditVerification']);
const HIDDEN_NODE_TYPES = new Set(['ApiToken', 'AuditEntry']);
const ADMIN_ONLY_QUERIES = Object.keys(ROOT_FIELD_RULES)
  .filter((f) => f.startsWith('Query.') && ROOT_FIELD_RULES[f] === 'ADMIN')
  .map((f) => f.slice('Query.'.length));

/** Every code the service answers with (GraphQL errors and plain HTTP errors). */
const KNOWN_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'QUERY_COST_EXCEEDED',
  'MAX_TOKENS_EXCEEDED',
  'MAX_DEPTH_EXCEEDED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_DIRECTIVES_EXCEEDED',
  'MAX_INTROSPECTION_DEPTH_EXCEEDED',
  'QUERY_TOO_COMPLEX',
  'MALFORMED_JSON',
  'INVALID_UNICODE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_ENCODING',
  'AS_OF_BEFORE_HISTORY',
  // An export of the token is still being produced for an earlier request that was answered early
  // (a non-null field failed): one export request per token at a time (issue 16), retry hint given.
  'BUSY',
]);

/**
 * Errors a well-formed request may still answer with: a bad argument value, or an `asOf` before
 * the database's recorded history (the generator draws instants from 1970 on; rule 10).
 */
const INPUT_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'AS_OF_BEFORE_HISTORY'];

/** The schema as the server has it, for validate() and variable coercion (same SDL and scalars). */
function fuzzSchema() {
  const schema = buildSchema(loadTypeDefs());
  for (const [name, impl] of [['DateTime', DateTimeResolver], ['JSON', JSONResolver]] as const) {
    const scalar = schema.getType(name) as GraphQLScalarType | undefined;
    if (scalar) Object.assign(scalar, { serialize: impl.serialize, parseValue: impl.parseValue, parseLiteral: impl.parseLiteral });
  }
  return schema;
}
const schema = fuzzSchema();

const holds = (role: Role, permission: Permission) => (PERMISSIONS[permission] as readonly Role[]).includes(role);
const ruleOf = (type: 'Query' | 'Mutation', field: string): Permission => {
  const rule = ROOT_FIELD_RULES[`${type}.${field}`];
  if (!rule) throw new Error(`no authorization rule for ${type}.${field}`);
  return rule;
};

/** Backs the generator's choices with fast-check's gen() (reproducible, shrinkable). */
function drawFrom(g: fc.GeneratorValue): Draw {
  // Unbiased: fast-check's bias towards the bounds would skew every probability below.
  const int = (min: number, max: number) => g((a: number, b: number) => fc.noBias(fc.integer({ min: a, max: b })), min, max);
  return {
    int,
    // Shrinks towards "no": counterexamples lose optional arguments, aliases and directives.
    chance: (p) => int(0, 9_999) >= 10_000 - p * 10_000,
    pick: (items) => items[int(0, items.length - 1)]!,
    text: () => g(fc.string, { unit: 'binary', maxLength: 30 }),
  };
}

interface Answer {
  status: number;
  text: string;
  json: any;
}

/** A server holding the fuzz fixture, with a client per role. */
interface Instance {
  server: TestServer;
  fixture: Fixture;
}

/** A new instance seeded with FUZZ_SEED_CATALOGS, holding the fixture. */
async function startInstance(): Promise<Instance> {
  const server = await startTestServer({ seed: FUZZ_SEED_CATALOGS });
  return { server, fixture: await createFixture(server) };
}

// The instance shared by the tests that change nothing (queries, refused mutations); each test of
// mutations that may run gets its own (they change the data).
let server: TestServer;
let fixture: Fixture;

async function send(role: Role, op: GeneratedOperation, on: Instance = { server, fixture }): Promise<Answer> {
  let status: number;
  let text: string;
  const started = performance.now();
  try {
    const response = await fetch(`${on.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${on.fixture.clients[role].token}` },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    // fetch reports a refused or dropped connection as "fetch failed" with the reason in `cause`.
    const cause = (error as { cause?: unknown }).cause;
    const reason = `${String(error)}${cause ? `: ${String(cause)} ${(cause as { code?: string }).code ?? ''}` : ''}`;
    throw new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms (${reason})\n${describeCase(role, op)}`);
  }
  if (TRACE) appendFileSync(TRACE, `${role} ${Math.round(performance.now() - started)}ms ${status} ${text.length}B ${op.query.slice(0, 120)}\n`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

const describeCase = (role: Role, op: GeneratedOperation, answer?: Answer) =>
  `role ${role}\nquery: ${op.query}\nvariables: ${JSON.stringify(op.variables).slice(0, 2_000)}` +
  (answer ? `\nanswer ${answer.status}: ${answer.text.slice(0, 3_000)}` : '');

/** Parses and validates a generated document; it must be valid and within the token limit. */
function checkDocument(role: Role, op: GeneratedOperation): OperationDefinitionNode {
  const document = parse(op.query, { maxTokens: MAX_TOKENS - 1 });
  expect(validate(schema, document).map(String), describeCase(role, op)).toEqual([]);
  return document.definitions[0] as OperationDefinitionNode;
}

/** Common to every answer: JSON, no 5xx, only known codes, never an internal error or a secret. */
function checkAnswer(role: Role, op: GeneratedOperation, answer: Answer, on: Instance = { server, fixture }): void {
  const context = describeCase(role, op, answer);
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.json, context).toBeTypeOf('object');
  const codes = [...(answer.json.errors ?? []).map((e: any) => e.extensions?.code), answer.json.error?.code].filter((c) => c !== undefined);
  expect(codes, context).not.toContain('INTERNAL_SERVER_ERROR');
  for (const code of codes) expect(KNOWN_CODES.has(code), `unknown code ${code}\n${context}`).toBe(true);
  for (const e of answer.json.errors ?? []) expect(e.extensions?.code, `error without a code\n${context}`).toBeTypeOf('string');
  for (const secret of on.fixture.secrets) expect(answer.text.includes(secret), `a bearer secret in the answer\n${context}`).toBe(false);
}

/** Paths of objects of ADMIN-only types; the caller's own token under `viewer` is allowed. */
function hiddenObjects(value: unknown, ownTokenId: string, parentType: string | null, path: string, found: string[]): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => hiddenObjects(item, ownTokenId, parentType, `${path}[${i}]`, found));
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const type = typeof object.__typename === 'string' ? object.__typename : null;
    if (type && HIDDEN_TYPES.has(type)) {
      const ownToken = type === 'ApiToken' && parentType === 'Viewer' && Object.values(object).every((v) => typeof v !== 'string' || !decodeGlobalId(v) || decodeGlobalId(v)!.type !== 'ApiToken' || v === ownTokenId);
      if (!ownToken) found.push(`${path} (${type})`);
    }
    for (const [key, item] of Object.entries(object)) hiddenObjects(item, ownTokenId, type ?? parentType, `${path}.${key}`, found);
  }
  return found;
}

/** Deepest brace nesting of a document (a rough measure of its depth). */
function nesting(query: string): number {
  let depth = 0;
  let max = 0;
  for (const char of query) {
    if (char === '{') max = Math.max(max, ++depth);
    else if (char === '}') depth--;
  }
  return max;
}

beforeAll(async () => {
  ({ server, fixture } = await startInstance());
});
afterAll(() => server?.close());

describe('the schema the generator reads', () => {
  it('is the server schema: every root field has an authorization rule', () => {
    for (const type of ['Query', 'Mutation'] as const) {
      for (const field of Object.keys((schema.getType(type) as GraphQLObjectType).getFields())) expect(() => ruleOf(type, field)).not.toThrow();
    }
  });

  it('the fixture has objects of every node type to aim at', () => {
    expect(Object.keys(fixture.world.ids).sort()).toEqual(
      expect.arrayContaining(['AISystem', 'ApiToken', 'AuditEntry', 'Control', 'ControlStatusChange', 'Evidence', 'EvidenceReview', 'Framework', 'Mapping', 'NotApplicableMark', 'Requirement', 'RequirementLink', 'Threat']),
    );
  });
});

/**
 * The weights of the data-sized root fields now (their cost without the selection, for all
 * frameworks: an upper bound for any arguments), read from the server's cost figures.
 */
async function dataSizedWeights(): Promise<NonNullable<GeneratorOptions['dataSized']>> {
  const weights: Record<string, number> = {};
  for (const field of DATA_SIZED_FIELDS) {
    const answer = await server.gql(`{ ${field} { __typename } }`);
    const cost = (answer as any).extensions?.cost?.requestedQueryCost;
    if (typeof cost !== 'number') throw new Error(`no cost figure for ${field}`);
    weights[field] = cost >= MAXIMUM_DATA_SIZED_FIELD_COST ? MAXIMUM_DATA_SIZED_FIELD_COST : cost - 1;
  }
  return { weights, cap: MAXIMUM_DATA_SIZED_FIELD_COST };
}

/** What one coverage evaluation costs now: the cost of `{ coverage { __typename } }` less its two fields. */
async function coverageEvaluationWeight(): Promise<number> {
  const cost = ((await server.gql('{ coverage { __typename } }')) as any).extensions?.cost?.requestedQueryCost;
  if (typeof cost !== 'number') throw new Error('no cost figure for coverage');
  return cost - 2;
}

// MONITOR holds no read permission: every root field refuses it (test/access/root-field-rules.test.ts
// checks each one), so random documents would only ever be refused; its mutations are fuzzed below.
describe.each(ROLES.filter((role) => role !== 'MONITOR').map((role, i) => [role, i] as const))('random valid queries as %s', (role, index) => {
  it(`${QUERY_RUNS} queries: 200, only BAD_USER_INPUT, NOT_FOUND or a FORBIDDEN ADMIN-only root field, nothing hidden`, async () => {
    const ownTokenId = fixture.tokenIds[role];
    const stats = { forbidden: 0, badInput: 0, depth: 0, cost: 0 };
    const options = { ...OPTIONS, dataSized: await dataSizedWeights(), coverageEvaluationWeight: await coverageEvaluationWeight() };
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const draw = drawFrom(g);
        const generator = new DocumentGenerator(schema, fixture.world, draw, options);
        // One document in five aims at the ADMIN-only root fields and the ways to reach tokens.
        const roots = draw.chance(0.2) ? [...ADMIN_ONLY_QUERIES, 'viewer', 'node', 'nodes'] : undefined;
        const op = generator.query(roots);
        checkDocument(role, op);
        expect(op.estimatedCost).toBeLessThanOrEqual(OPTIONS.costBudget);

        const answer = await send(role, op);
        checkAnswer(role, op, answer);
        const context = describeCase(role, op, answer);
        expect(answer.status, context).toBe(200);
        const errors: any[] = answer.json.errors ?? [];
        for (const e of errors) expect([...INPUT_CODES, 'FORBIDDEN', 'BUSY'], context).toContain(e.extensions.code);

        // FORBIDDEN exactly for the ADMIN-only root fields this role asked for.
        const denied = op.roots.filter((r) => r.included && !holds(role, ruleOf('Query', r.fieldName))).map((r) => r.responseKey);
        const forbidden = errors.filter((e) => e.extensions.code === 'FORBIDDEN');
        for (const e of forbidden) expect([e.path?.length, denied.includes(e.path?.[0])], context).toEqual([1, true]);
        if (denied.length > 0) {
          // A denied field is null, and so is all of data when it is non-null. graphql-js answers
          // once the first error reaches the root: another field's error may come first (and alone).
          expect(errors.length, context).toBeGreaterThan(0);
          const data = answer.json.data ?? null;
          if (data) for (const key of denied) expect(data[key], context).toBeNull();
        }

        // Nothing of the ADMIN-only types, for anyone else.
        const data = answer.json.data ?? null;
        if (role !== 'ADMIN') {
          expect(hiddenObjects(data, ownTokenId, null, 'data', []), context).toEqual([]);
          for (const root of op.roots) {
            if (!data || !root.included) continue;
            if (root.fieldName === 'node' && HIDDEN_NODE_TYPES.has(decodeGlobalId(String(root.args.id))?.type ?? '')) {
              expect(data[root.responseKey], context).toBeNull();
            }
            if (root.fieldName === 'nodes' && Array.isArray(data[root.responseKey])) {
              (root.args.ids as string[]).forEach((id, i) => {
                if (HIDDEN_NODE_TYPES.has(decodeGlobalId(id)?.type ?? '')) expect(data[root.responseKey][i], context).toBeNull();
              });
            }
          }
        }

        // The server's cost figure never exceeds the generator's conservative estimate.
        const cost = answer.json.extensions?.cost?.requestedQueryCost;
        expect(cost, context).toBeTypeOf('number');
        expect(cost, context).toBeLessThanOrEqual(Math.min(op.estimatedCost, MAXIMUM_QUERY_COST));

        stats.forbidden += forbidden.length ? 1 : 0;
        stats.badInput += errors.some((e) => e.extensions.code === 'BAD_USER_INPUT') ? 1 : 0;
        stats.depth = Math.max(stats.depth, nesting(op.query));
        stats.cost = Math.max(stats.cost, cost);
      }),
      runParameters(SEED + index, QUERY_RUNS),
    );
    // The runs exercised what they are meant to (not only trivial documents).
    if (role !== 'ADMIN') expect(stats.forbidden).toBeGreaterThan(0);
    expect(stats.badInput).toBeGreaterThan(0);
    expect(stats.depth).toBeGreaterThan(8);
  }, TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// Mutations

const MUTATION_FIELDS = Object.keys((schema.getMutationType() as GraphQLObjectType).getFields());
const deniedFields = (role: Role) => MUTATION_FIELDS.filter((f) => !holds(role, ruleOf('Mutation', f)));
const allowedFields = (role: Role) => MUTATION_FIELDS.filter((f) => holds(role, ruleOf('Mutation', f)));

/** Whether the server will refuse the request before running it, and how. */
function prediction(op: GeneratedOperation, operation: OperationDefinitionNode): 'ok' | 'INVALID_UNICODE' | 'BAD_USER_INPUT' {
  const strings: string[] = [];
  JSON.stringify(op.variables, (_k, v) => {
    if (typeof v === 'string') strings.push(v);
    return v;
  });
  if (strings.some((s) => /\p{Cs}/u.test(s))) return 'INVALID_UNICODE';
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], op.variables);
  return coerced.errors ? 'BAD_USER_INPUT' : 'ok';
}

/** Checks the refusals that happen before anything runs; true when the mutation ran. */
function checkRefusalBeforeRun(role: Role, op: GeneratedOperation, answer: Answer, expected: ReturnType<typeof prediction>): boolean {
  const context = describeCase(role, op, answer);
  if (expected === 'INVALID_UNICODE') {
    expect([answer.status, answer.json.errors?.[0]?.extensions?.code], context).toEqual([400, 'INVALID_UNICODE']);
    return false;
  }
  if (expected === 'BAD_USER_INPUT') {
    expect(answer.status, context).toBe(400);
    expect(answer.json.data, context).toBeUndefined();
    for (const e of answer.json.errors) expect(e.extensions.code, context).toBe('BAD_USER_INPUT');
    return false;
  }
  expect(answer.status, context).toBe(200);
  // FORBIDDEN as an error only where no payload can carry it (a plain-value mutation, `_ping`).
  const plain = isLeafType(getNamedType(schema.getMutationType()!.getFields()[op.roots[0]!.fieldName]!.type));
  for (const e of answer.json.errors ?? []) expect(plain ? [...INPUT_CODES, 'FORBIDDEN'] : INPUT_CODES, context).toContain(e.extensions.code);
  return true;
}

/**
 * One random mutation: draws one of `fields`, generates a document for it, sends it as `role`,
 * checks the document, the answer and the refusals made before anything runs. Returns the field,
 * the case's description and the payload when the mutation ran; null when it was refused before.
 */
async function randomMutation(
  role: Role,
  fields: readonly string[],
  g: fc.GeneratorValue,
  on: Instance = { server, fixture },
): Promise<{ field: string; context: string; payload: any; errors: any[] } | null> {
  const draw = drawFrom(g);
  const field = draw.pick(fields);
  const op = new DocumentGenerator(schema, on.fixture.world, draw, OPTIONS).mutation(field);
  const operation = checkDocument(role, op);
  const expected = prediction(op, operation);
  const answer = await send(role, op, on);
  checkAnswer(role, op, answer, on);
  if (!checkRefusalBeforeRun(role, op, answer, expected)) return null;
  return { field, context: describeCase(role, op, answer), payload: answer.json.data?.[op.roots[0]!.responseKey], errors: answer.json.errors ?? [] };
}

/** The payload's fields other than userErrors and __typename. */
const resultFields = (payload: Record<string, unknown>) => Object.entries(payload).filter(([k]) => k !== 'userErrors' && k !== '__typename');

describe.each(ROLES.filter((r) => deniedFields(r).length > 0).map((role, i) => [role, i] as const))('random mutations %s may not run', (role, index) => {
  it(`${MUTATION_RUNS} attempts: FORBIDDEN every time, audited as DENIED, nothing changes`, async () => {
    const fields = deniedFields(role);
    const before = await databaseFingerprint(server);
    const auditStart = (await auditSince(server, 0)).last;
    const deniedByAction: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const ran = await randomMutation(role, fields, g);
        if (!ran) return;
        const { field, context, payload, errors } = ran;
        const permission = ruleOf('Mutation', field);
        if (isLeafType(getNamedType(schema.getMutationType()!.getFields()[field]!.type))) {
          // A plain-value mutation (`_ping`) has no payload to carry the refusal: a FORBIDDEN error.
          expect(errors.map((e) => [e.extensions?.code, e.path?.length]), context).toEqual([['FORBIDDEN', 1]]);
        } else {
          expect(payload, context).toBeTruthy();
          expect(payload.userErrors, context).toEqual([{ code: 'FORBIDDEN', field: null, message: expect.stringContaining(permission) }]);
          for (const [name, value] of resultFields(payload)) expect([name, value], context).toEqual([name, null]);
        }
        deniedByAction[`${field}:DENIED`] = (deniedByAction[`${field}:DENIED`] ?? 0) + 1;
      }),
      runParameters(SEED + 100 + index, MUTATION_RUNS),
    );
    expect(await databaseFingerprint(server)).toEqual(before);
    // One DENIED entry per attempt that ran, nothing else.
    expect((await auditSince(server, auditStart)).actions).toEqual(deniedByAction);
  }, TEST_TIMEOUT_MS);
});

describe('refusals decided from the input', () => {
  it('tokenCreate refused for its expiresIn is audited as REJECTED', async () => {
    const start = (await auditSince(server, 0)).last;
    const d = await server.data(`mutation { tokenCreate(input: { name: "fuzz-expiry", role: VIEWER, expiresIn: "forever" }) { token { id } userErrors { code field } } }`);
    expect(d.tokenCreate.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'expiresIn'] }]);
    expect((await auditSince(server, start)).actions).toEqual({ 'tokenCreate:REJECTED': 1 });
  });
});

describe.each(ROLES.filter((r) => allowedFields(r).length > 0).map((role, i) => [role, i] as const))('random mutations %s may run', (role, index) => {
  let own: Instance;
  beforeAll(async () => {
    own = await startInstance();
  });
  afterAll(() => own?.server.close());

  it(`${MUTATION_RUNS} attempts: no internal error, user errors from the catalogue with null results, every attempt audited; the audit trail still verifies`, async () => {
    const fields = allowedFields(role);
    const auditStart = (await auditSince(own.server, 0)).last;
    const audited: Record<string, number> = {};
    const outcomes = { SUCCESS: 0, REJECTED: 0 };
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const ran = await randomMutation(role, fields, g, own);
        if (!ran) return;
        const { field, context, payload } = ran;
        if (isLeafType(getNamedType(schema.getMutationType()!.getFields()[field]!.type))) {
          expect(payload, context).not.toBeNull();
          return;
        }
        expect(payload, context).toBeTypeOf('object');
        const codes = (payload.userErrors as { code: string }[]).map((e) => e.code);
        for (const code of codes) expect(Object.keys(USER_ERROR_CODES), context).toContain(code);
        expect(codes, context).not.toContain('FORBIDDEN');
        if (codes.length > 0) for (const [name, value] of resultFields(payload)) expect([name, value], context).toEqual([name, null]);
        const outcome = codes.length > 0 ? 'REJECTED' : 'SUCCESS';
        outcomes[outcome]++;
        audited[`${field}:${outcome}`] = (audited[`${field}:${outcome}`] ?? 0) + 1;
      }),
      runParameters(SEED + 200 + index, MUTATION_RUNS),
    );
    // Every attempt that ran left exactly one audit entry with its outcome (`_ping` changes nothing).
    const { actions } = await auditSince(own.server, auditStart);
    delete audited['_ping:SUCCESS'];
    expect(actions).toEqual(audited);
    if (fields.some((f) => f !== '_ping')) expect([outcomes.SUCCESS > 0, outcomes.REJECTED > 0], JSON.stringify(outcomes)).toEqual([true, true]);
    // Afterwards, the audit trail still verifies.
    const d = await own.server.data('{ auditVerify { intact firstBrokenSeq entries } }');
    expect(d.auditVerify).toMatchObject({ intact: true, firstBrokenSeq: null });
  }, TEST_TIMEOUT_MS);
});
