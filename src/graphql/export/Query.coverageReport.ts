import type { QueryResolvers } from '../generated/resolvers-types.js';
import { coverageOptions } from '../coverage/request.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument, frameworkIdsArg } from './document.js';

export const coverageReport: QueryResolvers['coverageReport'] = async (_, args, ctx) => {
  const options = { ...coverageOptions(ctx, args), frameworkIds: frameworkIdsArg(args.frameworkIds) };
  const doc = await ctx.services.exports.coverageReport(exportActor(ctx, 'coverageReport'), options, args.format ?? 'CSV', requestSignal(ctx), ctx.responseSent);
  return doc && exportDocument(doc);
};
