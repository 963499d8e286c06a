/**
 * Static limits on the shape of a GraphQL document, checked before anything runs. Every
 * violation is an HTTP 400 whose error carries its own code and the limit:
 *
 * | limit                              | value | code                          |
 * |------------------------------------|-------|-------------------------------|
 * | tokens in the document             | 1000  | MAX_TOKENS_EXCEEDED           |
 * | field depth (fragments flattened)  | 20    | MAX_DEPTH_EXCEEDED            |
 * | aliases (`__typename` included)    | 20    | MAX_ALIASES_EXCEEDED          |
 * | directives                         | 50    | MAX_DIRECTIVES_EXCEEDED       |
 * | nested introspection type lists    | 2     | MAX_INTROSPECTION_DEPTH_EXCEEDED |
 * | field-merge validation work        | 500k  | QUERY_TOO_COMPLEX             |
 *
 * Depth, aliases and directives are graphql-armor's validation rules. The token limit is
 * graphql-js's own parser option (`maxTokens`): armor's token plugin throws from a parsing hook,
 * which Apollo answers with HTTP 500. graphql-js's OverlappingFieldsCanBeMergedRule stops
 * ("Validation aborted.") after 500,000 comparisons, e.g. ~1000 copies of one field; we report
 * that as QUERY_TOO_COMPLEX. The cost limit (list sizes) lives in cost.ts.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';

export const MAX_TOKENS = 1000;
/** Relay connections spend 3 levels per hop (`x { edges { node {`): 20 allows 6 hops. */
export const MAX_DEPTH = 20;
export const MAX_ALIASES = 20;
export const MAX_DIRECTIVES = 50;
/**
 * Armor's depth rule skips introspection. The circular introspection attack
 * (`__schema { types { fields { type { fields { type { fields … } } } } } }`) grows
 * exponentially instead; graphql-js's MaxIntrospectionDepthRule (a specified rule since 16.9)
 * refuses `fields`, `inputFields`, `interfaces` or `possibleTypes` nested 3 deep, i.e. allows 2.
 * This constant only describes that rule (it is not configurable) for the error we report.
 */
export const MAX_INTROSPECTION_LIST_DEPTH = 2;

export const LIMIT_CODES = {
  tokens: 'MAX_TOKENS_EXCEEDED',
  depth: 'MAX_DEPTH_EXCEEDED',
  aliases: 'MAX_ALIASES_EXCEEDED',
  directives: 'MAX_DIRECTIVES_EXCEEDED',
  introspection: 'MAX_INTROSPECTION_DEPTH_EXCEEDED',
  validationWork: 'QUERY_TOO_COMPLEX',
} as const;

const LIMIT_CODE_SET: ReadonlySet<string> = new Set(Object.values(LIMIT_CODES));

/** Armor reports through this instead of throwing, with our code, the limit and a plain message. */
function reportAs(code: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code, limit } }),
    );
  };
}

export interface QueryLimits<TContext extends object> {
  plugins: ApolloServerPlugin<TContext>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
}

/** The Apollo options that enforce the limits above. */
export function queryLimits<TContext extends object>(): QueryLimits<TContext> {
  const armor = new ApolloArmor({
    maxDepth: {
      n: MAX_DEPTH,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reportAs(LIMIT_CODES.depth, MAX_DEPTH)],
    },
    maxAliases: {
      n: MAX_ALIASES,
      allowList: [],
      propagateOnRejection: false,
      onReject: [reportAs(LIMIT_CODES.aliases, MAX_ALIASES)],
    },
    maxDirectives: {
      n: MAX_DIRECTIVES,
      propagateOnRejection: false,
      onReject: [reportAs(LIMIT_CODES.directives, MAX_DIRECTIVES)],
    },
    // graphql-js's parser option instead (see the header comment).
    maxTokens: { enabled: false },
    // Cost is computed by cost.ts with list sizes taken from `first`.
    costLimit: { enabled: false },
    // Suggestions help authenticated callers fix typos; unauthenticated requests never get this far (src/http/app.ts).
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    // Armor's Apollo types come from its own copy of the plugin interface (TS2322 on HeaderMap).
    plugins: [...(plugins as unknown as ApolloServerPlugin<TContext>[]), rootTypeCheck<TContext>()],
    validationRules: validationRules as ValidationRule[],
    parseOptions: { maxTokens: MAX_TOKENS },
  };
}

// graphql 16 spells it "more that".
/**
 * A subscription (the schema has none) would pass validation and fail in execution as an
 * unexpected error; refuse it up front as a bad request.
 */
function rootTypeCheck<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation }) {
          if (!operation) return;
          const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[operation.operation];
          if (!root) {
            throw new GraphQLError(`This API has no ${operation.operation} operations.`, {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;
// graphql-js's own MaxIntrospectionDepthRule (part of the specified rules since 16.9).
const INTROSPECTION_DEPTH_MESSAGE = 'Maximum introspection depth exceeded';
// graphql-js's OverlappingFieldsCanBeMergedRule when its comparison budget runs out.
const VALIDATION_ABORTED_MESSAGE = 'Validation aborted.';

/**
 * Gives a limit violation its own code in place of Apollo's generic parse or validation code;
 * undefined for any other error.
 */
export function limitViolation(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
    return {
      message: `Token limit of ${MAX_TOKENS} exceeded.`,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: LIMIT_CODES.tokens, limit: MAX_TOKENS },
    };
  }
  if (code !== 'GRAPHQL_VALIDATION_FAILED') return undefined;
  if (formatted.message === VALIDATION_ABORTED_MESSAGE) {
    return {
      message: 'The document is too costly to validate (too many fields to compare, e.g. one field repeated hundreds of times).',
      extensions: { code: LIMIT_CODES.validationWork },
    };
  }
  if (formatted.message === INTROSPECTION_DEPTH_MESSAGE) {
    return {
      message: `Introspection lists (fields, inputFields, interfaces, possibleTypes) may nest at most ${MAX_INTROSPECTION_LIST_DEPTH} deep.`,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: LIMIT_CODES.introspection, limit: MAX_INTROSPECTION_LIST_DEPTH },
    };
  }
  // Duck typing: under vitest the error may come from the other copy of graphql-js (see cost.ts).
  const original = (error as { originalError?: { message: string; extensions?: Record<string, unknown> } } | null)?.originalError;
  const originalCode = original?.extensions?.code;
  if (!original || typeof originalCode !== 'string' || !LIMIT_CODE_SET.has(originalCode)) return undefined;
  return {
    message: original.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: originalCode, limit: original.extensions?.limit },
  };
}
