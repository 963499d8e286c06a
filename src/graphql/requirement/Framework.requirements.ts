import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { frameworkRequirementKey, type FrameworkRequirementOptions } from '../../domain/list-orders.js';
import { pageRequest, toConnection } from '../connection.js';

export const requirements: FrameworkResolvers['requirements'] = async (row, args, ctx) => {
  const options: FrameworkRequirementOptions = {
    topLevelOnly: args.topLevelOnly ?? false,
    includeWithdrawn: args.includeWithdrawn ?? false,
  };
  const page = pageRequest(args.first, args.after);
  const result = await ctx.loaders.frameworkRequirementPages.load({ parent: row.id, options, page });
  return toConnection(result, frameworkRequirementKey(options), () =>
    ctx.loaders.frameworkRequirementCounts.load({ parent: row.id, options }),
  );
};
