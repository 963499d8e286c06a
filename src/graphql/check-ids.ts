/**
 * Checks every id the schema takes, by the declarations of id-arguments.ts, before a resolver
 * runs. `checkIds` refuses to build a schema whose ID-typed arguments or input fields are not all
 * declared (or whose declarations name nothing), and wraps each field that takes ids or keys:
 *
 * - a malformed id, or the id of another type: BAD_USER_INPUT in queries, an INVALID user error
 *   on the field in mutation payloads, audited REJECTED (see id-problem.ts for the message);
 * - a human key (KEY_ARGUMENTS) is replaced by the id of the object it names before the resolver
 *   runs; giving the key and the id is BAD_USER_INPUT (INVALID), a key naming nothing NOT_FOUND;
 * - in queries, a well-formed id of the right type that names nothing where it is a scope, filter
 *   or target (role 'reference') is NOT_FOUND. Lookups (`node`, `framework(id:)`…) answer null as
 *   before; mutations' services answer NOT_FOUND on the field themselves.
 *
 * Objects are looked up with the loaders `node(id)` uses, so "exists" means "node would find it".
 * Fields given no id and no key run as they are, without a promise more.
 */
import {
  GraphQLError,
  defaultFieldResolver,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLList,
  type GraphQLNamedType,
  type GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { decodeGlobalId, fromGlobalId, toGlobalId, type NodeType } from '../domain/global-id.js';
import { userError, type UserError } from '../domain/errors.js';
import type { GraphQLContext } from './context.js';
import { ID_ARGUMENTS, KEY_ARGUMENTS, LOOKUP_BY_KEY, type IdArgument, type KeyedType } from './id-arguments.js';
import { idOf, idProblem, quoted } from './id-problem.js';
import type { NodeLoader } from './node.js';

export class IdDeclarationError extends Error {}

// Type tests by tag, not graphql's isXType (instanceof): under vitest the schema's classes can
// come from graphql's other module format, and graphql refuses types "from another realm".
const tagOf = (type: unknown): string => Object.prototype.toString.call(type);
const isObjectType = (t: unknown): t is GraphQLObjectType => tagOf(t) === '[object GraphQLObjectType]';
const isInterfaceType = (t: unknown): t is GraphQLInterfaceType => tagOf(t) === '[object GraphQLInterfaceType]';
const isInputObjectType = (t: unknown): t is GraphQLInputObjectType => tagOf(t) === '[object GraphQLInputObjectType]';
const isListType = (t: unknown): t is GraphQLList<GraphQLInputType> => tagOf(t) === '[object GraphQLList]';
const isNonNullType = (t: unknown): t is GraphQLNonNull<GraphQLInputType> => tagOf(t) === '[object GraphQLNonNull]';
const isIdType = (t: unknown): boolean => tagOf(t) === '[object GraphQLScalarType]' && (t as GraphQLNamedType).name === 'ID';

function getNamedType(type: GraphQLType): GraphQLNamedType {
  let t = type;
  while (isListType(t) || isNonNullType(t)) t = t.ofType;
  return t as GraphQLNamedType;
}

/** Finds an object's row id by its human key; null when none has it. */
const KEY_LOOKUPS: Record<KeyedType, (ctx: GraphQLContext, key: string) => Promise<number | null>> = {
  Framework: async (ctx, key) => (await ctx.services.frameworks.findByRefId(ctx.actor, key))?.id ?? null,
  Control: async (ctx, key) => (await ctx.services.controls.findByRefId(ctx.actor, key))?.id ?? null,
  AISystem: async (ctx, key) => (await ctx.services.aiSystems.findByName(ctx.actor, key))?.id ?? null,
};

type Path = (string | number)[];

interface FoundId {
  declared: IdArgument;
  /** The sibling key argument, when the id has one. */
  key: string | undefined;
  value: string;
  path: Path;
}

interface FoundKey {
  coordinate: string;
  value: string;
  path: Path;
  /** The (copied) object holding the key and the id it replaces. */
  holder: Record<string, unknown>;
  keyField: string;
}

interface Found {
  ids: FoundId[];
  keys: FoundKey[];
}

/** A refusal: `code` as a GraphQL error code (queries) and as a user error code (mutations). */
interface Problem {
  code: 'BAD_USER_INPUT' | 'NOT_FOUND';
  message: string;
  path: Path;
}

/** Every ID-typed argument and input field of the schema, by coordinate. */
export function idCoordinates(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (isIdType(getNamedType(arg.type))) out.push(`${type.name}.${field.name}.${arg.name}`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (isIdType(getNamedType(field.type))) out.push(`${type.name}.${field.name}`);
    }
  }
  return out;
}

/** The argument or input field at a coordinate, if the schema has it. */
function lookupCoordinate(schema: GraphQLSchema, coordinate: string): { type: GraphQLInputType } | undefined {
  const [typeName, fieldName, argName] = coordinate.split('.');
  const type = schema.getType(typeName!);
  if (argName !== undefined) {
    if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
    return type.getFields()[fieldName!]?.args.find((a) => a.name === argName);
  }
  return isInputObjectType(type) ? type.getFields()[fieldName!] : undefined;
}

/** Fails unless every ID argument is declared, and every declaration names an ID argument. */
function checkDeclarations(schema: GraphQLSchema): void {
  const coordinates = idCoordinates(schema);
  const problems: string[] = [];
  const missing = coordinates.filter((c) => !ID_ARGUMENTS[c]);
  if (missing.length) problems.push(`ID arguments without a declared type in src/graphql/id-arguments.ts: ${missing.join(', ')}`);
  const known = new Set(coordinates);
  const stale = Object.keys(ID_ARGUMENTS).filter((c) => !known.has(c));
  if (stale.length) problems.push(`declared in ID_ARGUMENTS but not an ID argument of the schema: ${stale.join(', ')}`);
  for (const [coordinate, { id, type }] of Object.entries(KEY_ARGUMENTS)) {
    const idCoordinate = coordinate.replace(/[^.]+$/, id);
    const keyArg = lookupCoordinate(schema, coordinate);
    if (!keyArg || getNamedType(keyArg.type).name !== 'String') problems.push(`${coordinate} is not a String argument of the schema`);
    if (ID_ARGUMENTS[idCoordinate]?.type !== type) problems.push(`${coordinate} stands in for ${idCoordinate}, which is not declared as ${idOf(type)}`);
  }
  if (problems.length) throw new IdDeclarationError(problems.join('; '));
}

/** The key argument standing in for each id coordinate. */
const keyOfId = new Map(Object.entries(KEY_ARGUMENTS).map(([coordinate, { id }]) => [coordinate.replace(/[^.]+$/, id), coordinate.split('.').pop()!]));

/** Input object types through which an id or a key can be reached. */
function typesWithIds(schema: GraphQLSchema): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || out.has(type.name)) continue;
      const fields = Object.values(type.getFields());
      if (fields.some((f) => carriesIds(getNamedType(f.type), out) || KEY_ARGUMENTS[`${type.name}.${f.name}`])) {
        out.add(type.name);
        grew = true;
      }
    }
  }
  return out;
}

const carriesIds = (type: GraphQLNamedType, withIds: Set<string>): boolean => isIdType(type) || withIds.has(type.name);

/** Collects the ids and keys of a value of `type`; returns the value, its input objects copied. */
function walk(type: GraphQLInputType, value: unknown, path: Path, coordinate: string, found: Found, withIds: Set<string>): unknown {
  if (value == null) return value;
  if (isNonNullType(type)) return walk(type.ofType, value, path, coordinate, found, withIds);
  if (isListType(type)) {
    if (!Array.isArray(value)) return value;
    return value.map((item, i) => walk(type.ofType, item, [...path, i], coordinate, found, withIds));
  }
  if (isIdType(type)) {
    if (typeof value === 'string') found.ids.push({ declared: ID_ARGUMENTS[coordinate]!, key: keyOfId.get(coordinate), value, path });
    return value;
  }
  if (!isInputObjectType(type) || !withIds.has(type.name)) return value;
  const copy = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(type.getFields())) {
    if (!(field.name in copy)) continue;
    const fieldCoordinate = `${type.name}.${field.name}`;
    collect(field, copy, [...path, field.name], fieldCoordinate, found, withIds);
  }
  return copy;
}

/** Walks one argument or input field of `holder` (a copy), replacing its value by the walked one. */
function collect(
  arg: Pick<GraphQLArgument, 'name' | 'type'>,
  holder: Record<string, unknown>,
  path: Path,
  coordinate: string,
  found: Found,
  withIds: Set<string>,
): void {
  const value = holder[arg.name];
  if (KEY_ARGUMENTS[coordinate]) {
    if (typeof value === 'string') found.keys.push({ coordinate, value, path, holder, keyField: arg.name });
    return;
  }
  holder[arg.name] = walk(arg.type, value, path, coordinate, found, withIds);
}

/** `filter.frameworkId`, `changes[0].controlId`. */
function argumentName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The problems of the ids and keys found, resolving keys into ids (in the copied args). */
async function problemsOf(found: Found, ctx: GraphQLContext, nodeLoaders: ReadonlyMap<NodeType, NodeLoader>, inQuery: boolean): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const id of found.ids) {
    if (id.declared.itemErrors) continue;
    const message = idProblem(argumentName(id.path), id.value, id.declared, id.key);
    if (message) problems.push({ code: 'BAD_USER_INPUT', message, path: id.path });
  }
  if (problems.length) return problems;
  for (const key of found.keys) {
    const { id: idField, type } = KEY_ARGUMENTS[key.coordinate]!;
    const idPath = [...key.path.slice(0, -1), idField];
    if (key.holder[idField] != null) {
      problems.push({ code: 'BAD_USER_INPUT', message: `give ${argumentName(idPath)} or ${argumentName(key.path)}, not both`, path: key.path });
      continue;
    }
    const rowId = await KEY_LOOKUPS[type](ctx, key.value);
    if (rowId === null) {
      problems.push({ code: 'NOT_FOUND', message: `${argumentName(key.path)}: no ${type} has the ${LOOKUP_BY_KEY[type]!.key} ${quoted(key.value)}`, path: key.path });
      continue;
    }
    delete key.holder[key.keyField];
    key.holder[idField] = toGlobalId(type, rowId);
  }
  if (problems.length || !inQuery) return problems;
  const references = found.ids.filter((id) => id.declared.role === 'reference' && id.declared.type !== 'Node');
  const rows = await Promise.all(
    references.map((id) => {
      const type = id.declared.type as NodeType;
      const loader = nodeLoaders.get(type);
      return loader ? loader.load(ctx, fromGlobalId(id.value, type)!) : Promise.resolve({});
    }),
  );
  references.forEach((id, i) => {
    if (rows[i] == null) {
      problems.push({ code: 'NOT_FOUND', message: `${argumentName(id.path)}: no ${id.declared.type} has the id ${quoted(id.value)}`, path: id.path });
    }
  });
  return problems;
}

/** How a mutation names a field in a user error: ['input', 'frameworkIds', '0']. */
const userErrorOf = (p: Problem): UserError => userError(p.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'INVALID', p.message, p.path.map(String));

/** A refused mutation is audited REJECTED, as one its service refuses (mutation-runner.ts). */
async function reject(ctx: GraphQLContext, found: Found, userErrors: UserError[]) {
  const targetIds = found.ids.filter((id) => decodeGlobalId(id.value)).map((id) => id.value);
  await ctx.services.runner.auditOutsideChange(ctx.actor, 'REJECTED', targetIds, { userErrors });
  return { userErrors };
}

function wrap(
  field: GraphQLField<unknown, GraphQLContext>,
  fieldCoordinate: string,
  isMutation: boolean,
  withIds: Set<string>,
  nodeLoaders: ReadonlyMap<NodeType, NodeLoader>,
): void {
  const args = field.args.filter(
    (a) => carriesIds(getNamedType(a.type), withIds) || KEY_ARGUMENTS[`${fieldCoordinate}.${a.name}`] !== undefined,
  );
  if (!args.length) return;
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, given: Record<string, unknown>, ctx, info) => {
    const found: Found = { ids: [], keys: [] };
    const copy = { ...given };
    for (const arg of args) collect(arg, copy, [arg.name], `${fieldCoordinate}.${arg.name}`, found, withIds);
    if (!found.ids.length && !found.keys.length) return resolve(source, given, ctx, info);
    return problemsOf(found, ctx, nodeLoaders, !isMutation).then((problems) => {
      if (!problems.length) return resolve(source, copy, ctx, info);
      if (isMutation) return reject(ctx, found, problems.map(userErrorOf));
      const [first] = problems;
      throw new GraphQLError(first!.message, { extensions: { code: first!.code, argument: argumentName(first!.path) } });
    });
  };
}

/** Declarations checked, and every field taking ids or keys wrapped (see the file comment). */
export function checkIds(schema: GraphQLSchema, nodeLoaders: readonly NodeLoader[]): GraphQLSchema {
  checkDeclarations(schema);
  const withIds = typesWithIds(schema);
  const loaders = new Map(nodeLoaders.map((l) => [l.type, l]));
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      wrap(field as GraphQLField<unknown, GraphQLContext>, `${type.name}.${field.name}`, type === mutationType, withIds, loaders);
    }
  }
  return schema;
}
