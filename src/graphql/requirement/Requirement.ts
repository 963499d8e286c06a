import type { RequirementResolvers } from '../generated/resolvers-types.js';
import type { RequirementRow } from '../../services/rows.js';
import { requirementSiblingKey, type RequirementChildOptions } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';
import { toGlobalId } from '../global-id.js';

/** Guards against a corrupt parent chain; real catalogs are a handful of levels deep. */
const MAX_DEPTH = 100;

export const Requirement: RequirementResolvers = {
  id: (row) => toGlobalId('Requirement', row.id),
  framework: async (row, _, ctx) => {
    const framework = await ctx.loaders.frameworkById.load(row.frameworkId);
    if (!framework) throw new Error(`requirement ${row.id} has no framework`);
    return framework;
  },
  parent: (row, _, ctx) => (row.parentId === null ? null : ctx.loaders.requirementById.load(row.parentId)),
  /** One page per parent, cut in SQL: at most `first` + 1 rows per parent are read. */
  children: (row, { includeWithdrawn, first, after }, ctx) => {
    const options: RequirementChildOptions = { includeWithdrawn: includeWithdrawn ?? false };
    return groupConnection({ pages: ctx.loaders.requirementChildPages, counts: ctx.loaders.requirementChildCounts }, { parent: row.id, options }, { first, after }, requirementSiblingKey);
  },
  /** Walks up one level per batch: a list of requirements costs one statement per depth level. */
  ancestors: async (row, _, ctx) => {
    const chain: RequirementRow[] = [];
    let parentId = row.parentId;
    while (parentId !== null && chain.length < MAX_DEPTH) {
      const parent = await ctx.loaders.requirementById.load(parentId);
      if (!parent) break;
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    return chain;
  },
};
