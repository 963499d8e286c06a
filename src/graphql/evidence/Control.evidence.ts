import type { ControlResolvers } from '../generated/resolvers-types.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { evidenceSortKey, type ControlEvidenceOptions } from '../../domain/list-orders.js';

/** One page per control, cut in SQL: at most `first` + 1 rows per control are read. */
export const evidence: ControlResolvers['evidence'] = (row, { statuses, first, after }, ctx) => {
  const options: ControlEvidenceOptions = { statuses: statuses?.length ? [...statuses].sort() : null };
  const page = pageRequest(first, after);
  return lazyConnection(
    () => ctx.loaders.controlEvidencePages.load({ parent: row.id, options, page }),
    evidenceSortKey,
    () => ctx.loaders.controlEvidenceCounts.load({ parent: row.id, options }),
  );
};
