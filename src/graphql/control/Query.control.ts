import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { fromGlobalId } from '../global-id.js';

/** By global id or refId, exactly one of them. */
export const control: QueryResolvers['control'] = async (_, { id, refId }, ctx) => {
  if ((id == null) === (refId == null)) {
    throw new GraphQLError('give exactly one of "id" and "refId"', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (refId != null) return (await ctx.services.controls.findByRefId(ctx.actor, refId)) ?? null;
  const rowId = fromGlobalId(id!, 'Control');
  return rowId === null ? null : ctx.loaders.controlById.load(rowId);
};
