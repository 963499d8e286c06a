import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor } from './document.js';

export const evidenceExport: QueryResolvers['evidenceExport'] = (_, __, ctx) =>
  ctx.services.exports.evidence(exportActor(ctx, 'evidenceExport'), requestSignal(ctx));
