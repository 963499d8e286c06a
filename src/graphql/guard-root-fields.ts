/**
 * Wraps every root field of the schema: it checks the field's rule, answers a denied caller with
 * FORBIDDEN (a userError in mutation payloads, an error for queries) after recording the denied
 * attempt, and hands a mutation's resolver an actor carrying the operation (action name, request
 * id, ids named in the arguments) for the audit trail. Query resolvers get the request's context
 * as it is (per-request memos are keyed by it); reads are not audited.
 *
 * Revocation: a query whose token row was read to authenticate the same request
 * (`tokenReadByRequest`, every HTTP request) runs on that read: a revocation acknowledged before the
 * request arrived refuses it already at authentication. Otherwise, before a query's root fields
 * run, the token is read again (services/token-liveness.ts); revoked or expired since
 * authentication, every root field answers FORBIDDEN and the attempt is audited as DENIED once.
 * The answer is kept for the rest of the request: a query's root fields all start in one pass, and
 * a query runs no mutation that could change it. A mutation's root fields run one after another,
 * and each re-checks inside its own transaction (mutation-runner.ts).
 */
import { defaultFieldResolver, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { userError, type UserError } from '../domain/errors.js';
import { decodeGlobalId } from '../domain/global-id.js';
import { ForbiddenError } from '../services/read-guard.js';
import { forOperation } from '../services/operation-scope.js';
import type { GraphQLContext } from './context.js';
import { ROOT_FIELD_RULES } from './auth-rules.js';

export class MissingRuleError extends Error {}

/**
 * Whether a field answers a scalar or enum rather than an object (unwrapped by shape, not
 * `instanceof`: the schema may be built by another copy of graphql-js than this module's).
 */
function answersPlainValue(type: GraphQLOutputType): boolean {
  let named: unknown = type;
  while (named && typeof named === 'object' && 'ofType' in named && named.ofType) named = named.ofType;
  return !(named && typeof named === 'object' && 'getFields' in named);
}

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
      const answersLeaf = answersPlainValue(field.type);
      const operationActor = (args: unknown, ctx: GraphQLContext) => {
        const inputIds = globalIdsIn(args);
        return { inputIds, actor: forOperation(ctx.actor, field.name, { requestId: ctx.requestId, inputIds }) };
      };
      const refuse = async (args: unknown, ctx: GraphQLContext) => {
        const { actor, inputIds } = operationActor(args, ctx);
        await ctx.services.runner.auditOutsideChange(actor, 'DENIED', inputIds, { permission: rule });
        // A mutation payload carries the refusal; a mutation answering a plain value (`_ping`) cannot.
        if (isMutation && !answersLeaf) return { userErrors: [userError('FORBIDDEN', `role ${actor.role} may not do this (needs ${rule})`)] };
        throw new ForbiddenError(rule);
      };
      field.resolve = (source, args, ctx: GraphQLContext, info) => {
        if (!isAllowed(ctx.actor, rule)) return refuse(args, ctx);
        if (!isMutation) {
          if (ctx.tokenReadByRequest) return resolve(source, args, ctx, info);
          return tokenStanding(ctx, rule, field.name).then((refusal) => {
            if (refusal) throw new ForbiddenError(rule, refusal.message);
            return resolve(source, args, ctx, info);
          });
        }
        return resolve(source, args, { ...ctx, actor: operationActor(args, ctx).actor }, info);
      };
    }
  }
  if (missing.length) {
    throw new MissingRuleError(`root fields without an authorization rule in src/graphql/auth-rules.ts: ${missing.join(', ')}`);
  }
  return schema;
}

/** Per query request and permission: the re-check of the request's token (see the module comment). */
const standings = new WeakMap<GraphQLContext, Map<Permission, Promise<UserError | null>>>();

/** Why the request's token may no longer read with `rule`, or null; a refusal is audited (as `action`) once per request. */
function tokenStanding(ctx: GraphQLContext, rule: Permission, action: string): Promise<UserError | null> {
  let byRule = standings.get(ctx);
  if (!byRule) standings.set(ctx, (byRule = new Map()));
  let standing = byRule.get(rule);
  if (!standing) {
    standing = ctx.services.tokens.refusal(ctx.actor, rule).then(async (refusal) => {
      if (refusal) {
        const actor = forOperation(ctx.actor, action, { requestId: ctx.requestId });
        await ctx.services.runner.auditOutsideChange(actor, 'DENIED', [], { permission: rule, userErrors: [refusal] });
      }
      return refusal;
    });
    byRule.set(rule, standing);
  }
  return standing;
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
