/** The ai-system domain: schema/ai-system.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { AISystem } from './AISystem.js';
import { AISystemControlStatus } from './AISystemControlStatus.js';
import { aiSystems as frameworkAiSystems } from './Framework.aiSystems.js';
import { aiSystemStatuses } from './Control.aiSystemStatuses.js';
import { aiSystems } from './Query.aiSystems.js';
import { aiSystem } from './Query.aiSystem.js';
import { aiSystemCreate } from './Mutation.aiSystemCreate.js';
import { aiSystemUpdate } from './Mutation.aiSystemUpdate.js';
import { aiSystemDelete } from './Mutation.aiSystemDelete.js';
import { aiSystemFrameworkSet } from './Mutation.aiSystemFrameworkSet.js';
import { aiSystemControlStatusSet } from './Mutation.aiSystemControlStatusSet.js';

export const resolvers: Resolvers = {
  Query: { aiSystems, aiSystem },
  Mutation: { aiSystemCreate, aiSystemUpdate, aiSystemDelete, aiSystemFrameworkSet, aiSystemControlStatusSet },
  AISystem,
  AISystemControlStatus,
  Framework: { aiSystems: frameworkAiSystems },
  Control: { aiSystemStatuses },
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'AISystem', load: (ctx, id) => ctx.loaders.aiSystemById.load(id) },
];
