import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { evidenceSortKey } from '../../domain/list-orders.js';
import { optionalInputId } from '../ids.js';

export const evidence: QueryResolvers['evidence'] = async (_, { filter, first, after }, ctx) => {
  const f = {
    statuses: filter?.statuses,
    kinds: filter?.kinds,
    controlId: optionalInputId(filter?.controlId, 'Control'),
    aiSystemId: optionalInputId(filter?.aiSystemId, 'AISystem'),
    expiringBefore: filter?.expiringBefore,
    expiredBefore: filter?.expiredBefore,
    validAt: filter?.validAt,
    search: filter?.search,
  };
  const page = await ctx.services.evidence.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, evidenceSortKey, () => ctx.services.evidence.count(ctx.actor, f));
};
