import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument } from './document.js';

export const controlsExport: QueryResolvers['controlsExport'] = async (_, __, ctx) =>
  exportDocument(await ctx.services.exports.controls(exportActor(ctx, 'controlsExport'), requestSignal(ctx), ctx.responseSent));
