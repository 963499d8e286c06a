import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import { aiSystemSortKey } from '../../domain/list-orders.js';

/** Framework.aiSystems: the AI systems the framework applies to, by name. */
export const aiSystems: FrameworkResolvers['aiSystems'] = async (row, args, ctx) =>
  arrayConnection(await ctx.loaders.frameworkAiSystems.load(row.id), aiSystemSortKey, args);
