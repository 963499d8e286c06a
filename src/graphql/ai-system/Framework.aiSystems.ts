import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { groupConnection } from '../connection.js';
import { aiSystemSortKey } from '../../domain/list-orders.js';

/** Framework.aiSystems: the AI systems the framework applies to, by name; one page per framework, cut in SQL. */
export const aiSystems: FrameworkResolvers['aiSystems'] = (row, { first, after }, ctx) => {
  return groupConnection({ pages: ctx.loaders.frameworkAiSystemPages, counts: ctx.loaders.frameworkAiSystemCounts }, { parent: row.id, options: null }, { first, after }, aiSystemSortKey);
};
