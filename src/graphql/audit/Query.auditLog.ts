import type { QueryResolvers } from '../generated/resolvers-types.js';
import { pageRequest, toConnection } from '../connection.js';
import { auditSortKey } from '../../domain/list-orders.js';

export const auditLog: QueryResolvers['auditLog'] = async (_, { filter, first, after }, ctx) => {
  const f = {
    actions: filter?.actions,
    actorId: filter?.actorId,
    targetId: filter?.targetId,
    outcomes: filter?.outcomes,
    from: filter?.from,
    to: filter?.to,
  };
  const page = await ctx.services.audit.list(ctx.actor, f, pageRequest(first, after));
  return toConnection(page, auditSortKey, () => ctx.services.audit.count(ctx.actor, f));
};
