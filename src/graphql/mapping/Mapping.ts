import { GraphQLError } from 'graphql';
import type { MappingResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

/** The row a non-null edge points at; a missing one is a broken invariant, not a client error. */
function present<T>(row: T | null, what: string): T {
  if (row === null) throw new GraphQLError(`${what} of a mapping is missing`);
  return row;
}

export const Mapping: MappingResolvers = {
  id: (row) => toGlobalId('Mapping', row.id),
  requirement: async (row, _, ctx) => present(await ctx.loaders.requirementById.load(row.requirementId), 'requirement'),
  control: async (row, _, ctx) => present(await ctx.loaders.controlById.load(row.controlId), 'control'),
  revisions: (row, _, ctx) => ctx.loaders.mappingRevisionsByMapping.load(row.id),
};
