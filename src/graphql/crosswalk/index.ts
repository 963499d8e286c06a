/** The crosswalk domain: schema/crosswalk.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { RequirementLink } from './RequirementLink.js';
import { links } from './Requirement.links.js';
import { requirementLinks } from './Query.requirementLinks.js';
import { requirementLinkCreate } from './Mutation.requirementLinkCreate.js';
import { requirementLinkRetire } from './Mutation.requirementLinkRetire.js';

export const resolvers: Resolvers = {
  Query: { requirementLinks },
  Mutation: { requirementLinkCreate, requirementLinkRetire },
  RequirementLink,
  Requirement: { links },
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'RequirementLink', load: (ctx, id) => ctx.loaders.requirementLinkById.load(id) },
];
