import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument } from './document.js';

export const evidenceExport: QueryResolvers['evidenceExport'] = async (_, __, ctx) =>
  exportDocument(await ctx.services.exports.evidence(exportActor(ctx, 'evidenceExport'), requestSignal(ctx), ctx.responseSent));
