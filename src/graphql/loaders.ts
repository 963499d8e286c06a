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

const DOMAINS = [
  frameworkLoaders,
  accessLoaders,
  requirementLoaders,
  crosswalkLoaders,
  applicabilityLoaders,
  controlLoaders,
  mappingLoaders,
  evidenceLoaders,
  aiSystemLoaders,
  threatLoaders,
  interopLoaders,
  evidenceFileLoaders,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Loaders = UnionToIntersection<ReturnType<(typeof DOMAINS)[number]>>;

/**
 * Per request, a domain's loaders are created when one of them is first used: a request touches
 * one or two domains, and creating all of them (dozens of DataLoaders) for every request was a
 * measurable part of a small query's cost. The accessors live on a prototype built once per
 * repository set, so a request only allocates the object and the groups it uses.
 */
const lazyLoaderClasses = new WeakMap<Repositories, new () => Loaders>();

export function createLoaders(repos: Repositories): Loaders {
  let LazyLoaders = lazyLoaderClasses.get(repos);
  if (!LazyLoaders) lazyLoaderClasses.set(repos, (LazyLoaders = lazyLoadersClass(repos)));
  return new LazyLoaders();
}

const GROUPS = Symbol('loader groups');

function lazyLoadersClass(repos: Repositories): new () => Loaders {
  class LazyLoaders {
    readonly [GROUPS]: Record<string, unknown>[] = [];
  }
  const seen = new Set<string>();
  DOMAINS.forEach((domain, index) => {
    for (const name of Object.keys(domain(repos))) {
      if (seen.has(name)) throw new Error(`two loader groups define ${name}`);
      seen.add(name);
      Object.defineProperty(LazyLoaders.prototype, name, {
        get(this: LazyLoaders) {
          return (this[GROUPS][index] ??= DOMAINS[index]!(repos))[name];
        },
        enumerable: true,
      });
    }
  });
  return LazyLoaders as unknown as new () => Loaders;
}
