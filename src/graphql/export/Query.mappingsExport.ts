import type { QueryResolvers } from '../generated/resolvers-types.js';
import { exportDocument, frameworkIdsArg } from './document.js';

export const mappingsExport: QueryResolvers['mappingsExport'] = async (_, args, ctx) =>
  exportDocument(await ctx.services.exports.mappings(ctx.actor, frameworkIdsArg(args.frameworkIds)));
