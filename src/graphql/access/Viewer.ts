import type { ViewerResolvers } from '../generated/resolvers-types.js';

export const Viewer: ViewerResolvers = {
  actorId: (actor) => actor.id,
  token: (_, __, ctx) => ctx.loaders.viewerToken(),
};
