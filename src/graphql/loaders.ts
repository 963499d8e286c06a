/**
 * Per-request DataLoaders, one set per domain. A loader batches every key asked for in the same
 * tick into one SQL statement, so nested queries run a bounded number of statements.
 * Loaders read through repositories on the read connection; authorization happens at the root
 * fields that lead to them.
 */
import type { Repositories } from '../db/repositories/index.js';
import { frameworkLoaders } from './framework/loaders.js';

export function createLoaders(repos: Repositories) {
  return {
    ...frameworkLoaders(repos),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

