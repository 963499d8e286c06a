/**
 * Turns a graph given as columns ({@link ColumnarCoverageGraph}, see columns.ts; a row-object
 * {@link CoverageGraph} is converted first) into typed-array indexes, once per structure epoch
 * (the structure as of T, see structure.ts; every T of the epoch gives the same structure) and
 * independently of scope. Evaluating another epoch prepares it from the same source (epochs.ts).
 * Every query then reads only these arrays. Requirements, controls and threats are indexed in
 * ascending id order, so comparing indices compares ids.
 *
 * Requirement structure: a requirement whose framework is absent from the structure (deleted
 * before T or imported after it, rule 10) is absent too, like any row referring to an absent id:
 * it is never live and is nobody's parent. A requirement is "live" when it is not withdrawn and
 * every ancestor is live (withdrawing a requirement withdraws everything under it; a requirement
 * whose parent chain is broken by a cycle is treated the same way). Only live requirements are
 * ever evaluated, carry mappings, crosswalk links or threat links. A leaf is a live requirement
 * without live children.
 */
import { columnsOf, isColumnar, rowCount, type Columns, type ColumnarCoverageGraph } from './columns.js';
import { buildIdIndex } from './indexing.js';
import {
  extendReviews,
  prepareControls,
  prepareEvidence,
  prepareLinks,
  prepareMappings,
  prepareMarks,
  prepareRequirements,
  prepareReviews,
  prepareRevisions,
  prepareSupports,
  prepareSystemFrameworks,
  prepareThreats,
} from './prepare-tables.js';
import type { PreparedCoverageGraph } from './prepared-graph.js';
import type { CoverageGraph } from './types.js';
import { epochOf, structureAt, structureInstants } from './structure.js';

export { isPrepared, type PreparedCoverageGraph, type PreparedMarks } from './prepared-graph.js';
export { EVIDENCE_ACCEPTED, EVIDENCE_REJECTED } from './prepare-tables.js';

/** One pass of a preparation: the inputs it was computed from (columns, earlier passes' outputs) and its output. */
interface PassRecord {
  readonly inputs: readonly unknown[];
  readonly output: unknown;
}

/** The passes each prepared graph was built with, for the next preparation to reuse. */
const passesOf = new WeakMap<PreparedCoverageGraph, ReadonlyMap<string, PassRecord>>();

/**
 * The passes of one preparation. A pass whose inputs are all the very same objects as in the
 * previous preparation's pass of that name returns that pass's output instead of computing it
 * again; a pass whose table only had rows appended (its columns longer views of the previous
 * ones, see columns.ts) and whose other inputs are the same may bring the previous output up to
 * date instead (the reviews: a review is the usual write). Sound because columns are never
 * mutated (see columns.ts), nor are the outputs of a pass once it returned, and a pass reads
 * nothing but its inputs.
 */
class Passes {
  readonly records = new Map<string, PassRecord>();
  /** The passes computed again or brought up to date (not reused as they were). */
  readonly redone = new Set<string>();
  /** The row count the {@link runAppending} pass of that name extended its previous output from. */
  readonly extendedFrom = new Map<string, number>();
  constructor(private readonly previous: ReadonlyMap<string, PassRecord> | undefined) {}

  run<T>(name: string, inputs: readonly unknown[], compute: () => T): T {
    const before = this.previous?.get(name);
    let output: T;
    if (before && sameItems(before.inputs, inputs)) output = before.output as T;
    else {
      output = compute();
      this.redone.add(name);
    }
    this.records.set(name, { inputs, output });
    return output;
  }

  /**
   * {@link run} for a pass over one table (`columns`, after the other `inputs`) that can take
   * appended rows: when the other inputs are the very same and each column extends the previous
   * pass's (rows were only appended), `extend` brings the previous output up to date from the
   * previous row count on.
   */
  runAppending<T>(name: string, inputs: readonly unknown[], columns: readonly unknown[], compute: () => T, extend: (previous: T, from: number) => T): T {
    const all = [...inputs, ...columns];
    const before = this.previous?.get(name);
    let output: T;
    if (before && sameItems(before.inputs, all)) output = before.output as T;
    else if (before && appendedTo(before.inputs, inputs, columns)) {
      const from = (before.inputs[inputs.length] as Float64Array).length;
      output = extend(before.output as T, from);
      this.extendedFrom.set(name, from);
      this.redone.add(name);
    } else {
      output = compute();
      this.redone.add(name);
    }
    this.records.set(name, { inputs: all, output });
    return output;
  }
}

/** Whether `inputs` are the first of `before` and `columns` extend the rest (see {@link extendsColumn}). */
function appendedTo(before: readonly unknown[], inputs: readonly unknown[], columns: readonly unknown[]): boolean {
  if (before.length !== inputs.length + columns.length || columns.length === 0) return false;
  for (let i = 0; i < inputs.length; i++) if (before[i] !== inputs[i]) return false;
  return columns.every((column, i) => extendsColumn(before[inputs.length + i], column));
}

const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether column `b` holds the rows of column `a` first (and maybe more after): a view of the same
 * memory from the same start, at least as long. Sound because the elements a column shows are
 * never written again (columns.ts): an append makes a longer view of the same buffer.
 */
const extendsColumn = (a: unknown, b: unknown): boolean =>
  a instanceof Float64Array && b instanceof Float64Array && a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length <= b.length;

/** The columns of a table, as pass inputs. */
const columnsIn = (table: Columns<string> | null | undefined): readonly unknown[] => (table ? Object.values(table) : [null]);

/**
 * Prepares a graph given as row objects ({@link CoverageGraph}) or as columns
 * ({@link ColumnarCoverageGraph}); row objects are converted to columns first. Given the
 * preparation of an earlier graph that shares columns with this one (a snapshot patched after a
 * write shares every table the write did not touch), the passes over unchanged tables are reused:
 * the result is the same as preparing from scratch.
 */
export function prepareCoverageGraph(
  input: CoverageGraph | ColumnarCoverageGraph,
  previous?: PreparedCoverageGraph,
  /** An instant of the structure epoch to prepare; default: the latest epoch. */
  at = Infinity,
): PreparedCoverageGraph {
  const source = isColumnar(input) ? input : columnsOf(input);
  const structureTimes = structureInstants(source);
  const epoch = epochOf(structureTimes, at);
  const graph = structureAt(source, at, epoch);
  const passes = new Passes(previous ? passesOf.get(previous) : undefined);

  const fw = passes.run('frameworks', [graph.frameworks.id], () => ({
    frameworkIds: graph.frameworks.id,
    frameworkIndex: buildIdIndex(graph.frameworks.id),
  }));
  const req = passes.run('requirements', [fw, ...columnsIn(graph.requirements)], () => prepareRequirements(graph.requirements, fw.frameworkIndex));
  const ctl = passes.run('controls', columnsIn(graph.controlStatusChanges), () => prepareControls(graph.controlStatusChanges));
  const map = passes.run('mappings', [req, ctl, ...columnsIn(graph.mappings)], () => prepareMappings(graph.mappings, req, ctl));
  const rev = passes.run('mappingRevisions', [map, ...columnsIn(graph.mappingRevisions)], () => prepareRevisions(graph.mappingRevisions, map));
  const links = passes.run('requirementLinks', [req, ...columnsIn(graph.requirementLinks)], () => prepareLinks(graph.requirementLinks, req));
  const ev = passes.run('evidence', columnsIn(graph.evidence), () => prepareEvidence(graph.evidence));
  const reviews = passes.runAppending(
    'evidenceReviews',
    [ev],
    columnsIn(graph.evidenceReviews),
    () => prepareReviews(graph.evidenceReviews, ev),
    (earlier, from) => extendReviews(earlier, graph.evidenceReviews, ev, from),
  );
  const supports = passes.run('evidenceControls', [ev, ctl, ...columnsIn(graph.evidenceControls)], () => ({
    controlEvidence: prepareSupports(graph.evidenceControls, ev, ctl),
  }));
  const marks = passes.run('notApplicableMarks', [req, ...columnsIn(graph.notApplicableMarks)], () => prepareMarks(graph.notApplicableMarks, req));
  const excluded = graph.baselineExclusions;
  const exclusions = passes.run('baselineExclusions', [req, ...columnsIn(excluded)], () =>
    excluded && rowCount(excluded) > 0 ? prepareMarks(excluded, req) : null,
  );
  const systems = passes.run('aiSystemFrameworks', [fw, ...columnsIn(graph.aiSystemFrameworks)], () => ({
    systemFrameworks: prepareSystemFrameworks(graph.aiSystemFrameworks, fw.frameworkIndex, fw.frameworkIds.length),
  }));
  const threats = passes.run('threats', [req, ...columnsIn(graph.threats), ...columnsIn(graph.threatRequirements)], () =>
    prepareThreats(graph.threats, graph.threatRequirements, req),
  );

  const { mappingIndex: _mapOnly, ...mappingFields } = map;
  const { evIndex: _evOnly, ...evidenceFields } = ev;
  const prepared: PreparedCoverageGraph = {
    prepared: true,
    source,
    epoch,
    structureTimes,
    ...fw,
    ...req,
    ...ctl,
    ...mappingFields,
    ...rev,
    ...links,
    ...evidenceFields,
    ...reviews,
    ...supports,
    ...marks,
    exclusions,
    ...systems,
    ...threats,
  };
  passesOf.set(prepared, passes.records);
  const from = passes.extendedFrom.get('evidenceReviews');
  if (previous && from !== undefined && passes.redone.size === 1 && sameEpoch(previous.epoch, epoch)) {
    reviewsAppended.set(prepared, { previous: serialOf(previous), evidence: ev.evIndex.getAll(graph.evidenceReviews.evidenceId.subarray(from)) });
  }
  return prepared;
}

const sameEpoch = (a: PreparedCoverageGraph['epoch'], b: PreparedCoverageGraph['epoch']): boolean => a.from === b.from && a.to === b.to;

/** What {@link reviewsAppendedTo} answers, per prepared graph. */
const reviewsAppended = new WeakMap<PreparedCoverageGraph, ReviewsAppended>();

/**
 * A preparation that differs from the preparation numbered `previous` (see {@link serialOf}) only
 * by reviews appended to the evidence items `evidence` (indices; an index may repeat). A number,
 * not the preparation: a chain of preparations, each holding the one before, would keep every one
 * alive (a WeakRef too, for as long as a synchronous run of preparations lasts).
 */
export interface ReviewsAppended {
  readonly previous: number;
  readonly evidence: Int32Array;
}

const serials = new WeakMap<PreparedCoverageGraph, number>();
let lastSerial = 0;

/** A number naming the preparation, unique in the process. */
export function serialOf(prep: PreparedCoverageGraph): number {
  let serial = serials.get(prep);
  if (serial === undefined) serials.set(prep, (serial = ++lastSerial));
  return serial;
}

/**
 * When `prep` was prepared from the preparation of an earlier graph whose rows differ only by
 * appended reviews (every other pass reused, the same structure epoch), that earlier preparation
 * and the evidence items the new reviews are of; else undefined. Everything at any instant that no
 * review decides is then the same in both (TimeSlice's derivation, evaluate.ts).
 */
export const reviewsAppendedTo = (prep: PreparedCoverageGraph): ReviewsAppended | undefined => reviewsAppended.get(prep);
