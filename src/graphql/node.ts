/**
 * `node(id)` / `nodes(ids)`: any object by global id. Each domain registers how to load its
 * types; a well-formed id that names nothing resolves to null. A malformed id is an error
 * (check-ids.ts refuses it for `node`; in `nodes` that item alone is null, with an error at its
 * path).
 */
import { GraphQLError } from 'graphql';
import type { Resolvers } from './generated/resolvers-types.js';
import type { GraphQLContext } from './context.js';
import { decodeGlobalId, type NodeType } from './global-id.js';
import { MAX_PAGE_SIZE } from '../domain/paging.js';
import { ID_ARGUMENTS } from './id-arguments.js';
import { idProblem } from './id-problem.js';

export interface NodeLoader {
  type: NodeType;
  load: (ctx: GraphQLContext, id: number) => Promise<object | null>;
}

/** Remembers the GraphQL type of each object returned through node(s). */
const typeOfNode = new WeakMap<object, NodeType>();

export function nodeResolvers(loaders: readonly NodeLoader[]): Resolvers {
  const byType = new Map(loaders.map((l) => [l.type, l]));

  async function load(globalId: string, ctx: GraphQLContext) {
    const decoded = decodeGlobalId(globalId);
    const loader = decoded && byType.get(decoded.type);
    if (!decoded || !loader) return null;
    const row = await loader.load(ctx, decoded.id);
    if (row) typeOfNode.set(row, decoded.type);
    return row;
  }

  return {
    Query: {
      node: (_, { id }, ctx) => load(id, ctx) as never,
      nodes: (_, { ids }, ctx) => {
        if (ids.length > MAX_PAGE_SIZE) {
          throw new GraphQLError(`"ids" may hold at most ${MAX_PAGE_SIZE} ids`, {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        // An Error in a list is reported at its item's path, the item itself null.
        return Promise.all(
          ids.map((id, i) => {
            const problem = idProblem(`ids[${i}]`, id, ID_ARGUMENTS['Query.nodes.ids']!);
            return problem ? new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT', argument: `ids[${i}]` } }) : load(id, ctx);
          }),
        ) as never;
      },
    },
    Node: {
      __resolveType: (obj) => (typeOfNode.get(obj) ?? null) as never,
    },
  };
}
