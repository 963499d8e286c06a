import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { aiSystemSortKey } from '../../domain/list-orders.js';

/** Framework.aiSystems: the AI systems the framework applies to, by name; one page per framework, cut in SQL. */
export const aiSystems: FrameworkResolvers['aiSystems'] = (row, { first, after }, ctx) => {
  const page = pageRequest(first, after);
  return lazyConnection(
    () => ctx.loaders.frameworkAiSystemPages.load({ parent: row.id, options: null, page }),
    aiSystemSortKey,
    () => ctx.loaders.frameworkAiSystemCounts.load({ parent: row.id, options: null }),
  );
};
