import type { QueryResolvers } from '../generated/resolvers-types.js';
import { coverageOptions } from '../coverage/request.js';
import { requestSignal } from './request-end.js';
import { exportActor, frameworkIdsArg } from './document.js';

export const coverageReport: QueryResolvers['coverageReport'] = async (_, args, ctx) => {
  const options = { ...coverageOptions(ctx, args), frameworkIds: frameworkIdsArg(args.frameworkIds) };
  return ctx.services.exports.coverageReport(exportActor(ctx, 'coverageReport'), options, args.format ?? 'CSV', requestSignal(ctx));
};
