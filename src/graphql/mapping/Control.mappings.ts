import type { ControlResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import { mappedRequirementSortKey, mappingSortKey } from '../../db/repositories/mapping-repository.js';

export const mappings: ControlResolvers['mappings'] = async (row, { includeRetired, first, after }, ctx) => {
  const all = await ctx.loaders.mappingsByControl.load(row.id);
  const rows = includeRetired ? all : all.filter((m) => m.retiredAt === null);
  return arrayConnection(rows, mappingSortKey, { first, after });
};

export const requirements: ControlResolvers['requirements'] = async (row, { first, after }, ctx) =>
  arrayConnection(await ctx.loaders.requirementsByControl.load(row.id), mappedRequirementSortKey, { first, after });
