import type { RequirementResolvers } from '../generated/resolvers-types.js';
import type { NotApplicableMarkRow } from '../../db/rows.js';
import { notApplicableMarkSortKey } from '../../db/repositories/applicability-repository.js';
import { arrayConnection, pageRequest } from '../connection.js';
import { optionalInputId } from '../ids.js';

/** Organisation-wide marks, plus the AI system's when one is given (an unknown id adds none). */
const inScope = (aiSystemId: number | null | undefined) => (mark: NotApplicableMarkRow) =>
  mark.aiSystemId === null || (aiSystemId != null && mark.aiSystemId === aiSystemId);

export const notApplicable: RequirementResolvers['notApplicable'] = async (
  row,
  { aiSystemId, includeRetired, first, after },
  ctx,
) => {
  pageRequest(first, after);
  const systemId = optionalInputId(aiSystemId, 'AISystem');
  const all = await ctx.loaders.notApplicableMarksByRequirement.load(row.id);
  const items = all.filter((mark) => inScope(systemId)(mark) && (includeRetired || mark.retiredAt === null));
  return arrayConnection(items, notApplicableMarkSortKey, { first, after });
};

export const applicable: RequirementResolvers['applicable'] = async (row, { aiSystemId }, ctx) => {
  const systemId = optionalInputId(aiSystemId, 'AISystem');
  const all = await ctx.loaders.notApplicableMarksByRequirement.load(row.id);
  return !all.some((mark) => mark.retiredAt === null && inScope(systemId)(mark));
};
