/**
 * Query cost, computed before execution with graphql-query-complexity and capped per request.
 *
 * Estimator: every field costs 1 plus the cost of its selection; a connection field (its type
 * is named `…Connection`) costs 1 + `first` × (cost of its selection), `first` defaulting to
 * DEFAULT_PAGE_SIZE (20); `nodes(ids)` costs 1 + (number of ids) × (cost of its selection).
 * Fields skipped by `@skip`/`@include` cost nothing. A nested connection costs `first` × its
 * selection once per parent item, which is what the long ones read: their pages are cut in SQL
 * per parent (graphql/paged-group-loader.ts: every nested connection but the current overrides, see
 * docs/architecture.md), so `controls(first: 100) { evidence(first: 1) { … } }` reads at most
 * 100 × (1 + 1) evidence rows in one statement and costs 100 × (1 + 1 × the edge's selection).
 * Root fields whose work grows with the data
 * (DATA_SIZED_FIELDS: the exports) cost what the data they would produce weighs (one unit per row,
 * see services/export-weights.ts), at most MAXIMUM_DATA_SIZED_FIELD_COST each, so a request holds
 * at most two exports of a large graph and a VIEWER cannot ask for twenty; the weights come from
 * the data's size at its current version, and the cost is remembered per document, variables and
 * data version.
 *
 * Coverage evaluations: every field that reads a coverage evaluation (COVERAGE_FIELDS: `coverage`,
 * `gaps`, `threatExposure`, `controlImpact`, `coverageSimulation`, `evidenceExpiring`, `Framework.coverage`,
 * `Requirement.coverage`, `Requirement.applicable`, `Threat.exposure`, `coverageSnapshotRecord`)
 * names one by its scope, instant (`asOf`, absent: the request's one "now") and crosswalk options.
 * Each distinct evaluation the operation names adds {@link DataWeights.coverageEvaluation} once,
 * however often and however deep it is named (variables resolved; a field inside a list is
 * answered from the one evaluation, so items do not multiply it); `controlImpact` and
 * `coverageSimulation` add one more each, for their what-if evaluation, and each of the
 * `controls`, `requirements`, `threats`, `frameworks` fields of an `evidenceExpiring` item adds one
 * per item (the item's own what-if). The weight is one unit per
 * COVERAGE_ROWS_PER_COST_UNIT rows the engine walks (live requirements, mappings, crosswalk links,
 * evidence links and reviews, from the data's size at its current version), at most
 * MAXIMUM_COVERAGE_EVALUATION_COST: at the benchmark's size M (about a million such rows) one
 * evaluation costs about 250, so a dashboard of a few scopes "now" costs about 1,000 and 50
 * distinct instants exceed the budget; at any size a request holds at least ten.
 *
 * Every response reports `extensions.cost = { requestedQueryCost, maximumAllowed }` (as
 * Shopify's Admin API does); requestedQueryCost is null when the request never got that far
 * (syntax or validation errors, invalid variables). Above MAXIMUM_QUERY_COST the operation is
 * refused with HTTP 400 and code QUERY_COST_EXCEEDED, before any resolver runs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type GraphQLOutputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../domain/paging.js';
import { DEFAULT_MAX_DEPTH } from '../domain/coverage/index.js';

/**
 * The most a single request may cost. Fits: a page of 100 requirements, each with up to 10
 * mappings and their controls (~7,500). Refused: 100 frameworks × 100 requirements each
 * (~10,300 before any field), or any `first` beyond the page maximum on a non-trivial selection.
 */
export const MAXIMUM_QUERY_COST = 10_000;
export const QUERY_COST_EXCEEDED = 'QUERY_COST_EXCEEDED';
/** Root Query fields weighed by the data they produce. */
export const DATA_SIZED_FIELDS: ReadonlySet<string> = new Set(['coverageReport', 'assessmentResults', 'mappingsExport', 'bundleExport', 'linksExport', 'controlsExport', 'evidenceExport']);
/** The most one data-sized field may cost, its selection included: two fit in a request. */
export const MAXIMUM_DATA_SIZED_FIELD_COST = MAXIMUM_QUERY_COST / 2;

/** Rows of the coverage graph one cost unit of an evaluation stands for. */
export const COVERAGE_ROWS_PER_COST_UNIT = 4_000;
/** The most one coverage evaluation may cost: a request holds at least ten. */
export const MAXIMUM_COVERAGE_EVALUATION_COST = MAXIMUM_QUERY_COST / 10;

/** What one coverage evaluation costs when the engine walks `rows` rows (see the header). */
export function coverageEvaluationWeight(rows: number, rowsPerUnit = COVERAGE_ROWS_PER_COST_UNIT): number {
  return Math.min(MAXIMUM_COVERAGE_EVALUATION_COST, Math.max(1, Math.ceil(rows / rowsPerUnit)));
}

/** The weight of data-sized root fields at one data version. */
export interface DataWeights {
  version: string;
  /** The field's weight for these (coerced) arguments; undefined: not data-sized. */
  of(field: string, args: Record<string, unknown>): number | undefined;
  /** What one distinct coverage evaluation adds; undefined: nothing. */
  coverageEvaluation?: number;
}

type Args = Record<string, unknown>;

/** The evaluation a coverage field's arguments name: scope, instant and crosswalk options. */
function evaluationKey(scope: unknown, args: Args): string {
  const s = (scope ?? {}) as { aiSystemId?: unknown; aiSystemName?: unknown };
  const scopeKey =
    typeof s.aiSystemId === 'string' ? `id:${s.aiSystemId}` : typeof s.aiSystemName === 'string' ? `name:${s.aiSystemName}` : 'org';
  const at = args.asOf instanceof Date && Number.isFinite(args.asOf.getTime()) ? String(args.asOf.getTime()) : 'now';
  const depth = typeof args.maxCrosswalkDepth === 'number' ? args.maxCrosswalkDepth : DEFAULT_MAX_DEPTH;
  return `${scopeKey}|${at}|${args.viaCrosswalks === false ? 'off' : depth}`;
}

/**
 * Fields that read a coverage evaluation (by parent type and field): the key of the evaluation
 * their (coerced) arguments name, and whether they run a what-if evaluation of their own.
 */
export const COVERAGE_FIELDS: ReadonlyMap<string, { key(args: Args): string; whatIf?: true }> = new Map([
  ['Query.coverage', { key: (a: Args) => evaluationKey(a.scope, a) }],
  ['Query.gaps', { key: (a: Args) => evaluationKey({ aiSystemId: (a.filter as Args | null | undefined)?.aiSystemId }, a) }],
  ['Query.threatExposure', { key: (a: Args) => evaluationKey(a.scope, a) }],
  ['Query.controlImpact', { key: (a: Args) => evaluationKey(a.scope, a), whatIf: true as const }],
  ['Query.coverageSimulation', { key: (a: Args) => evaluationKey(a.scope, a), whatIf: true as const }],
  ['Query.evidenceExpiring', { key: (a: Args) => evaluationKey(a.scope, a) }],
  ['Framework.coverage', { key: (a: Args) => evaluationKey(a.scope, a) }],
  ['Requirement.coverage', { key: (a: Args) => evaluationKey(a.scope, a) }],
  ['Threat.exposure', { key: (a: Args) => evaluationKey(a.scope, a) }],
  ['Requirement.applicable', { key: (a: Args) => evaluationKey({ aiSystemId: a.aiSystemId }, a) }],
  [
    'Mutation.coverageSnapshotRecord',
    { key: (a: Args) => { const input = (a.input ?? {}) as Args; return `mutation|${evaluationKey(input.scope, { viaCrosswalks: input.viaCrosswalks })}`; } },
  ],
]);
/** Fields of `ExpiringEvidence` answered from that item's what-if evaluation (weighed once per field and item). */
export const PER_ITEM_WHAT_IF: ReadonlySet<string> = new Set(['controls', 'requirements', 'threats', 'frameworks']);
const COVERAGE_FIELD_NAMES: ReadonlySet<string> = new Set([...COVERAGE_FIELDS.keys()].map((k) => k.slice(k.indexOf('.') + 1)));

/** Selections visited (fragments expanded) before costing gives up and refuses the query. */
const MAX_COSTED_SELECTIONS = 10_000;

export interface CostReport {
  requestedQueryCost: number | null;
  maximumAllowed: number;
}

/*
 * Schema objects reach this module from Apollo's copy of graphql-js; under vitest this module may
 * load the other (ESM) copy, whose instanceof-based helpers (getNamedType, getVariableValues,
 * instanceof GraphQLError) refuse foreign objects. So: duck typing only, and variables are
 * coerced by graphql-query-complexity (which shares Apollo's copy).
 */
function namedTypeName(type: GraphQLOutputType): string {
  let named: { name?: string; ofType?: unknown } = type;
  while (named.ofType) named = named.ofType as typeof named;
  return named.name ?? '';
}

/**
 * The estimator of every field; `evaluations` collects the coverage evaluations the operation
 * names (their weight is added once each, after the walk).
 */
export const fieldCost = (weights?: DataWeights, evaluations?: Set<string>): ComplexityEstimator => ({ type, field, args, childComplexity }) => {
  if (evaluations) {
    const coverage = COVERAGE_FIELDS.get(`${type.name}.${field.name}`);
    if (coverage) {
      evaluations.add(coverage.key(args));
      if (coverage.whatIf) evaluations.add(`what-if#${evaluations.size}`);
    }
  }
  // What drops with one expiring item is a what-if evaluation of its own: each item of the page pays one.
  if (type.name === 'ExpiringEvidence' && PER_ITEM_WHAT_IF.has(field.name)) return (weights?.coverageEvaluation ?? 0) + 1 + childComplexity;
  if (weights && type.name === 'Query' && DATA_SIZED_FIELDS.has(field.name)) {
    const weight = weights.of(field.name, args);
    if (weight !== undefined) return Math.min(Math.max(1, weight) + childComplexity, MAXIMUM_DATA_SIZED_FIELD_COST);
  }
  if (namedTypeName(field.type).endsWith('Connection')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + Math.max(0, first) * childComplexity;
  }
  if (type.name === 'Query' && field.name === 'nodes' && Array.isArray(args.ids)) {
    return 1 + args.ids.length * childComplexity;
  }
  return 1 + childComplexity;
};

/**
 * The cost of one operation of a validated document; undefined when the variables do not
 * coerce (execution then refuses the request with the same errors, so nothing runs).
 * Throws QUERY_COST_EXCEEDED when the document is too large to cost.
 *
 * The cost is a function of the schema, the document, the operation and the variables only, so
 * it is remembered per document (Apollo keeps parsed documents, so a repeated query is the same
 * object), operation name and the values of the variables it declares: at most
 * {@link COST_MEMO_ENTRIES} per document, and only scalar variable values (see memoKey).
 * Refusals are not remembered.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  weights?: DataWeights,
): number | undefined {
  const operationKey = memoKey(operation, variables);
  const key = operationKey === null ? null : `${weights?.version ?? ''}\u0000${operationKey}`;
  let byDocument = costMemo.get(schema);
  if (!byDocument) costMemo.set(schema, (byDocument = new WeakMap()));
  let memo = byDocument.get(document);
  if (key !== null && memo?.has(key)) return memo.get(key);
  const cost = computeCost(schema, document, operation, variables, weights);
  if (key !== null) {
    if (!memo) byDocument.set(document, (memo = new Map()));
    if (memo.size >= COST_MEMO_ENTRIES) memo.clear();
    memo.set(key, cost);
  }
  return cost;
}

const COST_MEMO_ENTRIES = 32;
const COST_MEMO_MAX_KEY = 1024;
const costMemo = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number | undefined>>>();

/**
 * The memo key of an operation and its variables: the operation's name and the values of the
 * variables it declares (others do not count). null, so not remembered, when a value is not a
 * string, number, boolean or null, or the key would exceed COST_MEMO_MAX_KEY characters.
 */
function memoKey(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string | null {
  let key = operation.name?.value ?? '';
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables && Object.hasOwn(variables, name) ? variables[name] : undefined;
    let text: string;
    if (value === undefined || value === null || typeof value === 'boolean') text = String(value);
    else if (typeof value === 'number') text = `n${value}`; // JSON.parse gives Infinity for 1e400
    else if (typeof value === 'string' && value.length <= COST_MEMO_MAX_KEY) text = JSON.stringify(value);
    else return null;
    key += `\u0000${name}=${text}`;
    if (key.length > COST_MEMO_MAX_KEY) return null;
  }
  return key;
}

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  weights: DataWeights | undefined,
): number | undefined {
  const evaluations = new Set<string>();
  try {
    const cost = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables: variables ?? {},
      estimators: [fieldCost(weights, evaluations)],
      maxQueryNodes: MAX_COSTED_SELECTIONS,
    });
    return Math.min(cost + evaluations.size * (weights?.coverageEvaluation ?? 0), Number.MAX_SAFE_INTEGER);
  } catch (error) {
    const { message, nodes } = error as { message?: string; nodes?: readonly { kind?: string }[] };
    // Variables that do not coerce: execution refuses the request with the same error.
    if (nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION) return undefined;
    if (typeof message === 'string' && /maximum allowed number of nodes/.test(message)) {
      throw costExceeded(
        `The query has more than ${MAX_COSTED_SELECTIONS} selections once fragments are expanded.`,
        { requestedQueryCost: null, maximumAllowed: MAXIMUM_QUERY_COST },
      );
    }
    throw error;
  }
}

function costExceeded(message: string, cost: CostReport): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: QUERY_COST_EXCEEDED, cost, http: { status: 400 } },
  });
}

/** Which weights an operation needs: data-sized root fields (exports), coverage evaluations. */
export interface WeighedFields {
  exports: boolean;
  coverage: boolean;
}

/**
 * Whether the operation selects a data-sized root field and whether it selects, at any depth, a
 * field named like a coverage field (through fragments too), so that the data weights are only
 * read for those.
 */
export function weighedFields(document: DocumentNode, operation: OperationDefinitionNode): WeighedFields {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const found: WeighedFields = { exports: false, coverage: false };
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode, root: boolean): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (COVERAGE_FIELD_NAMES.has(s.name.value)) found.coverage = true;
        if (root && operation.operation === 'query' && DATA_SIZED_FIELDS.has(s.name.value)) found.exports = true;
        if (s.selectionSet) visit(s.selectionSet, false);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        visit(s.selectionSet, root);
      } else {
        const key = `${root}:${s.name.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fragment = fragments.get(s.name.value);
        if (fragment) visit(fragment, root);
      }
    }
  };
  visit(operation.selectionSet, true);
  return found;
}

/**
 * Computes, reports and caps the cost of every operation; `weights` gives the data-sized
 * fields' and coverage evaluations' weights now, reading only those the operation needs (without
 * it they cost like plain fields), for the request's context and kind of operation.
 */
export function costPlugin<TContext extends object>(
  maximumAllowed = MAXIMUM_QUERY_COST,
  weights?: (needed: WeighedFields, context: TContext, kind: 'query' | 'mutation' | 'subscription') => Promise<DataWeights>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let requestedQueryCost: number | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const needed = weights ? weighedFields(document, operation) : undefined;
          const current = needed && (needed.exports || needed.coverage) ? await weights!(needed, contextValue, operation.operation) : undefined;
          const cost = operationCost(schema, document, operation, request.variables, current);
          if (cost === undefined) return;
          requestedQueryCost = cost;
          if (cost > maximumAllowed) {
            throw costExceeded(
              `Query cost ${cost} exceeds the maximum of ${maximumAllowed}. Ask for fewer items (lower "first") or fewer fields.`,
              { requestedQueryCost: cost, maximumAllowed },
            );
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const cost: CostReport = { requestedQueryCost, maximumAllowed };
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
