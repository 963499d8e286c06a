import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import { mappingSortKey } from '../../db/repositories/mapping-repository.js';

export const mappings: RequirementResolvers['mappings'] = async (row, { includeRetired, first, after }, ctx) => {
  const all = await ctx.loaders.mappingsByRequirement.load(row.id);
  const rows = includeRetired ? all : all.filter((m) => m.retiredAt === null);
  return arrayConnection(rows, mappingSortKey, { first, after });
};
