/** The control domain: schema/control.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Control } from './Control.js';
import { ControlStatusChange } from './ControlStatusChange.js';
import { controls } from './Query.controls.js';
import { control } from './Query.control.js';
import { controlDomains } from './Query.controlDomains.js';
import { controlCreate } from './Mutation.controlCreate.js';
import { controlUpdate } from './Mutation.controlUpdate.js';
import { controlStatusSet } from './Mutation.controlStatusSet.js';
import { controlDelete } from './Mutation.controlDelete.js';

export const resolvers: Resolvers = {
  Query: { controls, control, controlDomains },
  Mutation: { controlCreate, controlUpdate, controlStatusSet, controlDelete },
  Control,
  ControlStatusChange,
};

export const nodeLoaders: NodeLoader[] = [
  { type: 'Control', load: (ctx, id) => ctx.loaders.controlById.load(id) },
  { type: 'ControlStatusChange', load: (ctx, id) => ctx.loaders.controlStatusChangeById.load(id) },
];
