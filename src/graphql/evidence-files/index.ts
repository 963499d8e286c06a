/** Evidence files: schema/evidence-files.graphql (uploads and downloads are HTTP routes: src/http/blob-routes.ts). */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { integrity } from './Evidence.integrity.js';
import { evidenceAttach } from './Mutation.evidenceAttach.js';
import { evidenceAttachBulk } from './Mutation.evidenceAttachBulk.js';
import { evidenceVerify } from './Mutation.evidenceVerify.js';
import { evidenceIntegrityScan } from './Mutation.evidenceIntegrityScan.js';

export const resolvers: Resolvers = {
  Mutation: { evidenceAttach, evidenceAttachBulk, evidenceVerify, evidenceIntegrityScan },
  Evidence: { integrity },
};

export const nodeLoaders: NodeLoader[] = [];
