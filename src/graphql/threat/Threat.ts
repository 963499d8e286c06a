import type { ThreatResolvers } from '../generated/resolvers-types.js';
import { requirementSortKey, threatIdKey } from '../../domain/list-orders.js';
import { arrayConnection, pageRequest } from '../connection.js';
import { toGlobalId } from '../global-id.js';

export const Threat: ThreatResolvers = {
  id: (row) => toGlobalId('Threat', row.id),
  framework: async (row, _, ctx) => {
    const framework = await ctx.loaders.frameworkById.load(row.frameworkId);
    if (!framework) throw new Error(`threat ${row.id} has no framework`);
    return framework;
  },
  parent: (row, _, ctx) => (row.parentId === null ? null : ctx.loaders.threatById.load(row.parentId)),
  children: async (row, { first, after }, ctx) => {
    pageRequest(first, after);
    const items = await ctx.loaders.threatChildren.load(row.id);
    return arrayConnection(items, threatIdKey, { first, after });
  },
  requirements: async (row, { first, after }, ctx) => {
    pageRequest(first, after);
    const links = await ctx.loaders.requirementsByThreat.load(row.id);
    return arrayConnection(
      links.map((l) => l.requirement),
      requirementSortKey,
      { first, after },
    );
  },
};
