import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { fromGlobalId } from '../global-id.js';

/** By global id or name, exactly one of them. */
export const aiSystem: QueryResolvers['aiSystem'] = async (_, { id, name }, ctx) => {
  if ((id == null) === (name == null)) {
    throw new GraphQLError('give exactly one of "id" and "name"', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (name != null) return (await ctx.services.aiSystems.findByName(ctx.actor, name)) ?? null;
  const rowId = fromGlobalId(id!, 'AISystem');
  return rowId === null ? null : ctx.loaders.aiSystemById.load(rowId);
};
