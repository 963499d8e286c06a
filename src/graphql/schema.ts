/** The executable schema: every SDL file in schema/ plus the composed resolvers. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { nodeLoaders, resolvers } from './resolvers.js';
import { checkIds } from './check-ids.js';
import { guardRootFields } from './guard-root-fields.js';

export const SCHEMA_FOLDER = fileURLToPath(new URL('../../schema', import.meta.url));

/** The SDL files in name order, concatenated. */
export function loadTypeDefs(folder = SCHEMA_FOLDER): string {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(`${folder}/${name}`, 'utf8'))
    .join('\n');
}

/** Fails when a root field has no authorization rule or an ID argument no declared type. */
export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as never,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  // Authorization is checked first (outermost), then ids.
  return guardRootFields(checkIds(schema, nodeLoaders));
}
