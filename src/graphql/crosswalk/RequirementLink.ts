import type { RequirementLinkResolvers } from '../generated/resolvers-types.js';
import type { GraphQLContext } from '../context.js';
import { toGlobalId } from '../global-id.js';

async function requirement(ctx: GraphQLContext, id: number) {
  const row = await ctx.loaders.requirementById.load(id);
  if (!row) throw new Error(`requirement ${id} of a crosswalk link is missing`);
  return row;
}

export const RequirementLink: RequirementLinkResolvers = {
  id: (row) => toGlobalId('RequirementLink', row.id),
  source: (row, _, ctx) => requirement(ctx, row.sourceRequirementId),
  target: (row, _, ctx) => requirement(ctx, row.targetRequirementId),
};
