import type { ControlResolvers } from '../generated/resolvers-types.js';
import { groupConnection } from '../connection.js';
import { evidenceSortKey, type ControlEvidenceOptions } from '../../domain/list-orders.js';

/** One page per control, cut in SQL: at most `first` + 1 rows per control are read. */
export const evidence: ControlResolvers['evidence'] = (row, { statuses, first, after }, ctx) => {
  const options: ControlEvidenceOptions = { statuses: statuses?.length ? [...statuses].sort() : null };
  return groupConnection({ pages: ctx.loaders.controlEvidencePages, counts: ctx.loaders.controlEvidenceCounts }, { parent: row.id, options }, { first, after }, evidenceSortKey);
};
