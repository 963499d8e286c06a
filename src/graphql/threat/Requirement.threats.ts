import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { threatSortKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';

export const threats: RequirementResolvers['threats'] = async (row, { first, after }, ctx) => {
  pageRequest(first, after);
  const links = await ctx.loaders.threatsByRequirement.load(row.id);
  return arrayConnection(
    links.map((l) => l.threat),
    threatSortKey,
    { first, after },
  );
};
