import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { fromGlobalId } from '../global-id.js';

/** By global id or refId, exactly one of them. */
export const baseline: QueryResolvers['baseline'] = async (_, { id, refId }, ctx) => {
  if ((id == null) === (refId == null)) {
    throw new GraphQLError('give exactly one of "id" and "refId"', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (refId != null) return (await ctx.services.baselines.findByRefId(ctx.actor, refId)) ?? null;
  const rowId = fromGlobalId(id!, 'Baseline');
  return rowId === null ? null : ctx.loaders.baselineById.load(rowId);
};
