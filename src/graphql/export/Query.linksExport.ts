import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument, frameworkIdsArg } from './document.js';

export const linksExport: QueryResolvers['linksExport'] = async (_, args, ctx) =>
  exportDocument(await ctx.services.exports.links(exportActor(ctx, 'linksExport'), frameworkIdsArg(args.frameworkIds), requestSignal(ctx), ctx.responseSent));
