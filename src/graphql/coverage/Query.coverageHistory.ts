import type { QueryResolvers } from '../generated/resolvers-types.js';
import { coverageSnapshotSortKey, type CoverageHistoryFilter } from '../../services/coverage-service.js';
import { pageRequest, toConnection } from '../connection.js';
import { inputId } from '../ids.js';

/** Ordered by (at, id); unknown ids match nothing. */
export const coverageHistory: QueryResolvers['coverageHistory'] = async (_, args, ctx) => {
  const page = pageRequest(args.first, args.after);
  const aiSystemId = args.scope?.aiSystemId;
  const filter: CoverageHistoryFilter = {
    frameworkId: inputId(args.frameworkId, 'Framework'),
    aiSystemId: aiSystemId == null ? null : inputId(aiSystemId, 'AISystem'),
    viaCrosswalks: args.viaCrosswalks ?? true,
    from: args.from,
    to: args.to,
  };
  const result = await ctx.services.coverage.history(ctx.actor, filter, page);
  return toConnection(result, coverageSnapshotSortKey, () => ctx.services.coverage.historyCount(ctx.actor, filter));
};
