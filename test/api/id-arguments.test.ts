/**
 * Every id argument and id input field of the schema, found by walking the SDL (so a new one is
 * covered without editing this test), is given a refId-looking string, a malformed string and a
 * well-formed id of another type, over HTTP: queries answer BAD_USER_INPUT naming the argument
 * and the expected type, mutations an INVALID user error on the field. In queries a well-formed
 * id of the right type that names nothing is NOT_FOUND where it is a scope or filter, null where
 * the field fetches that one object.
 *
 * The expected type is read from the argument's name (frameworkId → Framework, parentId → the
 * owner's type, `id` → the input's or field's type), independently of src/graphql/id-arguments.ts;
 * a name that does not say its type must be added to NAMED_TYPES below.
 */
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { toGlobalId, type NodeType } from '../../src/domain/global-id.js';
import { Builder, startClockedServer, type ClockedServer } from './coverage-helpers.js';

const schema = buildSchema(loadTypeDefs());

/** Argument and field names whose type the name does not say, by coordinate. */
const NAMED_TYPES: Record<string, NodeType | 'Node'> = {
  'Query.node.id': 'Node',
  'Query.nodes.ids': 'Node',
  'TokenRevokeInput.id': 'ApiToken',
};

/** The fields that fetch one object by its id: an unknown id gives null there. */
const isLookup = (field: string, arg: string) =>
  field === 'Query.node' || field === 'Query.nodes' || (field.startsWith('Query.') && arg === 'id');

const TYPE_BY_WORD: Record<string, NodeType> = {
  framework: 'Framework',
  requirement: 'Requirement',
  control: 'Control',
  aiSystem: 'AISystem',
  evidence: 'Evidence',
  threat: 'Threat',
  baseline: 'Baseline',
  mapping: 'Mapping',
  requirementLink: 'RequirementLink',
};

/** The type an id argument or field must name, from its name and owner. */
function expectedType(coordinate: string, owner: string, name: string): NodeType | 'Node' {
  if (NAMED_TYPES[coordinate]) return NAMED_TYPES[coordinate]!;
  const base = name.replace(/Ids?$/, '').replace(/^(source|target)([A-Z])/, (_, __, c: string) => c.toLowerCase());
  if (name === 'id' || base === 'parent') {
    // FrameworkUpdateInput.id, ThreatCreateInput.parentId, Query.framework.id, RequirementFilter.parentId.
    const word = owner.replace(/^Query\./, '').replace(/(Create|Update|Delete|Retire|Filter)?Input$|Filter$/, '').replace(/(Create|Update|Delete|Retire)$/, '');
    const type = Object.entries(TYPE_BY_WORD).find(([w]) => w.toLowerCase() === word.toLowerCase())?.[1];
    if (type) return type;
  }
  const type = TYPE_BY_WORD[base];
  if (!type) throw new Error(`cannot tell the type of ${coordinate}: add it to NAMED_TYPES`);
  return type;
}

type Step = string | number;

/** One id leaf reachable from a field's arguments. */
interface Case {
  /** The field, e.g. Query.gaps or Requirement.applicable. */
  field: GraphQLField<unknown, unknown>;
  parent: GraphQLObjectType;
  /** From the argument to the id: ['filter', 'frameworkId'], ['changes', 0, 'controlId']. */
  path: Step[];
  /** Schema coordinate of the id: Type.field.arg or InputType.field. */
  coordinate: string;
  expected: NodeType | 'Node';
  isMutation: boolean;
}

/** Every id leaf under an input type, as paths (list items at index 0). */
function idLeaves(type: GraphQLInputType, coordinate: string, owner: string, name: string, seen: Set<string>): { path: Step[]; coordinate: string; owner: string; name: string }[] {
  if (isNonNullType(type)) return idLeaves(type.ofType, coordinate, owner, name, seen);
  if (isListType(type)) return idLeaves(type.ofType, coordinate, owner, name, seen).map((l) => ({ ...l, path: [0, ...l.path] }));
  if (isScalarType(type)) return type.name === 'ID' ? [{ path: [], coordinate, owner, name }] : [];
  if (!isInputObjectType(type) || seen.has(type.name)) return [];
  const out: ReturnType<typeof idLeaves> = [];
  for (const field of Object.values(type.getFields())) {
    for (const leaf of idLeaves(field.type, `${type.name}.${field.name}`, type.name, field.name, new Set([...seen, type.name]))) {
      out.push({ ...leaf, path: [field.name, ...leaf.path] });
    }
  }
  return out;
}

function allCases(): Case[] {
  const cases: Case[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        const fieldName = `${type.name}.${field.name}`;
        for (const leaf of idLeaves(arg.type, `${fieldName}.${arg.name}`, fieldName, arg.name, new Set())) {
          cases.push({
            field,
            parent: type,
            path: [arg.name, ...leaf.path],
            coordinate: leaf.coordinate,
            expected: expectedType(leaf.coordinate, leaf.owner, leaf.name),
            isMutation: type === schema.getMutationType(),
          });
        }
      }
    }
  }
  return cases;
}

const CASES = allCases();

/** Every ID-typed argument and input field of the schema. */
function idCoordinates(): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const f of Object.values(type.getFields())) for (const a of f.args) if (getNamedType(a.type).name === 'ID') out.push(`${type.name}.${f.name}.${a.name}`);
    } else if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) if (getNamedType(f.type).name === 'ID') out.push(`${type.name}.${f.name}`);
    }
  }
  return out;
}

let server: ClockedServer;
/** A real object of each type (ids of surrounding arguments, and the "other type" ids). */
const objects: Partial<Record<NodeType, string>> = {};

beforeAll(async () => {
  server = await startClockedServer();
  const b = new Builder(server);
  objects.Framework = await b.framework();
  const other = await b.framework();
  objects.Requirement = await b.requirement(objects.Framework);
  const otherRequirement = await b.requirement(other);
  objects.Control = await b.control();
  objects.Mapping = await b.map(objects.Requirement, objects.Control);
  objects.RequirementLink = await b.link(objects.Requirement, otherRequirement);
  objects.Evidence = await b.evidence([objects.Control]);
  objects.AISystem = await b.aiSystem([objects.Framework]);
  const catalog = await b.framework(undefined, 'THREAT_CATALOG');
  objects.Threat = await b.threat(catalog);
});
afterAll(() => server.close());

/** A well-formed id of the expected type; a real object's where one exists. */
const validId = (type: NodeType | 'Node'): string => (type === 'Node' ? objects.Framework! : objects[type] ?? toGlobalId(type, 1));

/** A real object's id of another type than `type`. */
const otherTypeId = (type: NodeType | 'Node'): string => (type === 'Control' ? objects.Framework! : objects.Control!);

/** A minimal valid value of an input type: required fields only; `at` replaces the value at a path. */
function valueOf(type: GraphQLInputType, coordinate: string, owner: string, name: string, at?: { path: Step[]; value: string }): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, coordinate, owner, name, at);
  if (isListType(type)) {
    const rest = at && at.path[0] === 0 ? { path: at.path.slice(1), value: at.value } : undefined;
    return [valueOf(type.ofType, coordinate, owner, name, rest)];
  }
  if (at && at.path.length === 0) return at.value;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return validId(expectedType(coordinate, owner, name));
      case 'String':
        return 'x';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(server.now()).toISOString();
      case 'JSON':
        return {};
      default:
        throw new Error(`no default for scalar ${type.name}: add one`);
    }
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (!isInputObjectType(type)) throw new Error(`unexpected input type ${String(type)}`);
  const out: Record<string, unknown> = {};
  for (const field of Object.values(type.getFields())) {
    const onPath = at && at.path[0] === field.name;
    if (!onPath && (!isNonNullType(field.type) || field.defaultValue !== undefined)) continue;
    out[field.name] = valueOf(field.type, `${type.name}.${field.name}`, type.name, field.name, onPath ? { path: at!.path.slice(1), value: at!.value } : undefined);
  }
  return out;
}

/** A selection for any output type. */
function selection(type: GraphQLOutputType, isMutation: boolean): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isMutation && isObjectType(named) && named.getFields().userErrors) return '{ userErrors { field code message } }';
  return '{ __typename }';
}

/** The operation for a case, with `value` at the case's path, and the variables. */
function operation(c: Case, value: string): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  const fieldName = `${c.parent.name}.${c.field.name}`;
  c.field.args.forEach((arg: GraphQLArgument, i) => {
    const tested = arg.name === c.path[0];
    if (!tested && (!isNonNullType(arg.type) || arg.defaultValue !== undefined)) return;
    const at = tested ? { path: c.path.slice(1), value } : undefined;
    variables[`a${i}`] = valueOf(arg.type, `${fieldName}.${arg.name}`, fieldName, arg.name, at);
    defs.push(`$a${i}: ${String(arg.type)}`);
    args.push(`${arg.name}: $a${i}`);
  });
  const call = `${c.field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection(c.field.type, c.isMutation)}`;
  const root = c.parent === schema.getQueryType() || c.isMutation;
  if (!root) {
    variables.root = objects[c.parent.name as NodeType];
    if (!variables.root) throw new Error(`no object of type ${c.parent.name} to reach ${fieldName} through node(id:)`);
    defs.push('$root: ID!');
  }
  const body = root ? call : `node(id: $root) { ... on ${c.parent.name} { ${call} } }`;
  const kind = c.isMutation ? 'mutation' : 'query';
  return { query: `${kind}${defs.length ? `(${defs.join(', ')})` : ''} { ${body} }`, variables };
}

/** How the checked argument is named in messages: filter.frameworkId, changes[0].controlId. */
const argumentName = (path: Step[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

const KEYED: ReadonlySet<string> = new Set(['Framework', 'Requirement', 'Control', 'AISystem', 'Threat', 'Baseline']);
const idOf = (type: string) => (type === 'Node' ? 'a global id' : `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} id`);

const label = (c: Case) => `${c.parent.name}.${c.field.name}(${argumentName(c.path)})`;

async function refusal(c: Case, value: string): Promise<{ code: string; message: string }> {
  const { query, variables } = operation(c, value);
  const body = await server.gql(query, variables);
  if (c.isMutation) {
    const payload = body.data?.[c.field.name];
    const field = c.path.map(String);
    const error = payload?.userErrors?.find((e: any) => JSON.stringify(e.field) === JSON.stringify(field));
    expect(error, `${label(c)} given ${value}: ${JSON.stringify(body)}`).toBeDefined();
    return error;
  }
  const error = body.errors?.find((e) => (e.extensions as any)?.argument === argumentName(c.path));
  expect(error, `${label(c)} given ${value}: ${JSON.stringify(body)}`).toBeDefined();
  return { code: error!.extensions!.code!, message: error!.message };
}

describe('every id argument of the schema', () => {
  it('finds them all: every ID argument and input field is reached from some field', () => {
    const reached = new Set(CASES.map((c) => c.coordinate));
    expect(idCoordinates().filter((c) => !reached.has(c))).toEqual([]);
    expect(CASES.length).toBeGreaterThan(60);
  });

  it('refuses a refId-looking value, naming the argument, the type and where a key is taken', async () => {
    for (const c of CASES) {
      const error = await refusal(c, 'eu-ai-act');
      expect(error.code, label(c)).toBe(c.isMutation ? 'INVALID' : 'BAD_USER_INPUT');
      expect(error.message, label(c)).toContain(`${argumentName(c.path)}: "eu-ai-act" is not ${idOf(c.expected)}`);
      if (KEYED.has(c.expected) || c.expected === 'Node') expect(error.message, label(c)).toMatch(/use \w+|look the id up with \w+\(|look ids up by key/);
    }
  });

  it('refuses a malformed value', async () => {
    for (const c of CASES) {
      const error = await refusal(c, '  \u0000 not an id ');
      expect(error.code, label(c)).toBe(c.isMutation ? 'INVALID' : 'BAD_USER_INPUT');
      expect(error.message, label(c)).toContain(`is not ${idOf(c.expected)}`);
    }
  });

  it("refuses another type's valid id, naming both types", async () => {
    for (const c of CASES.filter((x) => x.expected !== 'Node')) {
      const other = otherTypeId(c.expected);
      const error = await refusal(c, other);
      expect(error.code, label(c)).toBe(c.isMutation ? 'INVALID' : 'BAD_USER_INPUT');
      const otherType = other === objects.Control ? 'Control' : 'Framework';
      expect(error.message, label(c)).toContain(`is ${idOf(otherType)}, not ${idOf(c.expected)}`);
    }
  });

  it('answers NOT_FOUND in queries for a well-formed id that names nothing, null for lookups', async () => {
    for (const c of CASES.filter((x) => !x.isMutation && x.expected !== 'Node')) {
      const missing = toGlobalId(c.expected as NodeType, 987654);
      const { query, variables } = operation(c, missing);
      const body = await server.gql(query, variables);
      if (isLookup(`${c.parent.name}.${c.field.name}`, String(c.path[0]))) {
        expect(body.errors, label(c)).toBeUndefined();
        expect(body.data?.[c.field.name], label(c)).toBeNull();
        continue;
      }
      const error = body.errors?.find((e) => (e.extensions as any)?.argument === argumentName(c.path));
      expect(error?.extensions?.code, `${label(c)}: ${JSON.stringify(body)}`).toBe('NOT_FOUND');
      expect(error?.message, label(c)).toContain(`no ${c.expected} has the id`);
    }
  });

  it('answers with the objects when every id is valid (the surrounding arguments are right)', async () => {
    for (const c of CASES.filter((x) => !x.isMutation)) {
      const { query, variables } = operation(c, validId(c.expected));
      const body = await server.gql(query, variables);
      const idErrors = (body.errors ?? []).filter((e) => (e.extensions as any)?.argument !== undefined);
      expect(idErrors, `${label(c)}: ${JSON.stringify(body.errors)}`).toEqual([]);
    }
  });
});
