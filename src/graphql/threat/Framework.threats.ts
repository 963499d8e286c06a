import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { threatIdKey, type FrameworkThreatOptions } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';

/** One page per framework, cut in SQL: at most `first` + 1 rows per framework are read. */
export const threats: FrameworkResolvers['threats'] = (row, { topLevelOnly, first, after }, ctx) => {
  const options: FrameworkThreatOptions = { topLevelOnly: topLevelOnly ?? false };
  return groupConnection({ pages: ctx.loaders.frameworkThreatPages, counts: ctx.loaders.frameworkThreatCounts }, { parent: row.id, options }, { first, after }, threatIdKey);
};
