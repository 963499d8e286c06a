/** The requirement domain: schema/requirement.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Requirement } from './Requirement.js';
import { requirements as frameworkRequirements } from './Framework.requirements.js';
import { requirements } from './Query.requirements.js';
import { requirement } from './Query.requirement.js';
import { requirementCreate } from './Mutation.requirementCreate.js';
import { requirementUpdate } from './Mutation.requirementUpdate.js';
import { requirementDelete } from './Mutation.requirementDelete.js';

export const resolvers: Resolvers = {
  Query: { requirements, requirement },
  Mutation: { requirementCreate, requirementUpdate, requirementDelete },
  Requirement,
  Framework: { requirements: frameworkRequirements },
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'Requirement', load: (ctx, id) => ctx.loaders.requirementById.load(id) },
];
