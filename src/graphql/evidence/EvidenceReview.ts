import type { EvidenceReviewResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { provenanceOf } from './provenance.js';

export const EvidenceReview: EvidenceReviewResolvers = {
  id: (row) => toGlobalId('EvidenceReview', row.id),
  provenance: (row) => provenanceOf(row),
};
