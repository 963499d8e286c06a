import type { ViewerResolvers } from '../generated/resolvers-types.js';

export const Viewer: ViewerResolvers = {
  actorId: (actor) => actor.id,
  token: (actor, _, ctx) => (actor.tokenId === undefined ? null : ctx.loaders.tokenById.load(actor.tokenId)),
};
