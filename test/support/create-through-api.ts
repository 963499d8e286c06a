/** Creating the items a test needs through the GraphQL API, each checked to have been created. */
import { expect } from 'vitest';
import type { GraphQLClient } from './server.js';

/** The selection of a mutation payload's user errors. */
export const ERRORS = 'userErrors { field message code }';

/** Creates a PREVENTIVE control titled `Control <refId>`; returns its id. */
export async function createControl(client: GraphQLClient, refId: string): Promise<string> {
  const d = await client.data(`mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id } ${ERRORS} } }`, {
    input: { refId, title: `Control ${refId}`, type: 'PREVENTIVE' },
  });
  expect(d.controlCreate.userErrors).toEqual([]);
  return d.controlCreate.control.id;
}

/** Creates an AI system (LIMITED risk, DEPLOYER); returns its id. */
export async function createAiSystem(client: GraphQLClient, name: string): Promise<string> {
  const d = await client.data(
    `mutation($name: String!) { aiSystemCreate(input: { name: $name, riskLevel: LIMITED, role: DEPLOYER }) { aiSystem { id } ${ERRORS} } }`,
    { name },
  );
  expect(d.aiSystemCreate.userErrors).toEqual([]);
  return d.aiSystemCreate.aiSystem.id;
}
