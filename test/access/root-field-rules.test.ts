/** Every root field declares its authorization rule; a missing rule stops the schema from building. */
import { describe, expect, it, vi } from 'vitest';
import { buildSchema as buildSdlSchema, graphql } from 'graphql';
import { isAllowed, PERMISSIONS } from '../../src/domain/authorization.js';
import { ROLES, type Actor } from '../../src/domain/actor.js';
import { toGlobalId } from '../../src/domain/global-id.js';
import { ROOT_FIELD_RULES } from '../../src/graphql/auth-rules.js';
import { guardRootFields, MissingRuleError } from '../../src/graphql/guard-root-fields.js';
import { buildSchema } from '../../src/graphql/schema.js';

const VIEWER_ACTOR_FOR_TESTS: Actor = { id: 'token:9', name: 'viewer', role: 'VIEWER', tokenId: 9 };

describe('root field rules', () => {
  it('every Query and Mutation field of the real schema has a rule naming a known permission', () => {
    const schema = buildSchema();
    const fields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((t) => t != null)
      .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => !(f in ROOT_FIELD_RULES))).toEqual([]);
    for (const f of fields) expect(Object.keys(PERMISSIONS)).toContain(ROOT_FIELD_RULES[f]);
    // And no rule is left over for a field that no longer exists.
    expect(Object.keys(ROOT_FIELD_RULES).filter((rule) => !fields.includes(rule))).toEqual([]);
  });

  it('every root field refuses MONITOR (it may scrape metrics and nothing else); every other role passes some', () => {
    const schema = buildSchema();
    const fields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    for (const role of ROLES) {
      const allowed = fields.filter((f) => isAllowed({ id: 'x', name: 'x', role }, ROOT_FIELD_RULES[f]!));
      if (role === 'MONITOR') expect(allowed).toEqual([]);
      else expect(allowed).toContain('Query.viewer');
    }
    expect(Object.values(ROOT_FIELD_RULES)).not.toContain('METRICS');
  });

  it('guardRootFields throws MissingRuleError naming every root field without a rule', () => {
    const sdl = 'type Query { a: Int b: Int } type Mutation { c: Int d: Int }';
    expect(() => guardRootFields(buildSdlSchema(sdl), { 'Query.a': 'READ', 'Mutation.c': 'ADMIN' })).toThrow(MissingRuleError);
    expect(() => guardRootFields(buildSdlSchema(sdl), { 'Query.a': 'READ', 'Mutation.c': 'ADMIN' })).toThrow(/Query\.b, Mutation\.d/);
    expect(() => guardRootFields(buildSdlSchema(sdl), { 'Query.a': 'READ', 'Query.b': 'READ', 'Mutation.c': 'ADMIN', 'Mutation.d': 'READ' })).not.toThrow();
  });

  it('a guarded field checks its rule before the resolver runs and records the denied attempt', async () => {
    const schema = guardRootFields(buildSdlSchema('type Query { open: Int secret: Int } type Mutation { m: Int }'), {
      'Query.open': 'READ',
      'Query.secret': 'ADMIN',
      'Mutation.m': 'READ',
    });
    const secret = vi.fn(() => 42);
    const auditOutsideChange = vi.fn(async () => {});
    const contextValue = { actor: VIEWER_ACTOR_FOR_TESTS, requestId: 'req-1', services: { runner: { auditOutsideChange }, tokens: { refusal: async () => null } } };
    const result = await graphql({ schema, source: '{ open secret }', rootValue: { open: () => 1, secret }, contextValue });
    expect(result.data).toEqual({ open: 1, secret: null });
    expect(result.errors?.map((e) => e.message)).toEqual(['not allowed (needs ADMIN)']);
    expect(secret).not.toHaveBeenCalled();
    expect(auditOutsideChange).toHaveBeenCalledWith(
      { ...VIEWER_ACTOR_FOR_TESTS, operation: { action: 'secret', requestId: 'req-1', inputIds: [] } },
      'DENIED',
      [],
      { permission: 'ADMIN' },
    );
  });

  it("a mutation's resolver gets an actor carrying its operation; a query's gets the request's context as it is", async () => {
    const schema = guardRootFields(buildSdlSchema('type Query { q: Int } type Mutation { m(id: ID, other: String): Int }'), {
      'Query.q': 'READ',
      'Mutation.m': 'READ',
    });
    const seen: { field: string; context: unknown }[] = [];
    const rootValue = {
      q: (_: unknown, context: unknown) => (seen.push({ field: 'q', context }), 1),
      m: (_: unknown, context: unknown) => (seen.push({ field: 'm', context }), 2),
    };
    const contextValue = { actor: VIEWER_ACTOR_FOR_TESTS, requestId: 'req-2', services: { tokens: { refusal: async () => null } } };
    const id = toGlobalId('Control', 7);
    expect((await graphql({ schema, source: '{ q }', rootValue, contextValue })).data).toEqual({ q: 1 });
    const mutation = await graphql({ schema, source: `mutation { m(id: "${id}", other: "x") }`, rootValue, contextValue });
    expect(mutation.data).toEqual({ m: 2 });
    expect(seen[0]).toEqual({ field: 'q', context: contextValue });
    expect(seen[0]!.context).toBe(contextValue);
    expect(seen[1]!.context).toEqual({
      ...contextValue,
      actor: { ...VIEWER_ACTOR_FOR_TESTS, operation: { action: 'm', requestId: 'req-2', inputIds: [id] } },
    });
    expect(contextValue.actor).toBe(VIEWER_ACTOR_FOR_TESTS); // the request's actor is not changed
  });

  it("a query re-checks the request's token once before its root fields: refused, no resolver runs and the attempt is audited once", async () => {
    const schema = guardRootFields(buildSdlSchema('type Query { a: Int b: Int } type Mutation { m: Int }'), {
      'Query.a': 'READ',
      'Query.b': 'READ',
      'Mutation.m': 'READ',
    });
    const resolver = vi.fn(() => 1);
    const refusal = { code: 'FORBIDDEN', message: 'the token of this request was revoked while the request ran', field: null };
    const refusalOf = vi.fn(async () => refusal);
    const auditOutsideChange = vi.fn(async () => {});
    const contextValue = { actor: VIEWER_ACTOR_FOR_TESTS, requestId: 'req-3', services: { runner: { auditOutsideChange }, tokens: { refusal: refusalOf } } };
    const result = await graphql({ schema, source: '{ a b }', rootValue: { a: resolver, b: resolver }, contextValue });
    expect(result.data).toEqual({ a: null, b: null });
    expect(result.errors?.map((e) => [e.path?.[0], e.message])).toEqual([
      ['a', refusal.message],
      ['b', refusal.message],
    ]);
    expect(resolver).not.toHaveBeenCalled();
    expect(refusalOf).toHaveBeenCalledTimes(1);
    expect(auditOutsideChange).toHaveBeenCalledTimes(1);
    expect(auditOutsideChange).toHaveBeenCalledWith(
      { ...VIEWER_ACTOR_FOR_TESTS, operation: { action: 'a', requestId: 'req-3', inputIds: [] } },
      'DENIED',
      [],
      { permission: 'READ', userErrors: [refusal] },
    );
  });

  it("a query whose token row was read to authenticate the same request runs on that read: no second read of the token", async () => {
    const schema = guardRootFields(buildSdlSchema('type Query { a: Int } type Mutation { m: Int }'), { 'Query.a': 'READ', 'Mutation.m': 'READ' });
    const refusalOf = vi.fn(async () => ({ code: 'FORBIDDEN', message: 'revoked', field: null }));
    const contextValue = { actor: VIEWER_ACTOR_FOR_TESTS, requestId: 'req-4', tokenReadByRequest: true, services: { tokens: { refusal: refusalOf } } };
    const result = await graphql({ schema, source: '{ a }', rootValue: { a: () => 1 }, contextValue });
    expect(result).toEqual({ data: { a: 1 } });
    expect(refusalOf).not.toHaveBeenCalled();
  });
});
