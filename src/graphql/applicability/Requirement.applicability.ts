import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { notApplicableMarkSortKey, type NotApplicableMarkOptions } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';
import { optionalInputId } from '../ids.js';
import { coverageAnswer } from '../coverage/request.js';

/**
 * Organisation-wide marks, plus the AI system's when one is given (an unknown id adds none); one
 * page per requirement, cut in SQL.
 */
export const notApplicable: RequirementResolvers['notApplicable'] = (row, { aiSystemId, includeRetired, first, after }, ctx) => {
  const options: NotApplicableMarkOptions = { aiSystemId: optionalInputId(aiSystemId, 'AISystem') ?? null, includeRetired: includeRetired ?? false };
  return groupConnection({ pages: ctx.loaders.notApplicableMarkPages, counts: ctx.loaders.notApplicableMarkCounts }, { parent: row.id, options }, { first, after }, notApplicableMarkSortKey);
};

/**
 * Read from the coverage evaluation of the scope at the instant (the one `Requirement.coverage`
 * reads), so marks on ancestors count exactly as they do for coverage.
 */
export const applicable: RequirementResolvers['applicable'] = async (row, { aiSystemId, asOf }, ctx) =>
  (await coverageAnswer(ctx, { scope: { aiSystemId }, asOf }))?.applicable(row.id) ?? null;
