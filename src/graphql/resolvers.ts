/**
 * All resolvers, composed from the domain folders. Each domain exports `resolvers` (its root
 * fields and types) and `nodeLoaders` (how `node(id)` loads its types).
 */
import { DateTimeResolver } from 'graphql-scalars';
import type { Resolvers } from './generated/resolvers-types.js';
import { nodeResolvers, type NodeLoader } from './node.js';
import * as framework from './framework/index.js';

const domains: { resolvers: Resolvers; nodeLoaders: NodeLoader[] }[] = [framework];

const base: Resolvers = {
  DateTime: DateTimeResolver,
  Mutation: { _ping: () => true },
};

export const resolvers: Resolvers = mergeResolvers([
  base,
  nodeResolvers(domains.flatMap((d) => d.nodeLoaders)),
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
