import type { EvidenceResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { provenanceOf } from './provenance.js';
import { lazyConnection, pageRequest } from '../connection.js';
import { controlSortKey } from '../../domain/list-orders.js';

export const Evidence: EvidenceResolvers = {
  id: (row) => toGlobalId('Evidence', row.id),
  /** One page per evidence item, cut in SQL: at most `first` + 1 rows per item are read. */
  controls: (row, { first, after }, ctx) => {
    const page = pageRequest(first, after);
    return lazyConnection(
      () => ctx.loaders.evidenceControlPages.load({ parent: row.id, options: null, page }),
      controlSortKey,
      () => ctx.loaders.evidenceControlCounts.load({ parent: row.id, options: null }),
    );
  },
  aiSystem: (row, _, ctx) => (row.aiSystemId == null ? null : ctx.loaders.aiSystemById.load(row.aiSystemId)),
  reviews: (row, _, ctx) => ctx.loaders.evidenceReviewsByEvidence.load(row.id),
  provenance: (row) => provenanceOf(row),
};
