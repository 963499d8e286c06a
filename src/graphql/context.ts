/** What every resolver receives: who is asking, the services, and this request's loaders. */
import type { Actor } from '../domain/actor.js';
import type { Services } from '../services/index.js';
import type { Loaders } from './loaders.js';

export interface GraphQLContext {
  actor: Actor;
  services: Services;
  loaders: Loaders;
  requestId: string;
}
