/** The threat domain: schema/threat.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Threat } from './Threat.js';
import { threats as requirementThreats } from './Requirement.threats.js';
import { threats as frameworkThreats } from './Framework.threats.js';
import { threats } from './Query.threats.js';
import { threat } from './Query.threat.js';
import { threatCreate } from './Mutation.threatCreate.js';
import { threatUpdate } from './Mutation.threatUpdate.js';
import { threatDelete } from './Mutation.threatDelete.js';
import { threatRequirementLink } from './Mutation.threatRequirementLink.js';

export const resolvers: Resolvers = {
  Query: { threats, threat },
  Mutation: { threatCreate, threatUpdate, threatDelete, threatRequirementLink },
  Threat,
  Requirement: { threats: requirementThreats },
  Framework: { threats: frameworkThreats },
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'Threat', load: (ctx, id) => ctx.loaders.threatById.load(id) },
];
