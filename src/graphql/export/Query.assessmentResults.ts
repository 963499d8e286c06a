import type { QueryResolvers } from '../generated/resolvers-types.js';
import { coverageOptions } from '../coverage/request.js';
import { requestSignal } from './request-end.js';
import { exportActor, frameworkIdsArg } from './document.js';

export const assessmentResults: QueryResolvers['assessmentResults'] = async (_, args, ctx) => {
  const options = { ...coverageOptions(ctx, args), frameworkIds: frameworkIdsArg(args.frameworkIds) };
  return ctx.services.exports.assessmentResults(exportActor(ctx, 'assessmentResults'), options, requestSignal(ctx));
};
