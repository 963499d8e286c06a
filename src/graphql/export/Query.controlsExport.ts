import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor } from './document.js';

export const controlsExport: QueryResolvers['controlsExport'] = (_, __, ctx) =>
  ctx.services.exports.controls(exportActor(ctx, 'controlsExport'), requestSignal(ctx));
