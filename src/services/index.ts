/** Builds every service over one store. */
import type { Store } from '../db/store.js';
import { MutationRunner } from './mutation-runner.js';
import { FrameworkService } from './framework-service.js';

export interface Services {
  frameworks: FrameworkService;
}

export function createServices(store: Store, clock: () => Date = () => new Date()): Services {
  const runner = new MutationRunner(store, clock);
  return {
    frameworks: new FrameworkService(store, runner),
  };
}
