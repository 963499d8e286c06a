import type { EvidenceResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { provenanceOf } from './provenance.js';
import { arrayConnection } from '../connection.js';
import { controlSortKey } from '../../domain/list-orders.js';

export const Evidence: EvidenceResolvers = {
  id: (row) => toGlobalId('Evidence', row.id),
  controls: async (row, { first, after }, ctx) =>
    arrayConnection(await ctx.loaders.controlsByEvidence.load(row.id), controlSortKey, { first, after }),
  aiSystem: (row, _, ctx) => (row.aiSystemId == null ? null : ctx.loaders.aiSystemById.load(row.aiSystemId)),
  reviews: (row, _, ctx) => ctx.loaders.evidenceReviewsByEvidence.load(row.id),
  provenance: (row) => provenanceOf(row),
};
