/** The mapping domain: schema/mapping.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Mapping } from './Mapping.js';
import { mappings as requirementMappings } from './Requirement.mappings.js';
import { mappings as controlMappings, requirements as controlRequirements } from './Control.mappings.js';
import { mappingCreate } from './Mutation.mappingCreate.js';
import { mappingUpdate } from './Mutation.mappingUpdate.js';
import { mappingRetire } from './Mutation.mappingRetire.js';

export const resolvers: Resolvers = {
  Mutation: { mappingCreate, mappingUpdate, mappingRetire },
  Mapping,
  Requirement: { mappings: requirementMappings },
  Control: { mappings: controlMappings, requirements: controlRequirements },
};

export const nodeLoaders: NodeLoader[] = [{ type: 'Mapping', load: (ctx, id) => ctx.loaders.mappingById.load(id) }];
