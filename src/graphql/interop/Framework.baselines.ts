import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { baselineSortKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';

export const baselines: FrameworkResolvers['baselines'] = async (row, { first, after }, ctx) => {
  pageRequest(first, after);
  return arrayConnection(await ctx.loaders.baselinesByFramework.load(row.id), baselineSortKey, { first, after });
};
