import type { QueryResolvers } from '../generated/resolvers-types.js';
import { requestSignal } from './request-end.js';
import { exportActor, frameworkIdsArg } from './document.js';

export const mappingsExport: QueryResolvers['mappingsExport'] = (_, args, ctx) =>
  ctx.services.exports.mappings(exportActor(ctx, 'mappingsExport'), frameworkIdsArg(args.frameworkIds), requestSignal(ctx));
