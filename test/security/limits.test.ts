/**
 * Denial of service through the query language (OWASP GraphQL cheat sheet, graphql-cop):
 * deep cycles, aliases, duplicated fields, directives, fragments, batching, huge pages, cost.
 * Every refusal is an HTTP 400 with its own code, decided before any resolver runs.
 */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAXIMUM_QUERY_COST } from '../../src/graphql/cost.js';
import { MAX_ALIASES, MAX_DEPTH, MAX_DIRECTIVES, MAX_TOKENS } from '../../src/graphql/limits.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { errorCode, errorCodes, expectRefusal, nest, postJson, raw, repeat } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const run = (query: string, variables?: Record<string, unknown>) => postJson(server, { query, variables });

describe('depth', () => {
  it.each([
    ['requirement → children → parent → children …', (n: number) => `{ requirement(id: "x") { ${nest(n, 'children { edges { node { parent {', '} } } }', 'id')} } }`],
    ['framework → requirements → framework …', (n: number) => `{ framework(refId: "x") { ${nest(n, 'requirements(first: 1) { edges { node { framework {', '} } } }', 'id')} } }`],
    ['control → mappings → control …', (n: number) => `{ control(id: "x") { ${nest(n, 'mappings(first: 1) { edges { node { control {', '} } } }', 'id')} } }`],
  ])('refuses a cycle %s nested past the limit with MAX_DEPTH_EXCEEDED', async (_name, build) => {
    const answer = await run(build(10));
    expectRefusal(answer, 400, 'MAX_DEPTH_EXCEEDED');
    expect(answer.json.errors[0].extensions.limit).toBe(MAX_DEPTH);
  });

  it('counts fields inside fragments, not the fragments themselves', async () => {
    const deep = `query { requirement(id: "x") { ...A } }
      fragment A on Requirement { children { edges { node { ...B } } } }
      fragment B on Requirement { ${nest(6, 'children { edges { node {', '} } }', 'id')} }`;
    expectRefusal(await run(deep), 400, 'MAX_DEPTH_EXCEEDED');
  });

  it(`runs a query exactly ${MAX_DEPTH} fields deep`, async () => {
    // framework(1) requirements edges node(4), 5 × children edges node(19), id(20)
    const query = `{ framework(refId: "none") { ${nest(1, 'requirements(first: 1) { edges { node {', '} } }', nest(5, 'children(first: 1) { edges { node {', '} } }', 'id'))} } }`;
    const answer = await run(query);
    expect([answer.status, answer.json.errors, answer.json.data]).toEqual([200, undefined, { framework: null }]);
  });
});

describe('aliases', () => {
  it.each([
    ['101 aliases of a field', repeat((i) => `a${i}: viewer { role }`, 101)],
    ['101 aliases of __typename (graphql-cop)', repeat((i) => `alias${i}: __typename`, 101)],
    [`${MAX_ALIASES + 1} aliases`, repeat((i) => `a${i}: viewer { role }`, MAX_ALIASES + 1)],
  ])('refuses %s with MAX_ALIASES_EXCEEDED', async (_name, selection) => {
    const answer = await run(`{ ${selection} }`);
    expectRefusal(answer, 400, 'MAX_ALIASES_EXCEEDED');
    expect(answer.json.errors[0].extensions.limit).toBe(MAX_ALIASES);
  });

  it(`allows ${MAX_ALIASES} aliases`, async () => {
    const answer = await run(`{ ${repeat((i) => `a${i}: viewer { role }`, MAX_ALIASES)} }`);
    expect([answer.status, Object.keys(answer.json.data)]).toEqual([200, Array.from({ length: MAX_ALIASES }, (_, i) => `a${i}`)]);
  });
});

describe('duplicated fields', () => {
  it('refuses 1,000 duplicated fields with a 400 (the token limit), not a 500', async () => {
    const answer = await run(`{ ${repeat('__typename', 1000)} }`);
    expectRefusal(answer, 400, 'MAX_TOKENS_EXCEEDED');
    expect(answer.json.errors[0]).toMatchObject({ message: `Token limit of ${MAX_TOKENS} exceeded.`, extensions: { limit: MAX_TOKENS } });
  });

  it('refuses ~990 duplicated fields under the token limit with QUERY_TOO_COMPLEX (the field-merge budget)', async () => {
    expectRefusal(await run(`{ viewer { ${repeat('role', 990)} } }`), 400, 'QUERY_TOO_COMPLEX');
  });

  it('answers 300 duplicated fields (they merge into one)', async () => {
    const answer = await run(`{ viewer { ${repeat('role', 300)} } }`);
    expect([answer.status, answer.json.data]).toEqual([200, { viewer: { role: 'ADMIN' } }]);
  });
});

describe('directives', () => {
  it(`refuses ${MAX_DIRECTIVES + 10} directives with MAX_DIRECTIVES_EXCEEDED`, async () => {
    const answer = await run(`{ ${repeat('__typename @include(if: true)', MAX_DIRECTIVES + 10)} }`);
    expectRefusal(answer, 400, 'MAX_DIRECTIVES_EXCEEDED');
    expect(answer.json.errors[0].extensions.limit).toBe(MAX_DIRECTIVES);
  });

  it('refuses 500 @include on one field with a 400 (the token limit comes first)', async () => {
    expectRefusal(await run(`{ __typename ${repeat('@include(if: true)', 500)} }`), 400, 'MAX_TOKENS_EXCEEDED');
  });

  it('refuses repeated unknown directives (graphql-cop directive overloading) as invalid', async () => {
    expectRefusal(await run(`query cop { __typename ${'@aa'.repeat(10)} }`), 400, 'GRAPHQL_VALIDATION_FAILED');
  });
});

describe('fragments', () => {
  it.each([
    ['a fragment spreading itself', `{ ...A } fragment A on Query { viewer { role } ...A }`],
    ['two fragments spreading each other', `{ ...A } fragment A on Query { ...B } fragment B on Query { viewer { role } ...A }`],
    ['a cycle through nested fields', `{ requirement(id: "x") { ...A } } fragment A on Requirement { parent { ...B } } fragment B on Requirement { children { edges { node { ...A } } } }`],
  ])('refuses %s as invalid, without hanging', async (_name, query) => {
    const answer = await run(query);
    expectRefusal(answer, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.json.errors.some((e: { message: string }) => /cannot spread fragment/i.test(e.message))).toBe(true);
  });

  it('refuses a fragment fan-out (10 × 10 × 10 × 10 spreads) by cost, not by running it', async () => {
    const level = (name: string, next: string) => `fragment ${name} on Query { ${repeat(`...${next}`, 10)} }`;
    const query = `{ ...F4 } ${level('F4', 'F3')} ${level('F3', 'F2')} ${level('F2', 'F1')} ${level('F1', 'F0')} fragment F0 on Query { viewer { role } }`;
    expectRefusal(await run(query), 400, 'QUERY_COST_EXCEEDED');
  });
});

describe('batching', () => {
  it('refuses a JSON array of operations with a JSON 400', async () => {
    const answer = await postJson(server, [{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]);
    expectRefusal(answer, 400, 'BAD_REQUEST');
    expect(answer.json.errors[0].message).toMatch(/batching disabled/i);
  });

  it('refuses several operations in one document without an operationName', async () => {
    const answer = await run('query A { viewer { role } } query B { viewer { role } }');
    expect([answer.status, errorCode(answer)]).toEqual([400, 'OPERATION_RESOLUTION_FAILURE']);
  });
});

describe('page sizes', () => {
  const totalCount = (first: string) => `{ frameworks(first: ${first}) { totalCount } }`;
  const withVariable = `query($n: Int) { frameworks(first: $n) { totalCount } }`;
  it.each([
    { name: 'first: 99999999', query: totalCount('99999999'), status: 400, code: 'QUERY_COST_EXCEEDED' },
    { name: 'first: 99999999 in a variable', query: withVariable, variables: { n: 99_999_999 }, status: 400, code: 'QUERY_COST_EXCEEDED' },
    { name: 'first: 2^53 (not an Int)', query: totalCount('9007199254740992'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'first: 2^53 in a variable', query: withVariable, variables: { n: 2 ** 53 }, status: 400, code: 'BAD_USER_INPUT' },
    { name: 'first: 1.5', query: totalCount('1.5'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'first: "10"', query: totalCount('"10"'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    // Under the cost cap the resolver's paging check answers: an execution error, HTTP 200, data null.
    { name: 'first: -1', query: totalCount('-1'), status: 200, code: 'BAD_USER_INPUT' },
    { name: 'first: 101', query: totalCount('101'), status: 200, code: 'BAD_USER_INPUT' },
  ])('$name → $status $code', async ({ query, variables, status, code }) => {
    expectRefusal(await run(query, variables), status, code);
  });
});

describe('query cost', () => {
  it('reports the cost of every answer in extensions.cost', async () => {
    const answer = await run('{ viewer { role } }');
    expect(answer.json.extensions.cost).toEqual({ requestedQueryCost: 2, maximumAllowed: MAXIMUM_QUERY_COST });
  });

  it('reports a null cost when the document never got that far', async () => {
    const answer = await run('{ viewer { nope } }');
    expect([answer.status, answer.json.extensions.cost]).toEqual([400, { requestedQueryCost: null, maximumAllowed: MAXIMUM_QUERY_COST }]);
  });

  it.each([
    ['one field with one child', '{ viewer { role } }', undefined, 2],
    ['a connection of the default 20 items', '{ frameworks { totalCount } }', undefined, 1 + 20 * 1],
    ['a connection of `first` items', '{ frameworks(first: 5) { edges { node { id } } } }', undefined, 1 + 5 * 3],
    ['`first` from a variable', 'query($n: Int) { frameworks(first: $n) { totalCount } }', { n: 7 }, 1 + 7],
    ['nested connections multiply', '{ frameworks(first: 3) { edges { node { requirements(first: 4) { totalCount } } } } }', undefined, 1 + 3 * (1 + 1 + (1 + 4 * 1))],
    ['nodes(ids) × the number of ids', '{ nodes(ids: ["a", "b", "c"]) { id } }', undefined, 1 + 3 * 1],
    ['fields skipped by @skip cost nothing', '{ viewer { role } frameworks(first: 50) @skip(if: true) { totalCount } }', undefined, 2],
    ['first: -1 costs as 0 items', '{ frameworks(first: -1) { totalCount } }', undefined, 1],
  ])('costs %s', async (_name, query, variables, cost) => {
    const answer = await run(query, variables);
    expect(answer.json.extensions.cost.requestedQueryCost).toBe(cost);
  });

  // 1 + 99 × (edges 1 + node 1 + requirements (1 + 98 × totalCount 1)) = 10,000.
  const atCap = `{ frameworks(first: 99) { edges { node { requirements(first: 98) { totalCount } } } } }`;

  it(`runs a query costing exactly ${MAXIMUM_QUERY_COST}`, async () => {
    const answer = await run(atCap);
    expect([answer.status, answer.json.extensions.cost.requestedQueryCost, answer.json.errors]).toEqual([200, MAXIMUM_QUERY_COST, undefined]);
  });

  it('runs a coverage page: 100 requirements with up to 10 mappings and their controls each', async () => {
    const query = `{ requirements(first: 100) { edges { node { refId title
      mappings(first: 10) { edges { node { relationship control { refId title } } } } } } } }`;
    const answer = await run(query);
    expect([answer.status, answer.json.errors, answer.json.extensions.cost.requestedQueryCost]).toEqual([200, undefined, 6501]);
  });

  it(`refuses a query costing ${MAXIMUM_QUERY_COST + 1} with QUERY_COST_EXCEEDED and the figures`, async () => {
    const answer = await run(atCap.replace(/ }$/, ' __typename }'));
    expectRefusal(answer, 400, 'QUERY_COST_EXCEEDED');
    const figures = { requestedQueryCost: MAXIMUM_QUERY_COST + 1, maximumAllowed: MAXIMUM_QUERY_COST };
    expect(answer.json.errors[0].extensions.cost).toEqual(figures);
    expect(answer.json.extensions.cost).toEqual(figures);
    expect(answer.json.data).toBeUndefined();
  });

  it('refuses an expensive mutation before it changes anything', async () => {
    const mutation = `mutation { frameworkCreate(input: { refId: "too-costly", name: "x", kind: STANDARD }) {
      framework { requirements(first: 100) { edges { node { children(first: 100) { totalCount } } } } } } }`;
    expectRefusal(await run(mutation), 400, 'QUERY_COST_EXCEEDED');
    const after = await server.data(`{ framework(refId: "too-costly") { id } }`);
    expect(after.framework).toBeNull();
  });
});

describe('introspection', () => {
  it('answers the explorer\'s full introspection query to an authenticated caller', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const answer = await run(query);
    expect([answer.status, answer.json.errors]).toEqual([200, undefined]);
    expect(answer.json.data.__schema.types.length).toBeGreaterThan(50);
  });

  it.each([
    ['__schema (graphql-cop circular introspection)', `query cop { __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }`],
    ['__type', `{ __type(name: "Framework") { fields { type { fields { type { fields { name } } } } } } }`],
    ['through fragments', `{ __schema { types { ...T } } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { interfaces { fields { name } } }`],
  ])('refuses circular introspection through %s with MAX_INTROSPECTION_DEPTH_EXCEEDED', async (_name, query) => {
    const answer = await run(query);
    expectRefusal(answer, 400, 'MAX_INTROSPECTION_DEPTH_EXCEEDED');
  });
});

describe('never a 500 for a hostile document', () => {
  it.each([
    ['an unterminated selection (graphql-cop unhandled error)', 'query cop { __typename {}'],
    ['an empty document', ''],
    ['only a comment', '# nothing'],
    ['a deeply nested list value', `{ nodes(ids: ${'['.repeat(400)}"a"${']'.repeat(400)}) { id } }`],
    ['a huge integer', `{ frameworks(first: ${'9'.repeat(400)}) { totalCount } }`],
    ['a subscription', 'subscription { viewer { role } }'],
  ])('answers %s with a 400', async (_name, query) => {
    const answer = await run(query);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer).every((code) => code && code !== 'INTERNAL_SERVER_ERROR')).toBe(true);
  });

  it('answers a non-string query with a 400', async () => {
    const answer = await raw(server, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: { a: 1 } }) });
    expectRefusal(answer, 400, 'BAD_REQUEST');
  });
});
