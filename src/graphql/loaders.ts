/**
 * Per-request DataLoaders, one set per domain. A loader batches every key asked for in the same
 * tick into one SQL statement, so nested queries run a bounded number of statements.
 * Loaders read through the services as the request's actor, so nested fields and `node(id)` pass
 * the same read checks as the root fields.
 */
import type { Actor } from '../domain/actor.js';
import type { Services } from '../services/index.js';
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
 * service set, so a request only allocates the object and the groups it uses.
 */
const lazyLoaderClasses = new WeakMap<Services, new (actor: Actor) => Loaders>();

/** The loaders of one request, reading as `actor`. */
export function createLoaders(services: Services, actor: Actor): Loaders {
  let LazyLoaders = lazyLoaderClasses.get(services);
  if (!LazyLoaders) lazyLoaderClasses.set(services, (LazyLoaders = lazyLoadersClass(services)));
  return new LazyLoaders(actor);
}

const GROUPS = Symbol('loader groups');
const ACTOR = Symbol('actor');

function lazyLoadersClass(services: Services): new (actor: Actor) => Loaders {
  class LazyLoaders {
    readonly [GROUPS]: Record<string, unknown>[] = [];
    readonly [ACTOR]: Actor;
    constructor(actor: Actor) {
      this[ACTOR] = actor;
    }
  }
  const seen = new Set<string>();
  DOMAINS.forEach((domain, index) => {
    // Creating a group only builds DataLoaders: nothing is read until a key is loaded.
    for (const name of Object.keys(domain(services, {} as Actor))) {
      if (seen.has(name)) throw new Error(`two loader groups define ${name}`);
      seen.add(name);
      Object.defineProperty(LazyLoaders.prototype, name, {
        get(this: LazyLoaders) {
          return (this[GROUPS][index] ??= DOMAINS[index]!(services, this[ACTOR]))[name];
        },
        enumerable: true,
      });
    }
  });
  return LazyLoaders as unknown as new (actor: Actor) => Loaders;
}
