/** Tokens and the caller's identity: schema/access.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { isAllowed } from '../../domain/authorization.js';
import { ApiToken } from './ApiToken.js';
import { Viewer } from './Viewer.js';
import { viewer } from './Query.viewer.js';
import { tokens } from './Query.tokens.js';
import { tokenCreate } from './Mutation.tokenCreate.js';
import { tokenRevoke } from './Mutation.tokenRevoke.js';

export const resolvers: Resolvers = {
  Query: { viewer, tokens },
  Mutation: { tokenCreate, tokenRevoke },
  ApiToken,
  Viewer,
};

/** Only ADMINs see tokens; for anyone else a token id behaves like an unknown id. */
export const nodeLoaders: NodeLoader[] = [
  { type: 'ApiToken', load: (ctx, id) => (isAllowed(ctx.actor, 'ADMIN') ? ctx.loaders.tokenById.load(id) : Promise.resolve(null)) },
];
