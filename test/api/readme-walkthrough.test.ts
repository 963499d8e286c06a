import { readFileSync } from 'node:fs';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The README's "A first session" is run as written, in order, against a server seeded with the
 * AI RMF: if the README drifts from the API, this test fails.
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('### A first session'), README.indexOf('\n## ', README.indexOf('### A first session')));
const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: 'nist-ai-rmf-1.0' });
});
afterAll(() => server.close());

describe('README first session', () => {
  it('has the steps', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('works as written: control mapped to an AI RMF subcategory, evidence accepted, seen from both ends', async () => {
    const vars: Record<string, string> = {};
    const results: any[] = [];
    for (const block of blocks) {
      const operations = parse(block).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      for (const op of operations) {
        const variables = Object.fromEntries(
          (op.variableDefinitions ?? []).map((v) => [v.variable.name.value, vars[v.variable.name.value]]),
        );
        const result = op.name ? await fetchNamed(block, op.name.value, variables) : await server.gql(block, variables);
        expect(result.errors, block).toBeUndefined();
        results.push(result.data);
        collectIds(result.data, vars);
      }
    }
    const both = results.at(-1);
    expect(both.requirement.mappings.edges.map((e: any) => e.node.control.refId)).toContain('SEC-RT-01');
    expect(both.node.requirements.edges.map((e: any) => e.node.refId)).toContain('MEASURE 2.7');
    expect(both.node.evidence.edges.map((e: any) => e.node.status)).toEqual(['ACCEPTED']);
  });
});

/** Runs one named operation of a multi-operation document. */
async function fetchNamed(document: string, operationName: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** Remembers ids by the name the README's variables use. */
function collectIds(data: any, vars: Record<string, string>): void {
  if (data?.requirement?.id) vars.requirementId = data.requirement.id;
  if (data?.controlCreate?.control?.id) vars.controlId = data.controlCreate.control.id;
  if (data?.evidenceCreate?.evidence?.id) vars.evidenceId = data.evidenceCreate.evidence.id;
}
