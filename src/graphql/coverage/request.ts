/**
 * Turns coverage arguments into service options, once per request: every coverage field of one
 * request without `asOf` uses the same "now", and every field with the same scope, instant and
 * crosswalk options reads the same evaluation, and every coverage read of a query (its cost too)
 * reads one graph version: one version check per query (CoveragePin).
 */
import { DEFAULT_MAX_DEPTH } from '../../domain/coverage/index.js';
import { GraphQLError } from 'graphql';
import type { CoverageAnswer, CoverageOptions, CoveragePin } from '../../services/coverage-service.js';
import { MAX_CROSSWALK_DEPTH } from '../../services/coverage-service.js';
import type { GraphQLContext } from '../context.js';
import { inputId } from '../ids.js';

/** The arguments every coverage field takes (some take only part of them). */
export interface CoverageArgs {
  scope?: { aiSystemId?: string | null } | null;
  asOf?: Date | null;
  viaCrosswalks?: boolean | null;
  maxCrosswalkDepth?: number | null;
}

interface RequestState {
  now: number | undefined;
  answers: Map<string, Promise<CoverageAnswer | null>>;
  /** Set for a query (pinCoverage): a mutation's coverage fields read the graph after its writes. */
  pin: CoveragePin | undefined;
}

const perRequest = new WeakMap<GraphQLContext, RequestState>();

function stateOf(ctx: GraphQLContext): RequestState {
  let state = perRequest.get(ctx);
  if (!state) perRequest.set(ctx, (state = { now: undefined, answers: new Map(), pin: undefined }));
  return state;
}

/**
 * Holds a query's coverage reads to one graph version (see CoveragePin); called before the query
 * runs (its cost). Not for a mutation, whose coverage fields must see its own writes. The version
 * is the one read with the request's token when there is one (GraphQLContext.coveragePin).
 */
export function pinCoverage(ctx: GraphQLContext): CoveragePin {
  const state = stateOf(ctx);
  return (state.pin ??= ctx.coveragePin ?? {});
}

/** Service options for the arguments; an AI system id that is garbage names no system. */
export interface ResolvedCoverageOptions extends CoverageOptions {
  aiSystemId: number | null;
  at: number;
  viaCrosswalks: boolean;
  maxDepth: number;
}

export function coverageOptions(ctx: GraphQLContext, args: CoverageArgs): ResolvedCoverageOptions {
  const depth = args.maxCrosswalkDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_CROSSWALK_DEPTH) {
    throw new GraphQLError(`"maxCrosswalkDepth" must be an integer from 0 to ${MAX_CROSSWALK_DEPTH}; got ${depth}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const state = stateOf(ctx);
  const at = args.asOf ? args.asOf.getTime() : (state.now ??= ctx.services.coverage.now());
  const aiSystemGlobalId = args.scope?.aiSystemId;
  return {
    aiSystemId: aiSystemGlobalId == null ? null : inputId(aiSystemGlobalId, 'AISystem'),
    at,
    instantAsked: args.asOf != null,
    viaCrosswalks: args.viaCrosswalks ?? true,
    maxDepth: depth,
  };
}

/** The evaluation for the arguments (memoised per request); null for an unknown AI system. */
export function coverageAnswer(ctx: GraphQLContext, args: CoverageArgs): Promise<CoverageAnswer | null> {
  const options = coverageOptions(ctx, args);
  const key = `${options.aiSystemId}|${options.at}|${options.viaCrosswalks}|${options.maxDepth}`;
  const answers = stateOf(ctx).answers;
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = ctx.services.coverage.evaluate(ctx.actor, options, stateOf(ctx).pin)));
  return answer;
}

/** A row a non-null field needs; a missing one means the graph changed under the request. */
export function present<T>(row: T | null | undefined, what: string): T {
  if (row == null) throw new Error(`${what} not found`);
  return row;
}

/** Rows of `loadMany`, without the missing ones. */
export function presentRows<T>(rows: readonly (T | null | Error)[]): T[] {
  return rows.filter((r): r is T => r !== null && !(r instanceof Error));
}
