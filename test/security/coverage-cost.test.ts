/**
 * Hostile suite, work per request (issue 16, item 1): each distinct coverage evaluation a request
 * names (scope, instant, crosswalk options) costs what the graph weighs, once.
 *
 * | request                                                          | role   | expected                               |
 * |------------------------------------------------------------------|--------|----------------------------------------|
 * | 20 aliased coverage(asOf: distinct instants)                      | VIEWER | 400 QUERY_COST_EXCEEDED, nothing evaluated |
 * | 20 aliased coverage(asOf: one instant)                            | VIEWER | 200, cost = one evaluation + fields    |
 * | a dashboard: coverage, gaps, threatExposure now, two AI systems   | VIEWER | 200, cost = three evaluations + fields |
 * | Framework.coverage inside a list of frameworks                    | VIEWER | 200, one evaluation, not one per item  |
 *
 * The server counts one cost unit per COVERAGE_TEST_ROWS_PER_UNIT rows (instead of 4,000) so that a
 * built-in catalog weighs like a large organisation; the unit tests below use the real rule with
 * the benchmark's sizes. (Fifty aliases are refused by the alias limit of 20 before the cost.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import {
  coverageEvaluationWeight,
  MAXIMUM_COVERAGE_EVALUATION_COST,
  MAXIMUM_QUERY_COST,
  operationCost,
  QUERY_COST_EXCEEDED,
} from '../../src/graphql/cost.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { MAX_ALIASES } from '../../src/graphql/limits.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { expectRefusal, postJson, repeat } from './support.js';
import { createControl, ERRORS } from '../support/create-through-api.js';
import { DataSizeRepository } from '../../src/db/repositories/data-size-repository.js';

const COVERAGE_TEST_ROWS_PER_UNIT = 2;

const schema = buildSchema();
const documents = new Map<string, DocumentNode>();
/** The cost the server's rule gives `query` with `weight` per coverage evaluation (exports weigh nothing). */
function costOf(query: string, weight: number, variables: Record<string, unknown> = {}): number | undefined {
  const document = documents.get(query) ?? documents.set(query, parse(query)).get(query)!;
  const operation = document.definitions[0] as OperationDefinitionNode;
  return operationCost(schema, document, operation, variables, { version: `w${weight}`, of: () => undefined, coverageEvaluation: weight });
}
/** A dashboard's request: three scopes "now" (three evaluations). */
const DASHBOARD = `query($a: ID, $b: ID) {
  org: coverage { totals { total covered } frameworks { framework { refId } total covered partial uncovered } }
  gaps(first: 20) { totalCount edges { node { requirement { refId } status } } }
  threatExposure(first: 20) { totalCount }
  a: coverage(scope: { aiSystemId: $a }) { totals { covered } }
  b: coverage(scope: { aiSystemId: $b }) { totals { covered } }
}`;
/** Distinct past instants (any will do where nothing runs). */
const instant = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();

describe('the weight of coverage evaluations (real rule, benchmark sizes)', () => {
  // Size M: ~23,000 requirements, 100,000 mappings, 2,000 links, ~500,000 evidence links and
  // 390,000 reviews; L is five times that (docs/performance.md).
  const M = coverageEvaluationWeight(23_000 + 100_000 + 2_000 + 500_000 + 390_000);
  const L = coverageEvaluationWeight(5 * (23_000 + 100_000 + 2_000 + 500_000 + 390_000));

  it('refuses 50 distinct instants at size M and allows the same 50 aliases at one instant', () => {
    const distinct = `{ ${repeat((i) => `a${i}: coverage(asOf: "${instant(i)}") { totals { covered } }`, 50)} }`;
    const same = `{ ${repeat((i) => `a${i}: coverage(asOf: "${instant(0)}") { totals { covered } }`, 50)} }`;
    expect(costOf(distinct, M)).toBeGreaterThan(MAXIMUM_QUERY_COST);
    expect(costOf(same, M)).toBe(M + 50 * 3);
  });

  it('keeps a dashboard of three scopes "now" far under the budget at M and L', () => {
    const variables = { a: 'QUlTeXN0ZW06MQ==', b: 'QUlTeXN0ZW06Mg==' };
    expect(costOf(DASHBOARD, M, variables)).toBeLessThan(MAXIMUM_QUERY_COST / 5);
    expect(costOf(DASHBOARD, L, variables)).toBeLessThan(MAXIMUM_QUERY_COST / 2);
    // The two variables naming one system: one evaluation fewer.
    expect(costOf(DASHBOARD, M, { a: variables.a, b: variables.a })).toBe(costOf(DASHBOARD, M, variables)! - M);
  });

  it('is capped so that a request holds ten evaluations at any size', () => {
    expect(coverageEvaluationWeight(1e12)).toBe(MAXIMUM_COVERAGE_EVALUATION_COST);
    expect(10 * MAXIMUM_COVERAGE_EVALUATION_COST).toBeLessThanOrEqual(MAXIMUM_QUERY_COST);
    expect(coverageEvaluationWeight(0)).toBe(1);
  });

  it('charges each key once: a list of frameworks with their coverage costs one evaluation, not one per item', () => {
    const nested = (asOf: string) =>
      `{ frameworks(first: 50) { edges { node { refId coverage${asOf} { total } requirements(first: 10) { edges { node { coverage${asOf} { status } applicable } } } } } } }`;
    const plain = costOf(nested(''), 0)!;
    expect(costOf(nested(''), 100)).toBe(plain + 100); // "now", org, crosswalks depth 3: one key
    expect(costOf(nested(`(asOf: "${instant(1)}")`), 100)).toBe(plain + 200); // the asOf one and applicable's "now"
  });

  it('tells evaluations apart by scope, instant and crosswalk options, and what-ifs by occurrence', () => {
    const keys = (fields: string) => (costOf(`{ ${fields} }`, 1_000)! - costOf(`{ ${fields} }`, 0)!) / 1_000;
    expect(keys('a: coverage { asOf } b: coverage(viaCrosswalks: true, maxCrosswalkDepth: 3) { asOf }')).toBe(1);
    expect(keys('a: coverage(viaCrosswalks: false) { asOf } b: coverage(viaCrosswalks: false, maxCrosswalkDepth: 7) { asOf }')).toBe(1);
    expect(keys('a: coverage(maxCrosswalkDepth: 2) { asOf } b: coverage(maxCrosswalkDepth: 3) { asOf }')).toBe(2);
    expect(keys(`a: coverage { asOf } b: gaps(filter: { aiSystemId: "QUlTeXN0ZW06MQ==" }) { totalCount }`)).toBe(2);
    expect(keys(`a: coverage(asOf: "${instant(1)}") { asOf } b: threatExposure(asOf: "${instant(1)}") { totalCount }`)).toBe(1);
    expect(keys('a: controlImpact(controlId: "x") { asOf } b: controlImpact(controlId: "y") { asOf }')).toBe(3);
    expect(keys('coverageSimulation(changes: []) { asOf } coverage { asOf }')).toBe(2);
    expect(keys(`a: coverage { asOf } b: coverage(asOf: "${instant(1)}") @skip(if: true) { asOf }`)).toBe(1);
    const viaFragments = `{ ...F ... on Query { c: coverage(asOf: "${instant(2)}") { asOf } } } fragment F on Query { a: coverage(asOf: "${instant(1)}") { asOf } b: coverage(asOf: "${instant(2)}") { asOf } }`;
    expect((costOf(viaFragments, 1_000)! - costOf(viaFragments, 0)!) / 1_000).toBe(2);
  });
});

describe('over HTTP, on a built-in catalog weighed like a large organisation', () => {
  let server: TestServer;
  let viewer: GraphQLClient;
  /** What one evaluation costs on this server. */
  let weight: number;
  const evaluations = () => {
    const { hits, misses } = server.instance.services.coverage.stats();
    return hits + misses;
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: 'nist-sp800-53-rev5', coverageRowsPerCostUnit: COVERAGE_TEST_ROWS_PER_UNIT });
    viewer = await server.as('VIEWER');
    const { rows } = await server.instance.services.coverage.evaluationRows();
    weight = coverageEvaluationWeight(rows, COVERAGE_TEST_ROWS_PER_UNIT);
  }, 120_000);
  afterAll(() => server?.close());

  it('weighs the catalog so that the aliases allowed at distinct instants exceed the budget (precondition)', () => {
    expect(weight * MAX_ALIASES).toBeGreaterThan(MAXIMUM_QUERY_COST);
    expect(weight).toBeLessThan(MAXIMUM_COVERAGE_EVALUATION_COST);
  });

  it(`refuses ${MAX_ALIASES} aliased coverage(asOf: distinct instants) with QUERY_COST_EXCEEDED before evaluating any`, async () => {
    const query = `{ ${repeat((i) => `a${i}: coverage(asOf: "${instant(i)}") { totals { covered } }`, MAX_ALIASES)} }`;
    const before = evaluations();
    const answer = await postJson(server, { query }, { token: viewer.token });
    expectRefusal(answer, 400, QUERY_COST_EXCEEDED);
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors[0].extensions.cost.requestedQueryCost).toBe(costOf(query, weight));
    expect(answer.json.errors[0].extensions.cost.requestedQueryCost).toBeGreaterThan(MAXIMUM_QUERY_COST);
    expect(evaluations()).toBe(before);
  });

  it('refuses distinct instants given through variables and nested fields just the same', async () => {
    const variables = Object.fromEntries(Array.from({ length: MAX_ALIASES }, (_, i) => [`t${i}`, instant(i)]));
    const declared = Object.keys(variables).map((v) => `$${v}: DateTime`).join(', ');
    const query = `query(${declared}) { frameworks(first: 1) { edges { node { ${repeat((i) => `c${i}: coverage(asOf: $t${i}) { total }`, MAX_ALIASES)} } } } }`;
    const before = evaluations();
    expectRefusal(await postJson(server, { query, variables }, { token: viewer.token }), 400, QUERY_COST_EXCEEDED);
    expect(evaluations()).toBe(before);
  });

  it(`allows the same ${MAX_ALIASES} aliases at one instant, costed as one evaluation`, async () => {
    const at = new Date().toISOString(); // after the catalog was seeded
    const query = `{ ${repeat((i) => `a${i}: coverage(asOf: "${at}") { totals { covered } }`, MAX_ALIASES)} }`;
    const answer = await postJson(server, { query }, { token: viewer.token });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data.a0).toEqual(answer.json.data[`a${MAX_ALIASES - 1}`]);
    expect(answer.json.extensions.cost.requestedQueryCost).toBe(weight + MAX_ALIASES * 3);
  });

  it('allows a dashboard of three scopes "now" and reports its cost with three evaluations', async () => {
    const created = await Promise.all(
      ['dashboard-a', 'dashboard-b'].map((name) =>
        server.data(`mutation($input: AISystemCreateInput!) { aiSystemCreate(input: $input) { aiSystem { id } userErrors { message } } }`, {
          input: { name, description: 'An AI system of the dashboard test', riskLevel: 'HIGH', role: 'DEPLOYER' },
        }),
      ),
    );
    const [a, b] = created.map((c) => c.aiSystemCreate.aiSystem.id);
    const query = DASHBOARD;
    const answer = await postJson(server, { query, variables: { a, b } }, { token: viewer.token });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    const cost = answer.json.extensions.cost.requestedQueryCost;
    expect(cost).toBe(costOf(query, 0, { a, b })! + 3 * weight);
    expect(cost).toBeLessThan(MAXIMUM_QUERY_COST / 2);
  });

  it('charges Framework.coverage and Requirement.coverage inside lists once per key, not per item', async () => {
    const query = `{ frameworks(first: 5) { edges { node { refId coverage { total covered }
      requirements(first: 20) { edges { node { refId coverage { status } } } } } } } }`;
    const answer = await postJson(server, { query }, { token: viewer.token });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.extensions.cost.requestedQueryCost).toBe(costOf(query, 0)! + weight);
  });
});

describe('the rows an evaluation weighs follow the data', () => {
  let server: TestServer;
  afterAll(() => server?.close());

  /** The rows as the data-size statements count them (requirements not withdrawn, live mappings and links, evidence links, reviews). */
  async function rowsBySql(): Promise<number> {
    const size = await new DataSizeRepository(server.instance.store.read).read();
    return size.requirements + size.mappings + size.links + size.evidenceLinks + size.evidenceReviews;
  }

  it('counts the same rows as the data-size statements after each kind of write, and changes version with them', async () => {
    server = await startTestServer({ seed: 'nist-ai-rmf-1.0' });
    const d = await server.data(`{ requirements(first: 3) { edges { node { id } } } }`);
    const [r1, r2] = d.requirements.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    const versions = new Set<string>();
    const check = async () => {
      const answer = await server.instance.services.coverage.evaluationRows();
      versions.add(answer.version);
      expect(answer.rows).toBe(await rowsBySql());
    };
    await check();
    const control = await createControl(server, 'COST-1');
    const m = await server.data(
      `mutation($input: MappingCreateInput!) { mappingCreate(input: $input) { mapping { id } ${ERRORS} } }`,
      { input: { requirementId: r1, controlId: control, relationship: 'EQUAL' } },
    );
    expect(m.mappingCreate.userErrors).toEqual([]);
    await check();
    const e = await server.data(
      `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } ${ERRORS} } }`,
      { input: { kind: 'ATTESTATION', title: 'Operates', description: 'Signed.', controlIds: [control] } },
    );
    expect(e.evidenceCreate.userErrors).toEqual([]);
    await check();
    const review = await server.data(
      `mutation($input: EvidenceReviewInput!) { evidenceReview(input: $input) { ${ERRORS} } }`,
      { input: { evidenceId: e.evidenceCreate.evidence.id, decision: 'ACCEPTED' } },
    );
    expect(review.evidenceReview.userErrors).toEqual([]);
    await check();
    const retired = await server.data(`mutation($input: MappingRetireInput!) { mappingRetire(input: $input) { ${ERRORS} } }`, {
      input: { id: m.mappingCreate.mapping.id },
    });
    expect(retired.mappingRetire.userErrors).toEqual([]);
    await check();
    const withdrawn = await server.data(`mutation($input: RequirementUpdateInput!) { requirementUpdate(input: $input) { ${ERRORS} } }`, {
      input: { id: r2, withdrawn: true },
    });
    expect(withdrawn.requirementUpdate.userErrors).toEqual([]);
    await check();
    expect(versions.size).toBe(6);
  }, 120_000);
});
