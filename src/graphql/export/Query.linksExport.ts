import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, frameworkIdsArg } from './document.js';

export const linksExport: QueryResolvers['linksExport'] = (_, args, ctx) =>
  ctx.services.exports.links(exportActor(ctx, 'linksExport'), frameworkIdsArg(args.frameworkIds), requestSignal(ctx));
