import type { ThreatResolvers } from '../generated/resolvers-types.js';
import { requirementSortKey, threatIdKey } from '../../domain/list-orders.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { toGlobalId } from '../global-id.js';

export const Threat: ThreatResolvers = {
  id: (row) => toGlobalId('Threat', row.id),
  framework: async (row, _, ctx) => {
    const framework = await ctx.loaders.frameworkById.load(row.frameworkId);
    if (!framework) throw new Error(`threat ${row.id} has no framework`);
    return framework;
  },
  parent: (row, _, ctx) => (row.parentId === null ? null : ctx.loaders.threatById.load(row.parentId)),
  /** One page per parent, cut in SQL: at most `first` + 1 rows per parent are read. */
  children: (row, { first, after }, ctx) => {
    const page = pageRequest(first, after);
    return lazyConnection(
      () => ctx.loaders.threatChildPages.load({ parent: row.id, options: null, page }),
      threatIdKey,
      () => ctx.loaders.threatChildCounts.load({ parent: row.id, options: null }),
    );
  },
  /** One page per threat, cut in SQL. */
  requirements: (row, { first, after }, ctx) => {
    const page = pageRequest(first, after);
    return lazyConnection(
      async () => {
        const links = await ctx.loaders.threatRequirementPages.load({ parent: row.id, options: null, page });
        return { ...links, items: links.items.map((l) => l.requirement) };
      },
      requirementSortKey,
      () => ctx.loaders.threatRequirementCounts.load({ parent: row.id, options: null }),
    );
  },
};
