import type { CrosswalkStepResolvers } from '../generated/resolvers-types.js';
import { present } from './request.js';

export const CrosswalkStep: CrosswalkStepResolvers = {
  requirement: async (s, _, ctx) => present(await ctx.loaders.requirementById.load(s.requirementId), 'requirement'),
  link: async (s, _, ctx) => present(await ctx.loaders.requirementLinkById.load(s.linkId), 'crosswalk link'),
  direction: (s) => s.direction,
  relationship: (s) => s.relationship,
};
