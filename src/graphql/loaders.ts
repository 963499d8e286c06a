/**
 * Per-request DataLoaders, one set per domain. A loader batches every key asked for in the same
 * tick into one SQL statement, so nested queries run a bounded number of statements.
 * Loaders read through repositories on the read connection; authorization happens at the root
 * fields that lead to them.
 */
import type { Repositories } from '../db/repositories/index.js';
import { frameworkLoaders } from './framework/loaders.js';
import { accessLoaders } from './access/loaders.js';
import { requirementLoaders } from './requirement/loaders.js';
import { crosswalkLoaders } from './crosswalk/loaders.js';
import { applicabilityLoaders } from './applicability/loaders.js';
import { controlLoaders } from './control/loaders.js';
import { mappingLoaders } from './mapping/loaders.js';
import { evidenceLoaders } from './evidence/loaders.js';
import { aiSystemLoaders } from './ai-system/loaders.js';
import { threatLoaders } from './threat/loaders.js';
import { interopLoaders } from './interop/loaders.js';
import { evidenceFileLoaders } from './evidence-files/loaders.js';

export function createLoaders(repos: Repositories) {
  return {
    ...frameworkLoaders(repos),
    ...accessLoaders(repos),
    ...requirementLoaders(repos),
    ...crosswalkLoaders(repos),
    ...applicabilityLoaders(repos),
    ...controlLoaders(repos),
    ...mappingLoaders(repos),
    ...evidenceLoaders(repos),
    ...aiSystemLoaders(repos),
    ...threatLoaders(repos),
    ...interopLoaders(repos),
    ...evidenceFileLoaders(repos),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

