/**
 * Hostile suite, work per request (issue 16, item 1): exports weigh what they produce, run one
 * at a time per token, and are produced off the event loop.
 *
 * | request                                                        | role   | expected                            |
 * |----------------------------------------------------------------|--------|-------------------------------------|
 * | 20 aliased assessmentResults(asOf: …) { content }              | VIEWER | 400 QUERY_COST_EXCEEDED, cost > max |
 * | 20 aliased coverageReport(format: JSON) { content }            | VIEWER | 400 QUERY_COST_EXCEEDED             |
 * | coverageReport ×2 in one request (the most a request may hold) | VIEWER | 200, both documents                 |
 * | an export while the same token has one in flight               | VIEWER | 200 with a BUSY field error, retry  |
 * | { __typename } while exports of other tokens run               | VIEWER | 200 before any export has finished  |
 * | an export right after a request of the token answered early    | VIEWER | 200, no BUSY (the token is free)    |
 * | an export while another request's inline content is unsent     | VIEWER | waits until that response is sent   |
 * | assessmentResults { content } of more than 1 MiB               | VIEWER | EXPORT_CONTENT_TOO_LARGE            |
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { MAXIMUM_DATA_SIZED_FIELD_COST, MAXIMUM_QUERY_COST, operationCost, QUERY_COST_EXCEEDED } from '../../src/graphql/cost.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { MAX_ALIASES } from '../../src/graphql/limits.js';
import type { Actor } from '../../src/domain/actor.js';
import { forOperation } from '../../src/services/operation-scope.js';
import { createServices } from '../../src/services/index.js';
import { EXPORT_CONTENT_LIMIT_BYTES } from '../../src/services/export-service.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { expectRefusal, postJson, repeat } from './support.js';

let server: TestServer;
let viewer: GraphQLClient;
/** Evaluated requirements of the seeded catalog. */
let requirements: number;

beforeAll(async () => {
  // NIST SP 800-53 rev 5: about 1,200 requirements, so one export weighs more than 1,000.
  server = await startTestServer({ seed: 'nist-sp800-53-rev5' });
  viewer = await server.as('VIEWER');
  requirements = (await viewer.data('{ coverage { totals { total } } }')).coverage.totals.total;
}, 120_000);
afterAll(() => server.close());

const asOf = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();

describe('exports cost what they produce', () => {
  it(`refuses ${MAX_ALIASES} aliased assessmentResults(asOf: …) { content } with QUERY_COST_EXCEEDED before running any`, async () => {
    const query = `{ ${repeat((i) => `a${i}: assessmentResults(asOf: "${asOf(i)}") { content }`, MAX_ALIASES)} }`;
    const answer = await postJson(server, { query }, { token: viewer.token });
    expectRefusal(answer, 400, QUERY_COST_EXCEEDED);
    expect(answer.json.errors[0].extensions.cost.requestedQueryCost).toBeGreaterThan(MAXIMUM_QUERY_COST);
    expect(answer.json.data).toBeUndefined();
  });

  it(`refuses ${MAX_ALIASES} aliased coverageReport(format: JSON) with QUERY_COST_EXCEEDED`, async () => {
    const query = `{ ${repeat((i) => `a${i}: coverageReport(format: JSON) { content }`, MAX_ALIASES)} }`;
    expectRefusal(await postJson(server, { query }, { token: viewer.token }), 400, QUERY_COST_EXCEEDED);
  });

  it('weighs one export by the rows it produces (at least one per evaluated requirement), at most half the budget', async () => {
    const answer = await postJson(server, { query: '{ coverageReport(format: JSON) { byteLength } }' }, { token: viewer.token });
    expect(answer.status).toBe(200);
    const cost = answer.json.extensions.cost.requestedQueryCost;
    expect(cost).toBeGreaterThan(requirements);
    expect(cost).toBeLessThanOrEqual(MAXIMUM_DATA_SIZED_FIELD_COST);
  });

  it('weighs again when the data grows (the weight follows the data version)', async () => {
    const cost = async () =>
      (await postJson(server, { query: '{ mappingsExport { byteLength } bundleExport { byteLength } }' })).json.extensions.cost.requestedQueryCost;
    const before = await cost();
    const framework = (await server.data('{ frameworks(first: 1) { edges { node { id } } } }')).frameworks.edges[0].node;
    const created = await server.data(
      `mutation($input: RequirementCreateInput!) { requirementCreate(input: $input) { userErrors { message } } }`,
      { input: { frameworkId: framework.id, refId: 'zz-weight-1', title: 'A requirement added to grow the data' } },
    );
    expect(created.requirementCreate.userErrors).toEqual([]);
    expect(await cost()).toBe(before + 1); // the bundle carries one more row
  });

  it('runs two exports in one request (the most the cost allows), one after the other', async () => {
    const answer = await postJson(
      server,
      { query: '{ csv: coverageReport { sha256 byteLength } json: coverageReport(format: JSON) { sha256 byteLength } }' },
      { token: viewer.token },
    );
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data.csv.byteLength).toBeGreaterThan(0);
    expect(answer.json.data.json.byteLength).toBeGreaterThan(0);
  });
});

describe('the weight of a data-sized field', () => {
  const schema = buildSchema();
  const documents = new Map<string, DocumentNode>();
  const costOf = (query: string, weight: number, version = 'v1') => {
    // One parsed document per text, as Apollo keeps them (the memo is per document).
    const document = documents.get(query) ?? documents.set(query, parse(query)).get(query)!;
    const operation = document.definitions[0] as OperationDefinitionNode;
    return operationCost(schema, document, operation, {}, { version, of: () => weight });
  };

  it('is capped, selection included, so that two exports of any size fit in a request and a third does not', () => {
    const two = '{ a: assessmentResults { content sha256 } b: coverageReport(format: JSON) { content byteLength filename } }';
    expect(costOf(two, 1e9)).toBe(MAXIMUM_QUERY_COST);
    expect(costOf(`{ ${two.slice(1, -1)} c: mappingsExport { content } }`, 1e9)).toBeGreaterThan(MAXIMUM_QUERY_COST);
  });

  it('is remembered per data version', () => {
    const query = '{ bundleExport { content } }';
    expect(costOf(query, 10, 'v1')).toBe(11);
    expect(costOf(query, 20, 'v1')).toBe(11); // same document and version: the memo
    expect(costOf(query, 20, 'v2')).toBe(21);
  });
});

describe('one export at a time per token', () => {
  it('refuses an export of a second request of the same token with BUSY and a retry hint while the first runs', async () => {
    const query = '{ assessmentResults { byteLength } }';
    const answers = await Promise.all([postJson(server, { query }, { token: viewer.token }), postJson(server, { query }, { token: viewer.token })]);
    const busy = answers.filter((a) => a.json.errors?.[0]?.extensions?.code === 'BUSY');
    const done = answers.filter((a) => a.json.data?.assessmentResults?.byteLength > 0);
    expect([busy.length, done.length]).toEqual([1, 1]);
    expect(busy[0]!.json.errors[0]).toMatchObject({
      message: expect.stringMatching(/one at a time per token/),
      path: ['assessmentResults'],
      extensions: { code: 'BUSY', retryAfterSeconds: expect.any(Number) },
    });
    expect(busy[0]!.json.errors[0].extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Once the first is done, the token may export again.
    expect((await postJson(server, { query }, { token: viewer.token })).json.data.assessmentResults.byteLength).toBeGreaterThan(0);
  });
});

describe('an export refused inside the export worker', () => {
  it('keeps its code: an asOf before the recorded history is AS_OF_BEFORE_HISTORY naming the instant, not an internal error', async () => {
    const client = await server.as('VIEWER');
    const answer = await postJson(server, { query: '{ assessmentResults(asOf: "2000-01-01T00:00:00Z") { byteLength } }' }, { token: client.token });
    const error = answer.json.errors?.[0];
    expect([answer.status, error?.extensions.code]).toEqual([200, 'AS_OF_BEFORE_HISTORY']);
    // The earliest answerable instant: when this file's server recorded its first change, after 2000 and not in the future.
    const earliest = Date.parse(error?.extensions.earliest);
    expect(new Date(earliest).toISOString()).toBe(error?.extensions.earliest);
    expect(earliest).toBeGreaterThan(Date.parse('2000-01-01T00:00:00Z'));
    expect(earliest).toBeLessThanOrEqual(Date.now());
  });
});

describe('a request answered early', () => {
  it('frees its token at once: the next request of the token may export (no BUSY)', async () => {
    const client = await server.as('VIEWER');
    // gaps(first: 1000) fails at once and is non-null, so the answer goes out while the export runs.
    const early = await postJson(server, { query: '{ a: assessmentResults { byteLength } g: gaps(first: 1000) { totalCount } }' }, { token: client.token });
    expect([early.status, early.json.data, early.json.errors[0].extensions.code]).toEqual([200, null, 'BAD_USER_INPUT']);
    const next = await postJson(server, { query: '{ assessmentResults { byteLength } }' }, { token: client.token });
    expect(next.json.errors).toBeUndefined();
    expect(next.json.data.assessmentResults.byteLength).toBeGreaterThan(0);
  });
});

describe('exports never hold the event loop', () => {
  it('answers { __typename } while the exports of other tokens are still running', async () => {
    const exporters = await Promise.all([1, 2, 3].map(() => server.as('VIEWER')));
    const events: string[] = [];
    // Distinct instants (nothing cached) after the database's first instant (AS_OF_BEFORE_HISTORY before it).
    const at = (i: number) => new Date(Date.now() - 1 - i).toISOString();
    const query = (i: number) => `{ a: assessmentResults(asOf: "${at(i)}") { byteLength } b: coverageReport(asOf: "${at(i)}", format: JSON) { byteLength } }`;
    const exports = exporters.map((client, i) =>
      postJson(server, { query: query(i) }, { token: client.token }).then((answer) => {
        events.push(`export ${i}`);
        return answer;
      }),
    );
    const trivial = await postJson(server, { query: '{ __typename }' }, { token: viewer.token });
    events.push('trivial');
    const answers = await Promise.all(exports);
    expect(trivial.json.data).toEqual({ __typename: 'Query' });
    expect(events[0]).toBe('trivial');
    for (const answer of answers) {
      expect(answer.json.errors).toBeUndefined();
      expect(answer.json.data.a.byteLength).toBeGreaterThan(0);
    }
  });
});

describe('inline content', () => {
  it(`is refused above ${EXPORT_CONTENT_LIMIT_BYTES} bytes with EXPORT_CONTENT_TOO_LARGE, pointing to downloadUrl`, async () => {
    const client = await server.as('VIEWER');
    const doc = (await client.data('{ assessmentResults { byteLength } }')).assessmentResults;
    expect(doc.byteLength).toBeGreaterThan(EXPORT_CONTENT_LIMIT_BYTES);
    const answer = await postJson(server, { query: '{ assessmentResults { byteLength content } }' }, { token: client.token });
    expect(answer.json.data).toEqual({ assessmentResults: null });
    expect(answer.json.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/select `downloadUrl` instead/),
        path: ['assessmentResults', 'content'],
        extensions: { code: 'EXPORT_CONTENT_TOO_LARGE', byteLength: expect.any(Number), limitBytes: EXPORT_CONTENT_LIMIT_BYTES },
      }),
    ]);
    expect(answer.json.errors[0].extensions.byteLength).toBeGreaterThan(EXPORT_CONTENT_LIMIT_BYTES);
  });
});

describe('inline content in flight has a budget', () => {
  it('holds an export of another request while inline content is unsent, and runs it once that response is sent', async () => {
    // A budget of one byte: any unsent content fills it.
    const exports = createServices(server.instance.store, undefined, { exportBytesInFlight: 1 }).exports;
    const viewerOf = (name: string, requestId: string): Actor => forOperation({ id: `test:${name}`, name, role: 'VIEWER' }, 'coverageReport', { requestId });
    const sentA = new AbortController();
    const first = (await exports.coverageReport(viewerOf('a', 'request-a'), {}, 'CSV'))!;
    expect(exports.usage().bytesInFlight).toBe(0); // a produced document is a file, not memory
    await exports.content(viewerOf('a', 'request-a'), first, undefined, sentA.signal);
    expect(exports.usage()).toMatchObject({ bytesInFlight: first.byteLength, waitingForRoom: 0 });

    const events: string[] = [];
    const sentB = new AbortController();
    const second = exports.coverageReport(viewerOf('b', 'request-b'), {}, 'CSV').then((doc) => {
      events.push('second produced');
      return doc!;
    });
    // Until the second export waits for room (or, were the budget not enforced, is produced).
    while (exports.usage().waitingForRoom === 0 && events.length === 0) await new Promise((resolve) => setImmediate(resolve));
    events.push('first response sent');
    sentA.abort();
    const doc = await second;
    expect(events).toEqual(['first response sent', 'second produced']);
    expect(Buffer.byteLength(await exports.content(viewerOf('b', 'request-b'), doc, undefined, sentB.signal))).toBe(doc.byteLength);
    expect(exports.usage()).toMatchObject({ bytesInFlight: doc.byteLength, waitingForRoom: 0 });
    sentB.abort();
    expect(exports.usage().bytesInFlight).toBe(0);
  });

  it('does not count content whose response was already sent (the request answered early)', async () => {
    const exports = createServices(server.instance.store, undefined, { exportBytesInFlight: 1 }).exports;
    const sent = new AbortController();
    sent.abort();
    const actor = forOperation({ id: 'test:early', name: 'early', role: 'VIEWER' }, 'mappingsExport', { requestId: 'request-early' });
    await exports.content(actor, await exports.mappings(actor, null), undefined, sent.signal);
    expect(exports.usage().bytesInFlight).toBe(0);
  });
});
