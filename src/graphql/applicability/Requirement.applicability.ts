import type { RequirementResolvers } from '../generated/resolvers-types.js';
import type { NotApplicableMarkRow } from '../../services/rows.js';
import { notApplicableMarkSortKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';
import { optionalInputId } from '../ids.js';
import { coverageAnswer } from '../coverage/request.js';

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

/**
 * Read from the coverage evaluation of the scope at the instant (the one `Requirement.coverage`
 * reads), so marks on ancestors count exactly as they do for coverage.
 */
export const applicable: RequirementResolvers['applicable'] = async (row, { aiSystemId, asOf }, ctx) =>
  (await coverageAnswer(ctx, { scope: { aiSystemId }, asOf }))?.applicable(row.id) ?? null;
