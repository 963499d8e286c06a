import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument, frameworkIdsArg } from './document.js';

export const mappingsExport: QueryResolvers['mappingsExport'] = async (_, args, ctx) =>
  exportDocument(await ctx.services.exports.mappings(exportActor(ctx, 'mappingsExport'), frameworkIdsArg(args.frameworkIds), requestSignal(ctx), ctx.responseSent));
