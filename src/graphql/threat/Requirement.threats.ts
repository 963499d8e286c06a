import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { threatSortKey } from '../../domain/list-orders.js';
import { lazyConnection, pageRequest } from '../connection.js';

/** One page per requirement, cut in SQL: at most `first` + 1 rows per requirement are read. */
export const threats: RequirementResolvers['threats'] = (row, { first, after }, ctx) => {
  const page = pageRequest(first, after);
  return lazyConnection(
    async () => {
      const links = await ctx.loaders.requirementThreatPages.load({ parent: row.id, options: null, page });
      return { ...links, items: links.items.map((l) => l.threat) };
    },
    threatSortKey,
    () => ctx.loaders.requirementThreatCounts.load({ parent: row.id, options: null }),
  );
};
