import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { fromGlobalId } from '../global-id.js';

/** By global id, or by frameworkRefId and refId together. */
export const requirement: QueryResolvers['requirement'] = async (_, { id, frameworkRefId, refId }, ctx) => {
  if (id != null && frameworkRefId == null && refId == null) {
    const rowId = fromGlobalId(id, 'Requirement');
    return rowId === null ? null : ctx.loaders.requirementById.load(rowId);
  }
  if (id == null && frameworkRefId != null && refId != null) {
    return (await ctx.services.requirements.findByRefId(ctx.actor, frameworkRefId, refId)) ?? null;
  }
  throw new GraphQLError('give either "id", or both "frameworkRefId" and "refId"', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
};
