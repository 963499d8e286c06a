import type { QueryResolvers } from '../generated/resolvers-types.js';
import type { RequirementFilter } from '../../db/repositories/requirement-repository.js';
import { requirementSortKey } from '../../db/repositories/requirement-repository.js';
import { pageRequest, toConnection } from '../connection.js';
import { optionalInputId } from '../ids.js';

export const requirements: QueryResolvers['requirements'] = async (_, { filter, first, after }, ctx) => {
  const f: RequirementFilter = {
    frameworkId: optionalInputId(filter?.frameworkId, 'Framework'),
    parentId: optionalInputId(filter?.parentId, 'Requirement'),
    topLevelOnly: filter?.topLevelOnly,
    search: filter?.search,
    includeWithdrawn: filter?.includeWithdrawn,
  };
  const page = await ctx.services.requirements.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, requirementSortKey, () => ctx.services.requirements.count(ctx.actor, f));
};
