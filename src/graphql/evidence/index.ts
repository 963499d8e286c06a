/** The evidence domain: schema/evidence.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Evidence } from './Evidence.js';
import { EvidenceReview } from './EvidenceReview.js';
import { evidence as controlEvidence } from './Control.evidence.js';
import { evidence } from './Query.evidence.js';
import { evidenceCreate } from './Mutation.evidenceCreate.js';
import { evidenceReview } from './Mutation.evidenceReview.js';

export const resolvers: Resolvers = {
  Query: { evidence },
  Mutation: { evidenceCreate, evidenceReview },
  Evidence,
  EvidenceReview,
  Control: { evidence: controlEvidence },
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'Evidence', load: (ctx, id) => ctx.loaders.evidenceById.load(id) },
  { type: 'EvidenceReview', load: (ctx, id) => ctx.loaders.evidenceReviewById.load(id) },
];
