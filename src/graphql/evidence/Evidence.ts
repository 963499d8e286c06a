import type { EvidenceResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { provenanceOf } from './provenance.js';
import { groupConnection } from '../connection.js';
import { controlSortKey } from '../../domain/list-orders.js';

export const Evidence: EvidenceResolvers = {
  id: (row) => toGlobalId('Evidence', row.id),
  /** One page per evidence item, cut in SQL: at most `first` + 1 rows per item are read. */
  controls: (row, { first, after }, ctx) => {
    return groupConnection({ pages: ctx.loaders.evidenceControlPages, counts: ctx.loaders.evidenceControlCounts }, { parent: row.id, options: null }, { first, after }, controlSortKey);
  },
  aiSystem: (row, _, ctx) => (row.aiSystemId == null ? null : ctx.loaders.aiSystemById.load(row.aiSystemId)),
  reviews: (row, _, ctx) => ctx.loaders.evidenceReviewsByEvidence.load(row.id),
  provenance: (row) => provenanceOf(row),
};
