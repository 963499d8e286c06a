import type { ThreatResolvers } from '../generated/resolvers-types.js';
import { requirementSortKey, threatIdKey } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';
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
    return groupConnection({ pages: ctx.loaders.threatChildPages, counts: ctx.loaders.threatChildCounts }, { parent: row.id, options: null }, { first, after }, threatIdKey);
  },
  /** One page per threat, cut in SQL. */
  requirements: (row, { first, after }, ctx) =>
    groupConnection(
      { pages: ctx.loaders.threatRequirementPages, counts: ctx.loaders.threatRequirementCounts },
      { parent: row.id, options: null },
      { first, after },
      requirementSortKey,
      (link) => link.requirement,
    ),
};
