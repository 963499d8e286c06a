import type { QueryResolvers } from '../generated/resolvers-types.js';
import { coverageOptions } from '../coverage/request.js';
import { requestSignal } from './request-end.js';
import { exportActor, exportDocument, frameworkIdsArg } from './document.js';

export const assessmentResults: QueryResolvers['assessmentResults'] = async (_, args, ctx) => {
  const options = { ...coverageOptions(ctx, args), frameworkIds: frameworkIdsArg(args.frameworkIds) };
  const doc = await ctx.services.exports.assessmentResults(exportActor(ctx, 'assessmentResults'), options, requestSignal(ctx), ctx.responseSent);
  return doc && exportDocument(doc);
};
