import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument } from './document.js';

export const bundleExport: QueryResolvers['bundleExport'] = async (_, _args, ctx) => exportDocument(await ctx.services.exports.bundle(exportActor(ctx, 'bundleExport'), requestSignal(ctx), ctx.responseSent));
