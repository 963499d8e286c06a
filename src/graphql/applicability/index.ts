/** The applicability domain: schema/applicability.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';

export const resolvers: Resolvers = {};

export const nodeLoaders: NodeLoader[] = [];
