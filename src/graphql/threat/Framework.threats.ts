import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { threatIdKey, type FrameworkThreatOptions } from '../../domain/list-orders.js';
import { pageRequest, toConnection } from '../connection.js';

export const threats: FrameworkResolvers['threats'] = async (row, args, ctx) => {
  const options: FrameworkThreatOptions = { topLevelOnly: args.topLevelOnly ?? false };
  const page = pageRequest(args.first, args.after);
  const result = await ctx.loaders.frameworkThreatPages.load({ parent: row.id, options, page });
  return toConnection(result, threatIdKey, () => ctx.loaders.frameworkThreatCounts.load({ parent: row.id, options }));
};
