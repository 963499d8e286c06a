import type { AiSystemControlStatusResolvers } from '../generated/resolvers-types.js';

/** Both ends exist while the override does (deleting either deletes it). */
export const AISystemControlStatus: AiSystemControlStatusResolvers = {
  aiSystem: async (row, _, ctx) => (await ctx.loaders.aiSystemById.load(row.aiSystemId))!,
  control: async (row, _, ctx) => (await ctx.loaders.controlById.load(row.controlId))!,
};
