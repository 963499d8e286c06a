/** The control domain: schema/control.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';

export const resolvers: Resolvers = {};

export const nodeLoaders: NodeLoader[] = [];
