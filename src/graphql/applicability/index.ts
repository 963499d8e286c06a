/** The applicability domain: schema/applicability.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { NotApplicableMark } from './NotApplicableMark.js';
import { applicable, notApplicable } from './Requirement.applicability.js';
import { applicabilitySet } from './Mutation.applicabilitySet.js';

export const resolvers: Resolvers = {
  Mutation: { applicabilitySet },
  NotApplicableMark,
  Requirement: { notApplicable, applicable },
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'NotApplicableMark', load: (ctx, id) => ctx.loaders.notApplicableMarkById.load(id) },
];
