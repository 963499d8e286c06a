import type { ThreatExposure } from '../../domain/coverage/index.js';
import type { SortKey } from '../../domain/paging.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { arrayConnection, pageRequest } from '../connection.js';
import { coverageAnswer } from './request.js';

const threatKey = (t: ThreatExposure): SortKey => [t.frameworkId, t.threatId];

/** Ordered by (threat catalog id, threat id); an unknown AI system gives an empty list. */
export const threatExposure: QueryResolvers['threatExposure'] = async (_, args, ctx) => {
  pageRequest(args.first, args.after);
  const answer = await coverageAnswer(ctx, args);
  const wanted = args.exposures?.length ? new Set(args.exposures) : null;
  const items = (answer?.threats ?? [])
    .filter((t) => !wanted || wanted.has(t.exposure))
    .sort((a, b) => a.frameworkId - b.frameworkId || a.threatId - b.threatId);
  return arrayConnection(items, threatKey, args);
};
