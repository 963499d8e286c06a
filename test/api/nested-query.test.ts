import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';

/**
 * DataLoaders on every edge: the statements a nested query runs do not grow with the number of
 * rows it returns.
 */
let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql) => statements.push(sql) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const NESTED = `{
  frameworks(first: 100) {
    totalCount
    edges { node {
      refId
      requirements(first: 100) { totalCount edges { node {
        refId
        children { edges { node { refId } } }
        mappings { edges { node {
          relationship
          control {
            refId
            evidence { edges { node { title status controls { edges { node { refId } } } } } }
          }
        } } }
      } } }
    } }
  }
}`;

/** Adds one framework with `size` requirements, each mapped to its own control with two evidence items. */
async function addFramework(tag: string, size: number): Promise<void> {
  const fw = await server.data(
    `mutation($i: FrameworkCreateInput!) { frameworkCreate(input: $i) { framework { id } } }`,
    { i: { refId: `nested-${tag}`, name: `Nested ${tag}`, kind: 'STANDARD' } },
  );
  const frameworkId = fw.frameworkCreate.framework.id;
  for (let n = 0; n < size; n++) {
    const r = await server.data(
      `mutation($i: RequirementCreateInput!) { requirementCreate(input: $i) { requirement { id } userErrors { message } } }`,
      { i: { frameworkId, refId: `${tag}-${n}`, title: `Requirement ${n}` } },
    );
    const c = await server.data(
      `mutation($i: ControlCreateInput!) { controlCreate(input: $i) { control { id } userErrors { message } } }`,
      { i: { refId: `C-${tag}-${n}`, title: `Control ${n}`, type: 'PREVENTIVE' } },
    );
    const requirementId = r.requirementCreate.requirement.id;
    const controlId = c.controlCreate.control.id;
    await server.data(
      `mutation($i: MappingCreateInput!) { mappingCreate(input: $i) { mapping { id } userErrors { message } } }`,
      { i: { requirementId, controlId, relationship: 'SUBSET_OF', rationale: 'test' } },
    );
    for (const e of ['a', 'b']) {
      await server.data(
        `mutation($i: EvidenceCreateInput!) { evidenceCreate(input: $i) { evidence { id } userErrors { message } } }`,
        { i: { kind: 'LINK', title: `${tag}-${n}-${e}`, url: 'https://example.com/e', controlIds: [controlId] } },
      );
    }
  }
}

async function run(): Promise<{ statements: number; evidence: number }> {
  statements = [];
  const d = await server.data(NESTED);
  const evidence = d.frameworks.edges
    .flatMap((f: any) => f.node.requirements.edges)
    .flatMap((r: any) => r.node.mappings.edges)
    .flatMap((m: any) => m.node.control.evidence.edges).length;
  return { statements: statements.length, evidence };
}

describe('nested query frameworks → requirements → mappings → controls → evidence', () => {
  it('runs the same number of statements for 2 and for 40 requirements', async () => {
    await addFramework('small', 2);
    const small = await run();
    expect(small.evidence).toBe(4);

    await addFramework('large', 30);
    await addFramework('larger', 8);
    const large = await run();
    expect(large.evidence).toBe(80);

    expect(large.statements).toBe(small.statements);
    // frameworks, their count, requirement pages, requirement counts, children, mappings,
    // controls, evidence, evidence→controls: one statement each.
    expect(small.statements).toBeLessThanOrEqual(10);
  });
});
