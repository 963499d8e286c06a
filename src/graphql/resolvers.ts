/**
 * All resolvers, composed from the domain folders. Each domain exports `resolvers` (its root
 * fields and types) and `nodeLoaders` (how `node(id)` loads its types).
 */
import { JSONResolver } from 'graphql-scalars';
import { DateTime } from './date-time.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { nodeResolvers, type NodeLoader } from './node.js';
import * as framework from './framework/index.js';
import * as access from './access/index.js';
import * as audit from './audit/index.js';
import * as requirement from './requirement/index.js';
import * as crosswalk from './crosswalk/index.js';
import * as applicability from './applicability/index.js';
import * as control from './control/index.js';
import * as mapping from './mapping/index.js';
import * as evidence from './evidence/index.js';
import * as aiSystem from './ai-system/index.js';
import * as threat from './threat/index.js';
import * as interop from './interop/index.js';
import * as coverage from './coverage/index.js';
import * as evidenceFiles from './evidence-files/index.js';
import * as exportFiles from './export/index.js';

const domains: { resolvers: Resolvers; nodeLoaders: NodeLoader[] }[] = [
  framework,
  access,
  audit,
  requirement,
  crosswalk,
  applicability,
  control,
  mapping,
  evidence,
  aiSystem,
  threat,
  interop,
  coverage,
  evidenceFiles,
  exportFiles,
];

const base: Resolvers = {
  DateTime,
  JSON: JSONResolver,
  Mutation: { _ping: () => true },
};

/** How `node(id)` loads each type (id checks use them too: "exists" means "node finds it"). */
export const nodeLoaders: readonly NodeLoader[] = domains.flatMap((d) => d.nodeLoaders);

export const resolvers: Resolvers = mergeResolvers([
  base,
  nodeResolvers(nodeLoaders),
  ...domains.map((d) => d.resolvers),
]);

/** Merges resolver maps type by type; a field defined twice is a programming error. */
function mergeResolvers(maps: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      if (typeof fields !== 'object' || fields === null || !isPlainObject(fields)) {
        (merged as Record<string, unknown>)[typeName] = fields; // scalars
        continue;
      }
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${typeName}.${field} is defined twice`);
        target[field] = resolver;
      }
    }
  }
  return merged as Resolvers;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
