import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requirementSortKey } from '../../domain/list-orders.js';
import { pageRequest, toConnection } from '../connection.js';
import { optionalInputId } from '../ids.js';

export const requirements: QueryResolvers['requirements'] = async (_, { filter, first, after }, ctx) => {
  const f = {
    frameworkId: optionalInputId(filter?.frameworkId, 'Framework'),
    parentId: optionalInputId(filter?.parentId, 'Requirement'),
    topLevelOnly: filter?.topLevelOnly,
    search: filter?.search,
    includeWithdrawn: filter?.includeWithdrawn,
  };
  const page = await ctx.services.requirements.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, requirementSortKey, () => ctx.services.requirements.count(ctx.actor, f));
};
