import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor } from './document.js';

export const bundleExport: QueryResolvers['bundleExport'] = (_, _args, ctx) => ctx.services.exports.bundle(exportActor(ctx, 'bundleExport'), requestSignal(ctx));
