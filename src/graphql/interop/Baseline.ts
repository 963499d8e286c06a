import type { BaselineResolvers } from '../generated/resolvers-types.js';
import { baselineApplicationSortKey, baselineMemberSortKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';
import { toGlobalId } from '../global-id.js';

export const Baseline: BaselineResolvers = {
  id: (row) => toGlobalId('Baseline', row.id),
  framework: async (row, _, ctx) => {
    const framework = await ctx.loaders.frameworkById.load(row.frameworkId);
    if (!framework) throw new Error(`framework ${row.frameworkId} of baseline ${row.id} is missing`);
    return framework;
  },
  requirementCount: async (row, _, ctx) => (await ctx.loaders.baselineMembers.load(row.id)).length,
  requirements: async (row, { first, after }, ctx) => {
    pageRequest(first, after);
    return arrayConnection(await ctx.loaders.baselineMembers.load(row.id), baselineMemberSortKey, { first, after });
  },
  applications: async (row, { includeRetired, first, after }, ctx) => {
    pageRequest(first, after);
    const applications = (await ctx.loaders.baselineApplications.load(row.id)).filter((a) => includeRetired || a.retiredAt === null);
    return arrayConnection(applications, baselineApplicationSortKey, { first, after });
  },
};
