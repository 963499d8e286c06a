/**
 * Wraps every root field of the schema: it sets the operation scope (action name, request id,
 * ids named in the arguments) for the audit trail, checks the field's rule, and answers a
 * denied caller with FORBIDDEN (a userError in mutation payloads, an error for queries), after
 * recording the denied attempt.
 */
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { isAllowed } from '../domain/authorization.js';
import { userError } from '../domain/errors.js';
import { decodeGlobalId } from '../domain/global-id.js';
import { ForbiddenError } from '../services/read-guard.js';
import { withOperation } from '../services/operation-scope.js';
import type { GraphQLContext } from './context.js';
import { ROOT_FIELD_RULES } from './auth-rules.js';

export class MissingRuleError extends Error {}

export function guardRootFields(schema: GraphQLSchema, rules = ROOT_FIELD_RULES): GraphQLSchema {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    const isMutation = type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      const rule = rules[name];
      if (!rule) {
        missing.push(name);
        continue;
      }
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: GraphQLContext, info) => {
        const inputIds = globalIdsIn(args);
        return withOperation({ action: field.name, requestId: ctx.requestId, inputIds }, async () => {
          if (!isAllowed(ctx.actor, rule)) {
            await ctx.services.runner.auditOutsideChange(ctx.actor, 'DENIED', inputIds, { permission: rule });
            if (isMutation) {
              return { userErrors: [userError('FORBIDDEN', `role ${ctx.actor.role} may not do this (needs ${rule})`)] };
            }
            throw new ForbiddenError(rule);
          }
          return resolve(source, args, ctx, info);
        });
      };
    }
  }
  if (missing.length) {
    throw new MissingRuleError(`root fields without an authorization rule in src/graphql/auth-rules.ts: ${missing.join(', ')}`);
  }
  return schema;
}

/** Every argument value (at any depth) that is a valid global id. */
function globalIdsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (decodeGlobalId(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) globalIdsIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) globalIdsIn(item, found);
  }
  return found;
}
