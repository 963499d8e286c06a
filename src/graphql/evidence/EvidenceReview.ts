import type { EvidenceReviewResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

export const EvidenceReview: EvidenceReviewResolvers = {
  id: (row) => toGlobalId('EvidenceReview', row.id),
};
