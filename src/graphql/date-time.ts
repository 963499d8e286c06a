/**
 * The DateTime scalar: graphql-scalars' RFC 3339 date-time (a time zone is required), with an
 * error that shows a value that would have been accepted, so a caller sending `2026-11-06`
 * knows at once to send `2026-11-06T00:00:00Z`.
 */
import { GraphQLError, GraphQLScalarType, print, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

export const DATE_TIME_EXAMPLE = '2026-11-06T00:00:00Z';

const refusal = (shown: string, nodes?: ValueNode) =>
  new GraphQLError(`DateTime must be an RFC 3339 date-time with a time zone, e.g. ${DATE_TIME_EXAMPLE} or 2026-11-06T09:30:00+01:00; got ${shown}`, nodes ? { nodes } : {});

const base = DateTimeResolver.toConfig();

export const DateTime = new GraphQLScalarType({
  ...base,
  parseValue(value) {
    try {
      return base.parseValue!(value);
    } catch {
      throw refusal(JSON.stringify(value) ?? String(value));
    }
  },
  parseLiteral(ast, variables) {
    try {
      return base.parseLiteral!(ast, variables);
    } catch {
      throw refusal(print(ast), ast);
    }
  },
});
