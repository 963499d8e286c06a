/**
 * A small schema-driven generator of GraphQL documents for the fuzz suite.
 *
 * Queries are valid by construction: every selection set starts with `__typename` (so the
 * checks can tell the type of every object in an answer), response names never collide (a field
 * whose name is taken gets a fresh alias), and the document stays inside the server's limits:
 * field depth ≤ MAX_DEPTH, aliases and directives well under their caps, and a conservative
 * cost estimate (the estimator of src/graphql/cost.ts, counting every field and `__typename`)
 * under a budget below MAXIMUM_QUERY_COST.
 *
 * Mutations take every argument through variables whose values are random and often invalid
 * (wrong ids, out-of-range numbers, hostile text, and now and then a value of the wrong type).
 *
 * Randomness comes from a `Draw`, which the test backs with fast-check's `gen()` so runs are
 * reproducible from the seed and failures shrink.
 */
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { NODE_TYPES, toGlobalId, type NodeType } from '../../src/domain/global-id.js';
import { encodeCursor } from '../../src/domain/paging.js';
import { COVERAGE_FIELDS, PER_ITEM_WHAT_IF } from '../../src/graphql/cost.js';

/** The random choices the generator makes. */
export interface Draw {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Arbitrary text (any Unicode scalar values, possibly empty). */
  text(): string;
}

/** What the database holds: real values to aim arguments at. */
export interface World {
  /** Global ids by node type. */
  ids: Partial<Record<NodeType, string[]>>;
  /** Cursors seen in answers (of any list). */
  cursors: string[];
  /** Known string values by argument name (refId, frameworkRefId, name, domain, search…). */
  strings: Record<string, string[]>;
  /** Ids never to hand to mutations (the tokens the suite's own clients use). */
  protectedIds: ReadonlySet<string>;
}

export interface GeneratorOptions {
  maxDepth: number;
  /** Upper bound of the estimated cost of a document. */
  costBudget: number;
  /** Aliases a document may use (the server's cap is higher). */
  maxAliases: number;
  /** Directives a document may use. */
  maxDirectives: number;
  /** Fields a document may select (keeps it far under the token limit). */
  maxFields: number;
  /**
   * Root Query fields weighed by the data (the exports, src/graphql/cost.ts): their weight without
   * the selection (at most the data's full size, as measured), and the cap of such a field's cost.
   */
  dataSized?: { weights: Readonly<Record<string, number>>; cap: number };
  /**
   * What one coverage evaluation costs (src/graphql/cost.ts, COVERAGE_FIELDS): every coverage
   * field is counted as naming a new evaluation (two for a what-if field), an upper bound.
   */
  coverageEvaluationWeight?: number;
}

export interface RootFieldUse {
  responseKey: string;
  fieldName: string;
  args: Record<string, unknown>;
  /** False when an @include/@skip directive leaves the field out. */
  included: boolean;
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
  roots: RootFieldUse[];
  /** Conservative estimate of the server's cost figure. */
  estimatedCost: number;
}

const JUNK_IDS = [
  '',
  'x',
  '0',
  '1',
  '-1',
  'null',
  toGlobalId('Framework', 0),
  toGlobalId('Control', 999_999_999),
  Buffer.from('Framework:1').toString('base64'), // padded, non-canonical
  Buffer.from('Control:01').toString('base64url'), // leading zero
  Buffer.from('Control:99999999999999999').toString('base64url'), // past 16 digits
  Buffer.from('Nope:1').toString('base64url'),
  Buffer.from('Control:1:2').toString('base64url'),
  '💥',
  'A'.repeat(300),
  "' OR 1=1 --",
];

const NASTY_TEXT = [
  '',
  ' ',
  '  padded  ',
  'before\u0000after',
  'bell\u0007 esc\u001b[31m del\u007f',
  'invoice\u202Egpj.exe',
  '\u2066admin\u2069\u200d',
  "'; DROP TABLE controls; --",
  '" OR 1=1 --',
  "x' UNION SELECT secret_hash FROM api_tokens --",
  '100% of _all_ [a-z] \\',
  '<script>alert(1)</script>',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 e\u0301 🏳️‍🌈',
  '\n\r\t',
  '%',
  '_',
  'null',
  'x'.repeat(301),
  'y'.repeat(5_001),
  'z'.repeat(20_001),
];

const URLS = [
  'https://example.com/evidence/1',
  'http://example.org/a?b=c#d',
  'HTTPS://EXAMPLE.COM/UPPER',
  'ftp://example.com/file',
  'javascript:alert(1)',
  'not a url',
  'http://',
  '//example.com/relative',
  'https://exa mple.com/',
  `https://example.com/${'p'.repeat(2_100)}`,
  'file:///etc/passwd',
];

const EXPIRIES = ['90d', '12h', '30m', '1d', '0d', '0m', '-1d', '99999999999d', '1y', 'forever', ''];

/** Long-ago, recent, future and edge instants (all valid DateTime strings). */
const INSTANTS = [
  '1970-01-01T00:00:00.000Z',
  '2000-02-29T12:00:00Z',
  '2020-06-15T08:30:00.000Z',
  '2024-01-01T00:00:00Z',
  '2099-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59.999Z',
];

/** Strings the DateTime scalar refuses (variables only: they make the request a 400). */
const BAD_INSTANTS = ['yesterday', '2024-02-30T00:00:00Z', '2024-01-01', '', '2024-13-01T00:00:00Z'];

/** Cursor-shaped values that are not cursors of the list they are sent to. */
const FORGED_CURSORS = [
  'x',
  '',
  encodeCursor(['a']),
  encodeCursor([1]),
  encodeCursor([0, 0, 0, 0, 0]),
  encodeCursor(['', -1]),
  encodeCursor([1e308, 'z']),
  encodeCursor([Number.MAX_SAFE_INTEGER]),
  encodeCursor(['\u0000', 1]),
  Buffer.from('[]').toString('base64url'),
  Buffer.from('{"a":1}').toString('base64url'),
  Buffer.from('[null]').toString('base64url'),
];

const INT_EDGES = [-2_147_483_648, -1, 0, 1, 2_147_483_647];

/** Which node type an id argument names, from its name or the type that owns it. */
export function idTypeFor(argName: string, owner: string): NodeType | null {
  const byName = argName.replace(/Ids?$/, '').replace(/^(source|target|parent)(?=[A-Z])/, '');
  const stem = byName === '' || byName === 'parent' || argName === 'id' || argName === 'parentId' ? owner : byName;
  const lower = stem.toLowerCase();
  if (lower.startsWith('token')) return 'ApiToken';
  let best: NodeType | null = null;
  for (const type of NODE_TYPES) {
    if (lower.startsWith(type.toLowerCase()) && (!best || type.length > best.length)) best = type;
  }
  return best;
}

type Mode = 'query' | 'mutation';

/** Prints a value as a GraphQL literal of the given input type. */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (value === null || value === undefined) return 'null';
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    return `[${items.map((item) => literal(item, type.ofType)).join(', ')}]`;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => fields[key])
      .map(([key, item]) => `${key}: ${literal(item, fields[key]!.type)}`);
    return `{ ${parts.join(', ')} }`;
  }
  if (isEnumType(type)) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export class DocumentGenerator {
  private aliasesLeft = 0;
  private directivesLeft = 0;
  private fieldsLeft = 0;
  private serial = 0;
  private varDefs: string[] = [];
  private variables: Record<string, unknown> = {};

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly world: World,
    private readonly draw: Draw,
    private readonly options: GeneratorOptions,
  ) {}

  private reset(): void {
    this.aliasesLeft = this.options.maxAliases;
    this.directivesLeft = this.options.maxDirectives;
    this.fieldsLeft = this.options.maxFields;
    this.serial = 0;
    this.varDefs = [];
    this.variables = {};
  }

  // -------------------------------------------------------------------------------------------
  // Queries

  /** A random valid query over the given root fields (all of Query when omitted). */
  query(rootFieldNames?: readonly string[]): GeneratedOperation {
    this.reset();
    const queryType = this.schema.getQueryType()!;
    const fields = Object.values(queryType.getFields()).filter(
      (f) => !rootFieldNames || rootFieldNames.includes(f.name),
    );
    const keys = new Map<string, string>();
    const roots: RootFieldUse[] = [];
    const parts: string[] = [];
    let cost = 0;
    const count = this.draw.int(1, 3);
    for (let i = 0; i < count; i++) {
      const field = this.draw.pick(fields);
      const share = Math.floor((this.options.costBudget - cost) / (count - i));
      const emitted = this.field(field, queryType.name, 1, share, keys, 'query');
      if (!emitted) continue;
      parts.push(emitted.text);
      cost += emitted.cost;
      roots.push({ responseKey: emitted.key, fieldName: field.name, args: emitted.args, included: emitted.included });
    }
    if (parts.length === 0) {
      parts.push('__typename');
      cost += 1;
    }
    return { query: this.operation('query', parts), variables: this.variables, roots, estimatedCost: cost };
  }

  private operation(kind: 'query' | 'mutation', parts: string[]): string {
    const defs = this.varDefs.length ? `(${this.varDefs.join(', ')})` : '';
    const name = this.draw.chance(0.3) ? ` Fuzz${this.draw.int(1, 99)}` : '';
    if (kind === 'query' && !defs && !name && this.draw.chance(0.5)) return `{ ${parts.join(' ')} }`;
    return `${kind}${name}${defs} { ${parts.join(' ')} }`;
  }

  /**
   * The selection set of a composite type whose fields sit at `level`; costs at most `budget`.
   * `keys` holds the response names already used at this level (shared with inline fragments).
   */
  selectionSet(type: GraphQLCompositeType, level: number, budget: number, mode: Mode): { text: string; cost: number } {
    const keys = new Map<string, string>([['__typename', '__typename|String!']]);
    const parts = ['__typename'];
    let cost = 1;
    if (!isUnionType(type)) {
      const picked = this.fieldsOf(type, level, budget - cost, keys, mode);
      parts.push(...picked.parts);
      cost += picked.cost;
    }
    // Inline fragments: on the possible types of an abstract type, or on Node for a node type.
    if (isInterfaceType(type) || isUnionType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      const count = this.draw.int(0, Math.min(3, possible.length));
      for (let i = 0; i < count && budget - cost > 2; i++) {
        const target = this.draw.pick(possible);
        const picked = this.fieldsOf(target, level, budget - cost, keys, mode);
        parts.push(`... on ${target.name} { ${picked.parts.length ? picked.parts.join(' ') : '__typename'} }`);
        cost += picked.cost || 1;
      }
    } else if (isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node') && this.draw.chance(0.15) && budget - cost > 1) {
      const idKey = keys.get('id');
      if (!idKey || idKey === 'id|ID!') {
        keys.set('id', 'id|ID!');
        parts.push('... on Node { id }');
        cost += 1;
      }
    }
    return { text: `{ ${parts.join(' ')} }`, cost };
  }

  private fieldsOf(
    type: GraphQLObjectType | GraphQLInterfaceType,
    level: number,
    budget: number,
    keys: Map<string, string>,
    mode: Mode,
  ): { parts: string[]; cost: number } {
    const fields = Object.values(type.getFields());
    const parts: string[] = [];
    let cost = 0;
    const count = this.draw.int(1, Math.min(4, fields.length));
    for (let i = 0; i < count; i++) {
      if (this.fieldsLeft <= 0 || budget - cost < 1) break;
      const field = this.draw.pick(fields);
      const emitted = this.field(field, type.name, level, budget - cost, keys, mode);
      if (!emitted) continue;
      parts.push(emitted.text);
      cost += emitted.cost;
    }
    return { parts, cost };
  }

  /** One field at `level` with arguments, maybe an alias and a directive, and its selection. */
  private field(
    field: GraphQLField<unknown, unknown>,
    parentName: string,
    level: number,
    budget: number,
    keys: Map<string, string>,
    mode: Mode,
  ): { text: string; cost: number; key: string; args: Record<string, unknown>; included: boolean } | null {
    const mark = this.varDefs.length;
    const emitted = this.fieldUnlessRefused(field, parentName, level, budget, keys, mode);
    if (!emitted) {
      // Forget the variables of arguments of a field that was not emitted after all.
      for (const def of this.varDefs.splice(mark)) delete this.variables[def.slice(1, def.indexOf(':'))];
    }
    return emitted;
  }

  private fieldUnlessRefused(
    field: GraphQLField<unknown, unknown>,
    parentName: string,
    level: number,
    budget: number,
    keys: Map<string, string>,
    mode: Mode,
  ): { text: string; cost: number; key: string; args: Record<string, unknown>; included: boolean } | null {
    if (this.fieldsLeft <= 0 || budget < 1) return null;
    const named = getNamedType(field.type);
    const composite = isCompositeType(named);
    if (composite && level + 1 > this.options.maxDepth) return null;
    if (composite && budget < 3) return null;

    const args = this.arguments(field, named.name, parentName, mode);
    // Cost multiplier of a list-shaped field (src/graphql/cost.ts).
    let multiplier = 1;
    if (named.name.endsWith('Connection')) {
      const first = args.values.first;
      multiplier = typeof first === 'number' ? Math.max(0, first) : 20;
    } else if (parentName === 'Query' && field.name === 'nodes') {
      multiplier = Array.isArray(args.values.ids) ? args.values.ids.length : 1;
    }
    let selection = '';
    let cost = 1;
    if (composite) {
      const childBudget = Math.floor((budget - 1) / Math.max(1, multiplier));
      if (childBudget < 2) return null;
      this.fieldsLeft--;
      const sub = this.selectionSet(named, level + 1, childBudget, mode);
      selection = ` ${sub.text}`;
      cost = 1 + Math.max(1, multiplier) * sub.cost;
      const weight = parentName === 'Query' ? this.options.dataSized?.weights[field.name] : undefined;
      if (weight !== undefined) {
        cost = Math.min(Math.max(1, weight) + sub.cost, this.options.dataSized!.cap);
        if (cost > budget) return null;
      }
    } else {
      this.fieldsLeft--;
    }
    const coverage = COVERAGE_FIELDS.get(`${parentName}.${field.name}`);
    if (coverage && this.options.coverageEvaluationWeight) {
      cost += this.options.coverageEvaluationWeight * (coverage.whatIf ? 2 : 1);
      if (cost > budget) return null;
    }
    // An expiring item's what-if fields: one evaluation per field and item (the list multiplies it).
    if (parentName === 'ExpiringEvidence' && PER_ITEM_WHAT_IF.has(field.name) && this.options.coverageEvaluationWeight) {
      cost += this.options.coverageEvaluationWeight;
      if (cost > budget) return null;
    }

    // A response name may repeat only for the same argument-less leaf field of the same type.
    const mergeable = !composite && field.args.length === 0;
    const signature = mergeable ? `${field.name}|${String(field.type)}` : `${field.name}|#${++this.serial}`;
    let key = field.name;
    let alias = '';
    const taken = keys.get(field.name);
    if ((taken !== undefined && taken !== signature) || (this.aliasesLeft > 0 && this.draw.chance(0.05))) {
      if (this.aliasesLeft <= 0) return null;
      this.aliasesLeft--;
      key = `a${++this.serial}`;
      alias = `${key}: `;
    }
    keys.set(key, signature);

    let directive = '';
    let included = true;
    if (this.directivesLeft > 0 && this.draw.chance(0.04)) {
      this.directivesLeft--;
      const name = this.draw.pick(['include', 'skip']);
      const condition = this.draw.chance(name === 'include' ? 0.8 : 0.2);
      included = name === 'include' ? condition : !condition;
      const text = this.draw.chance(0.5) ? this.variable('Boolean!', condition) : String(condition);
      directive = ` @${name}(if: ${text})`;
    }
    return { text: `${alias}${field.name}${args.text}${directive}${selection}`, cost, key, args: args.values, included };
  }

  private variable(typeName: string, value: unknown): string {
    const name = `v${++this.serial}`;
    this.varDefs.push(`$${name}: ${typeName}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  private arguments(
    field: GraphQLField<unknown, unknown>,
    returnTypeName: string,
    parentName: string,
    mode: Mode,
  ): { text: string; values: Record<string, unknown> } {
    const values: Record<string, unknown> = {};
    const parts: string[] = [];
    // An `id` argument names an object of the type the field returns (framework(id) → Framework).
    const owner = returnTypeName;
    for (const arg of field.args) {
      if (!this.wantArgument(arg, parentName === 'Query' && field.name === 'node' ? 1 : undefined)) continue;
      let value: unknown;
      if (parentName === 'Query' && field.name === 'nodes' && arg.name === 'ids') {
        value = Array.from({ length: this.draw.int(1, 5) }, () => this.id(null, mode));
      } else if (parentName === 'Query' && field.name === 'node' && arg.name === 'id') {
        value = this.id(null, mode);
      } else {
        value = this.value(arg.type, arg.name, owner, mode);
      }
      values[arg.name] = value;
      const text = this.draw.chance(0.25) ? this.variable(String(arg.type), value) : literal(value, arg.type);
      parts.push(`${arg.name}: ${text}`);
    }
    return { text: parts.length ? `(${parts.join(', ')})` : '', values };
  }

  private wantArgument(arg: GraphQLArgument, force?: number): boolean {
    if (force || (isNonNullType(arg.type) && arg.defaultValue === undefined)) return true;
    if (arg.name === 'first') return this.draw.chance(0.9);
    if (arg.name === 'after') return this.draw.chance(0.08);
    return this.draw.chance(0.35);
  }

  // -------------------------------------------------------------------------------------------
  // Values

  /** A value for an input type (as sent in variables: enums as their names). */
  value(type: GraphQLInputType, name: string, owner: string, mode: Mode): unknown {
    if (isNonNullType(type)) return this.present(type.ofType, name, owner, mode);
    if (mode === 'mutation' && this.draw.chance(0.05)) return null;
    return this.present(type, name, owner, mode);
  }

  private present(type: GraphQLInputType, name: string, owner: string, mode: Mode): unknown {
    if (isNonNullType(type)) return this.present(type.ofType, name, owner, mode);
    if (isListType(type)) {
      const length = this.draw.chance(0.1) ? 0 : this.draw.int(1, 3);
      return Array.from({ length }, () => this.value(type.ofType, name, owner, mode));
    }
    if (isInputObjectType(type)) {
      const result: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (required || this.draw.chance(mode === 'mutation' ? 0.6 : 0.35)) {
          result[field.name] = this.value(field.type, field.name, type.name, mode);
        }
      }
      return result;
    }
    if (isEnumType(type)) return this.draw.pick(type.getValues()).name;
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
          return this.int(name, mode);
        case 'Float':
          return this.draw.pick([0, 0.5, -1, 1e6]);
        case 'Boolean':
          return this.draw.chance(0.5);
        case 'ID':
          return this.id(idTypeFor(name, owner), mode);
        case 'DateTime':
          if (mode === 'mutation' && this.draw.chance(0.05)) return this.draw.pick(BAD_INSTANTS);
          return this.draw.chance(0.5) ? this.draw.pick(INSTANTS) : new Date(Date.UTC(2000, 0, 1) + this.draw.int(0, 40 * 365) * 86_400_000).toISOString();
        case 'JSON':
          return {};
        default:
          return this.string(name, mode);
      }
    }
    return null;
  }

  private int(name: string, mode: Mode): number {
    if (name === 'first') return this.draw.chance(0.02) ? this.draw.pick([-1, 101, 1000]) : this.draw.int(0, 3);
    if (this.draw.chance(0.1)) return this.draw.pick(INT_EDGES);
    if (name === 'strength') return this.draw.int(0, 11);
    if (mode === 'query') return this.draw.int(0, 5);
    return this.draw.int(-3, 100);
  }

  /** An id: usually of the type the argument names, sometimes of any type, sometimes garbage. */
  id(type: NodeType | null, mode: Mode): string {
    const allowed = (ids: readonly string[] | undefined) => (mode === 'mutation' ? (ids ?? []).filter((id) => !this.world.protectedIds.has(id)) : (ids ?? []));
    const typed = type ? allowed(this.world.ids[type]) : [];
    const roll = this.draw.int(0, 99);
    if (typed.length > 0 && roll < 70) return this.draw.pick(typed);
    if (roll < 90) {
      const all = allowed(Object.values(this.world.ids).flat());
      if (all.length > 0) return this.draw.pick(all);
    }
    return this.draw.pick(JUNK_IDS);
  }

  private string(name: string, mode: Mode): string {
    const known = this.world.strings[name];
    const roll = this.draw.int(0, 99);
    if (name === 'after') {
      return roll < 60 && this.world.cursors.length ? this.draw.pick(this.world.cursors) : this.draw.pick(FORGED_CURSORS);
    }
    if (name === 'url' && roll < 80) return this.draw.pick(URLS);
    if (name === 'expiresIn' && roll < 80) return this.draw.pick(EXPIRIES);
    if (name === 'sha256' && roll < 80) {
      return this.draw.pick(['0'.repeat(64), 'f'.repeat(64), 'F'.repeat(64), 'abc', 'g'.repeat(64), '0'.repeat(65)]);
    }
    if (known?.length && roll < 30) return this.draw.pick(known);
    if (roll < 55) return `${name}-${this.draw.int(0, 999_999)}`;
    if (roll < 80) return this.draw.pick(NASTY_TEXT);
    // Half a surrogate pair: the server refuses the whole request (INVALID_UNICODE).
    if (mode === 'mutation' && roll === 80) return 'half \ud800 pair';
    const text = this.draw.text();
    // By code points: slicing UTF-16 units could split a surrogate pair.
    return mode === 'query' && name === 'search' ? [...text].slice(0, 10).join('') : text;
  }

  // -------------------------------------------------------------------------------------------
  // Mutations

  /**
   * A mutation of one root field; every argument goes through a variable. With probability
   * `breakChance` one value is replaced by one of the wrong type (the request is then refused
   * before anything runs).
   */
  mutation(fieldName: string, breakChance = 0.15): GeneratedOperation {
    this.reset();
    const mutationType = this.schema.getMutationType()!;
    const field = mutationType.getFields()[fieldName]!;
    const named = getNamedType(field.type);
    const values: Record<string, unknown> = {};
    const args: string[] = [];
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (!required && !this.draw.chance(0.6)) continue;
      const owner = isInputObjectType(getNamedType(arg.type)) ? getNamedType(arg.type).name : named.name;
      const value = this.value(arg.type, arg.name, owner, 'mutation');
      values[arg.name] = value;
      args.push(`${arg.name}: ${this.variable(String(arg.type), value)}`);
    }
    if (Object.keys(this.variables).length > 0 && this.draw.chance(breakChance)) {
      const name = this.draw.pick(Object.keys(this.variables));
      this.variables[name] = this.breakValue(this.variables[name]);
    }
    const key = this.draw.chance(0.2) ? `m${this.draw.int(1, 9)}` : field.name;
    let selection = '';
    if (isCompositeType(named)) {
      // The payload: userErrors in full, every other field with a small random selection.
      const parts = ['__typename'];
      for (const payloadField of Object.values((named as GraphQLObjectType).getFields())) {
        const inner = getNamedType(payloadField.type);
        if (payloadField.name === 'userErrors') parts.push('userErrors { code field message }');
        else if (isLeafType(inner)) parts.push(payloadField.name);
        else parts.push(`${payloadField.name} ${this.selectionSet(inner as GraphQLCompositeType, 3, 60, 'query').text}`);
      }
      selection = ` { ${parts.join(' ')} }`;
    }
    const head = key === field.name ? '' : `${key}: `;
    const query = this.operation('mutation', [`${head}${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection}`]);
    return { query, variables: this.variables, roots: [{ responseKey: key, fieldName: field.name, args: values, included: true }], estimatedCost: 0 };
  }

  /** The same value with one part of the wrong type, a missing required part or an unknown part. */
  private breakValue(value: unknown): unknown {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.keys(value as object);
      const copy = { ...(value as Record<string, unknown>) };
      const roll = this.draw.int(0, 3);
      if (roll === 0 || entries.length === 0) copy[`bogus${this.draw.int(0, 9)}`] = 1;
      else if (roll === 1) delete copy[this.draw.pick(entries)];
      else {
        const key = this.draw.pick(entries);
        copy[key] = this.breakValue(copy[key]);
      }
      return copy;
    }
    return this.draw.pick<unknown>([
      12.5,
      2 ** 40,
      'NOT_A_VALUE',
      true,
      [],
      { nested: 'object' },
      this.draw.pick(BAD_INSTANTS),
      'x'.repeat(10),
    ]);
  }
}
