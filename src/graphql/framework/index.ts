/** The framework domain: schema/framework.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Framework } from './Framework.js';
import { frameworks } from './Query.frameworks.js';
import { framework } from './Query.framework.js';
import { frameworkCreate } from './Mutation.frameworkCreate.js';
import { frameworkUpdate } from './Mutation.frameworkUpdate.js';
import { frameworkDelete } from './Mutation.frameworkDelete.js';

export const resolvers: Resolvers = {
  Query: { frameworks, framework },
  Mutation: { frameworkCreate, frameworkUpdate, frameworkDelete },
  Framework,
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'Framework', load: (ctx, id) => ctx.loaders.frameworkById.load(id) },
];
