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
import { EVIDENCE_STATUSES, RELATIONSHIPS } from '../vocabulary.js';
import { NO_STATUS, relationshipCodeKind } from './codes.js';
import { columnsOf, isColumnar, rowCount, type Columns, type ColumnarCoverageGraph, type MarkColumns } from './columns.js';
import { buildCsr, buildIdIndex, i32, sortGroupsByTime, u8, type Csr, type IdIndex } from './indexing.js';
import type { CoverageGraph } from './types.js';
import { epochOf, structureAt, structureInstants, type StructureEpoch } from './structure.js';

/** The not-applicable marks are its PreparedMarks fields (reqMarks, markAiSystem, markCreated, markRetired). */
export interface PreparedCoverageGraph extends PreparedMarks {
  readonly prepared: true;

  /** The whole graph, history included, this epoch was cut from. */
  readonly source: ColumnarCoverageGraph;
  /** The structure epoch prepared: every T in [from, to) has this structure. */
  readonly epoch: StructureEpoch;
  /** Every instant at which the source's structure changes, ascending (see structure.ts). */
  readonly structureTimes: Float64Array;

  readonly frameworkIds: Float64Array;
  readonly frameworkIndex: IdIndex;

  /** Requirements, ascending id. */
  readonly reqIds: Float64Array;
  readonly reqIndex: IdIndex;
  readonly reqFramework: Int32Array;
  readonly reqParent: Int32Array;
  readonly reqLive: Uint8Array;
  readonly reqLeaf: Uint8Array;
  /** Live requirements, parents before children. */
  readonly reqOrder: Int32Array;
  /** Live children of each requirement. */
  readonly reqChildren: Csr;

  /** Controls (every control with a status history), ascending id. */
  readonly controlIds: Float64Array;
  readonly controlIndex: IdIndex;
  /** Own status changes per control, by (changedAt, id). */
  readonly ownChanges: Csr;
  readonly changeTime: Float64Array;
  readonly changeStatus: Uint8Array;
  readonly changeControl: Int32Array;
  /** Override changes per AI system id, by (changedAt, id). */
  readonly overrideChanges: ReadonlyMap<number, Int32Array>;

  /** Mappings (any order). */
  readonly mappingIds: Float64Array;
  readonly mapReq: Int32Array;
  readonly mapControl: Int32Array;
  readonly mapCreated: Float64Array;
  readonly mapRetired: Float64Array;
  /** Revisions per mapping, by (validFrom, id). */
  readonly mapRevisions: Csr;
  readonly revTime: Float64Array;
  readonly revKind: Uint8Array;
  /** Mappings held by each live requirement (with a known control). */
  readonly reqMappings: Csr;

  /** Crosswalk links, ascending id; source and target −1 when not live. */
  readonly linkIds: Float64Array;
  readonly linkSource: Int32Array;
  readonly linkTarget: Int32Array;
  /** Index in RELATIONSHIPS; RELATIONSHIPS.length for an unknown one (read as INTERSECTS_WITH). */
  readonly linkRelationship: Uint8Array;
  readonly linkCreated: Float64Array;
  readonly linkRetired: Float64Array;
  /** Links between two distinct live requirements, by source requirement. */
  readonly reqLinks: Csr;
  /** The same links by target requirement (for inverse readings). */
  readonly reqLinksIn: Csr;

  /** Evidence (any order): ids, by evidence index. */
  readonly evIds: Float64Array;
  readonly evCreated: Float64Array;
  readonly evCollected: Float64Array;
  readonly evValidUntil: Float64Array;
  /** AI system id, −1 for none. */
  readonly evAiSystem: Float64Array;
  /** Reviews per evidence, by (reviewedAt, id). */
  readonly evReviews: Csr;
  readonly reviewTime: Float64Array;
  /** Index in EVIDENCE_STATUSES. */
  readonly reviewStatus: Uint8Array;
  /** Evidence indices per control. */
  readonly controlEvidence: Csr;

  /** Baseline exclusions, indexed like the marks; null when there are none. */
  readonly exclusions: PreparedMarks | null;

  /** Framework applicability flags (by framework index) per AI system id. */
  readonly systemFrameworks: ReadonlyMap<number, Uint8Array>;

  /** Threats, ascending id. */
  readonly threatIds: Float64Array;
  readonly threatFrameworkIds: Float64Array;
  /** Linked live requirements per threat, ascending, without duplicates. */
  readonly threatRequirements: Csr;
}

export const isPrepared = (graph: CoverageGraph | ColumnarCoverageGraph | PreparedCoverageGraph): graph is PreparedCoverageGraph =>
  (graph as PreparedCoverageGraph).prepared === true;

export const EVIDENCE_ACCEPTED = EVIDENCE_STATUSES.indexOf('ACCEPTED');
export const EVIDENCE_REJECTED = EVIDENCE_STATUSES.indexOf('REJECTED');
const EVIDENCE_PENDING = EVIDENCE_STATUSES.indexOf('PENDING_REVIEW');

const sortedUniqueIds = (ids: Float64Array): Float64Array => {
  const out = Float64Array.from(new Set(ids));
  out.sort();
  return out;
};

/** Indices 0…n−1 ordered by `ids` ascending (stable); identity when already sorted. */
function orderById(ids: Float64Array): Int32Array {
  const n = ids.length;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && !(ids[i - 1]! <= ids[i]!)) sorted = false;
  }
  if (!sorted) {
    const list = Array.from(order);
    list.sort((a, b) => ids[a]! - ids[b]! || a - b);
    order.set(list);
  }
  return order;
}

/** `column[order[i]]` for every i (the column itself when `order` is the identity). */
function permute(column: Float64Array, order: Int32Array): Float64Array {
  let identity = true;
  for (let i = 0; i < order.length; i++) {
    if (order[i] !== i) {
      identity = false;
      break;
    }
  }
  if (identity) return column;
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = column[order[i]!]!;
  return out;
}

/*
 * The passes over large columns are small functions of their own: each is optimised on its own
 * after a few calls, instead of waiting for the whole of prepareCoverageGraph to be.
 */

/** −1 where `live[values[i]]` is 0. */
function dropUnless(values: Int32Array, live: Uint8Array): void {
  for (let i = 0; i < values.length; i++) {
    const r = values[i]!;
    if (r >= 0 && !live[r]) values[i] = -1;
  }
}

/** −1 where `other[i]` is −1 (none). */
function dropWhereNone(values: Int32Array, other: Int32Array): void {
  for (let i = 0; i < values.length; i++) if (other[i]! < 0) values[i] = -1;
}

/** `items[k] = map[items[k]]`, in place. */
function remap(items: Int32Array, map: Int32Array): void {
  for (let k = 0; k < items.length; k++) items[k] = map[items[k]!]!;
}

/** Review status codes: ACCEPTED, REJECTED, or pending review for anything else. */
function reviewStatuses(codes: Float64Array): Uint8Array {
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const s = codes[i]!;
    out[i] = s === EVIDENCE_ACCEPTED ? EVIDENCE_ACCEPTED : s === EVIDENCE_REJECTED ? EVIDENCE_REJECTED : EVIDENCE_PENDING;
  }
  return out;
}

/** Relationship codes as bytes; an unknown code as RELATIONSHIPS.length. */
function relationshipCodes(codes: Float64Array): Uint8Array {
  const out = new Uint8Array(codes.length);
  const unknown = RELATIONSHIPS.length;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out[i] = c >= 0 && c < unknown && (c | 0) === c ? c : unknown;
  }
  return out;
}

/** The mapping kind (KIND_FULL or KIND_PARTIAL) of each relationship code. */
function kindsOf(codes: Float64Array): Uint8Array {
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = relationshipCodeKind(codes[i]!);
  return out;
}

/** A nullable instant column with NULL (NaN) as +Infinity ("never"). */
function instants(column: Float64Array): Float64Array {
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    out[i] = v !== v ? Infinity : v;
  }
  return out;
}

/** A nullable id column with NULL (NaN) as −1. */
function idsOrNone(column: Float64Array): Float64Array {
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    out[i] = v !== v ? -1 : v;
  }
  return out;
}

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
 * again. Sound because columns are never mutated (see columns.ts), nor are the outputs of a pass
 * once it returned, and a pass reads nothing but its inputs.
 */
class Passes {
  readonly records = new Map<string, PassRecord>();
  constructor(private readonly previous: ReadonlyMap<string, PassRecord> | undefined) {}

  run<T>(name: string, inputs: readonly unknown[], compute: () => T): T {
    const before = this.previous?.get(name);
    const output = before && sameItems(before.inputs, inputs) ? (before.output as T) : compute();
    this.records.set(name, { inputs, output });
    return output;
  }
}

const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

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
  const reviews = passes.run('evidenceReviews', [ev, ...columnsIn(graph.evidenceReviews)], () => prepareReviews(graph.evidenceReviews, ev));
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
  return prepared;
}

/** The live requirement of each id of a column, −1 for none. */
function liveReqs(req: PreparedRequirements, ids: Float64Array): Int32Array {
  const out = req.reqIndex.getAll(ids);
  dropUnless(out, req.reqLive);
  return out;
}

type PreparedRequirements = Pick<
  PreparedCoverageGraph,
  'reqIds' | 'reqIndex' | 'reqFramework' | 'reqParent' | 'reqLive' | 'reqLeaf' | 'reqOrder' | 'reqChildren'
>;

function prepareRequirements(requirements: ColumnarCoverageGraph['requirements'], frameworkIndex: IdIndex): PreparedRequirements {
  // Ascending id.
  const reqOrderById = orderById(requirements.id);
  const nReq = reqOrderById.length;
  const reqIds = permute(requirements.id, reqOrderById);
  const reqIndex = buildIdIndex(reqIds);
  const reqFrameworkIds = permute(requirements.frameworkId, reqOrderById);
  const reqParentIds = permute(requirements.parentId, reqOrderById);
  const reqWithdrawn = permute(requirements.withdrawn, reqOrderById);
  const reqFramework = frameworkIndex.getAll(reqFrameworkIds);
  // A NULL parent (NaN) is no id: −1; so is a parent absent with its framework.
  const reqParent = reqIndex.getAll(reqParentIds);
  for (let r = 0; r < nReq; r++) if (reqParent[r]! >= 0 && reqFramework[reqParent[r]!]! < 0) reqParent[r] = -1;
  const allChildren = buildCsr(reqParent, nReq);
  const reqLive = new Uint8Array(nReq);
  const order: number[] = [];
  for (let r = 0; r < nReq; r++) {
    if (reqParent[r] === -1 && reqWithdrawn[r] !== 1 && reqFramework[r]! >= 0) {
      reqLive[r] = 1;
      order.push(r);
    }
  }
  for (let k = 0; k < order.length; k++) {
    const r = order[k]!;
    for (let c = allChildren.start[r]!; c < allChildren.start[r + 1]!; c++) {
      const child = allChildren.items[c]!;
      if (reqWithdrawn[child] !== 1 && !reqLive[child] && reqFramework[child]! >= 0) {
        reqLive[child] = 1;
        order.push(child);
      }
    }
  }
  const reqOrder = Int32Array.from(order);
  const liveParent = i32(reqParent, (p, r) => (reqLive[r] ? p : -1));
  const reqChildren = buildCsr(liveParent, nReq);
  const reqLeaf = new Uint8Array(nReq);
  for (let r = 0; r < nReq; r++) {
    reqLeaf[r] = reqLive[r] && reqChildren.start[r] === reqChildren.start[r + 1] ? 1 : 0;
  }
  return { reqIds, reqIndex, reqFramework, reqParent, reqLive, reqLeaf, reqOrder, reqChildren };
}

/** Controls (every control with a status history) and their own and per-system status changes. */
function prepareControls(changes: ColumnarCoverageGraph['controlStatusChanges']) {
  const changeSystem = changes.aiSystemId;
  const controlIds = sortedUniqueIds(changes.controlId);
  const controlIndex = buildIdIndex(controlIds);
  const changeTime = changes.changedAt;
  const changeIds = changes.id;
  const changeStatus = u8(changes.toStatus, (s) => (s !== s ? NO_STATUS : s));
  const changeControl = controlIndex.getAll(changes.controlId);
  const ownChanges = buildCsr(
    i32(changeControl, (c, i) => (changeSystem[i] !== changeSystem[i] ? c : -1)),
    controlIds.length,
  );
  sortGroupsByTime(ownChanges, changeTime, changeIds);
  const bySystem = new Map<number, number[]>();
  for (let i = 0; i < changeSystem.length; i++) {
    const system = changeSystem[i]!;
    if (system !== system) continue;
    const list = bySystem.get(system);
    if (list) list.push(i);
    else bySystem.set(system, [i]);
  }
  const overrideChanges = new Map<number, Int32Array>();
  for (const [system, list] of bySystem) {
    const group: Csr = { start: Int32Array.of(0, list.length), items: Int32Array.from(list) };
    sortGroupsByTime(group, changeTime, changeIds);
    overrideChanges.set(system, group.items);
  }
  return { controlIds, controlIndex, ownChanges, changeTime, changeStatus, changeControl, overrideChanges };
}

type PreparedControls = ReturnType<typeof prepareControls>;

function prepareMappings(maps: ColumnarCoverageGraph['mappings'], req: PreparedRequirements, ctl: PreparedControls) {
  const mappingIds = maps.id;
  const mapReq = liveReqs(req, maps.requirementId);
  const mapControl = ctl.controlIndex.getAll(maps.controlId);
  const mapOwner = mapReq.slice();
  dropWhereNone(mapOwner, mapControl);
  return {
    mappingIds,
    mappingIndex: buildIdIndex(mappingIds),
    mapReq,
    mapControl,
    mapCreated: maps.createdAt,
    mapRetired: instants(maps.retiredAt),
    /** Mappings held by each live requirement (with a known control). */
    reqMappings: buildCsr(mapOwner, req.reqIds.length),
  };
}

function prepareRevisions(revs: ColumnarCoverageGraph['mappingRevisions'], map: ReturnType<typeof prepareMappings>) {
  const revTime = revs.validFrom;
  const mapRevisions = buildCsr(map.mappingIndex.getAll(revs.mappingId), map.mappingIds.length);
  sortGroupsByTime(mapRevisions, revTime, revs.id);
  return { mapRevisions, revTime, revKind: kindsOf(revs.relationship) };
}

/**
 * Crosswalk links in ascending id order (so comparing link indices compares ids), with an index
 * by source and one by target: a link is read from either end (see crosswalk.ts). Links whose
 * ends are not both live, or are the same requirement, are in neither index.
 */
function prepareLinks(links: ColumnarCoverageGraph['requirementLinks'], req: PreparedRequirements) {
  const order = orderById(links.id);
  const linkSource = liveReqs(req, permute(links.sourceRequirementId, order));
  const linkTarget = liveReqs(req, permute(links.targetRequirementId, order));
  const kept = i32(linkSource, (s, l) => (s >= 0 && linkTarget[l]! >= 0 && linkTarget[l] !== s ? 1 : 0));
  const linkRelationship = relationshipCodes(permute(links.relationship, order));
  return {
    linkIds: permute(links.id, order),
    linkSource,
    linkTarget,
    linkRelationship,
    linkCreated: permute(links.createdAt, order),
    linkRetired: instants(permute(links.retiredAt, order)),
    reqLinks: buildCsr(i32(linkSource, (s, l) => (kept[l] ? s : -1)), req.reqIds.length),
    reqLinksIn: buildCsr(i32(linkTarget, (t, l) => (kept[l] ? t : -1)), req.reqIds.length),
  };
}

function prepareEvidence(ev: ColumnarCoverageGraph['evidence']) {
  return {
    evIndex: buildIdIndex(ev.id),
    evIds: ev.id,
    evCreated: ev.createdAt,
    evCollected: ev.collectedAt,
    evValidUntil: instants(ev.validUntil),
    evAiSystem: idsOrNone(ev.aiSystemId),
  };
}

type PreparedEvidence = ReturnType<typeof prepareEvidence>;

function prepareReviews(reviews: ColumnarCoverageGraph['evidenceReviews'], ev: PreparedEvidence) {
  const reviewTime = reviews.reviewedAt;
  const evReviews = buildCsr(ev.evIndex.getAll(reviews.evidenceId), ev.evCreated.length);
  sortGroupsByTime(evReviews, reviewTime, reviews.id);
  return { evReviews, reviewTime, reviewStatus: reviewStatuses(reviews.status) };
}

/** Evidence indices per control. */
function prepareSupports(supports: ColumnarCoverageGraph['evidenceControls'], ev: PreparedEvidence, ctl: PreparedControls): Csr {
  const linkEvidence = ev.evIndex.getAll(supports.evidenceId);
  const linkControl = ctl.controlIndex.getAll(supports.controlId);
  dropWhereNone(linkControl, linkEvidence);
  const controlEvidence = buildCsr(linkControl, ctl.controlIds.length);
  remap(controlEvidence.items, linkEvidence);
  return controlEvidence;
}

function prepareMarks(marks: MarkColumns, req: PreparedRequirements): PreparedMarks {
  return {
    reqMarks: buildCsr(liveReqs(req, marks.requirementId), req.reqIds.length),
    markAiSystem: idsOrNone(marks.aiSystemId),
    markCreated: marks.createdAt,
    markRetired: instants(marks.retiredAt),
  };
}

/** Framework applicability flags (by framework index) per AI system id. */
function prepareSystemFrameworks(applies: ColumnarCoverageGraph['aiSystemFrameworks'], frameworkIndex: IdIndex, frameworks: number) {
  const systemFrameworks = new Map<number, Uint8Array>();
  for (let i = 0; i < applies.aiSystemId.length; i++) {
    const f = frameworkIndex.get(applies.frameworkId[i]!);
    if (f < 0) continue;
    const system = applies.aiSystemId[i]!;
    let flags = systemFrameworks.get(system);
    if (!flags) systemFrameworks.set(system, (flags = new Uint8Array(frameworks)));
    flags[f] = 1;
  }
  return systemFrameworks;
}

/** Threats, ascending id, and the live requirements addressing each (ascending, no duplicates). */
function prepareThreats(threats: ColumnarCoverageGraph['threats'], tr: ColumnarCoverageGraph['threatRequirements'], req: PreparedRequirements) {
  const threatOrder = orderById(threats.id);
  const threatIds = permute(threats.id, threatOrder);
  const threatFrameworkIds = permute(threats.frameworkId, threatOrder);
  const threatIndex = buildIdIndex(threatIds);
  const trRequirement = liveReqs(req, tr.requirementId);
  const byThreat = buildCsr(
    i32(tr.threatId, (t, i) => (trRequirement[i]! >= 0 ? threatIndex.get(t) : -1)),
    threatIds.length,
  );
  const dedupedStart = new Int32Array(threatIds.length + 1);
  const deduped: number[] = [];
  for (let t = 0; t < threatIds.length; t++) {
    const group = Array.from(byThreat.items.subarray(byThreat.start[t], byThreat.start[t + 1]), (i) => trRequirement[i]!);
    group.sort((a, b) => a - b);
    for (let k = 0; k < group.length; k++) if (k === 0 || group[k] !== group[k - 1]) deduped.push(group[k]!);
    dedupedStart[t + 1] = deduped.length;
  }
  return { threatIds, threatFrameworkIds, threatRequirements: { start: dedupedStart, items: Int32Array.from(deduped) } };
}

/** Marks of one kind (not-applicable marks or baseline exclusions), by live requirement. */
export interface PreparedMarks {
  /** Marks per live requirement. */
  readonly reqMarks: Csr;
  /** AI system id, −1 for an organisation-wide mark. */
  readonly markAiSystem: Float64Array;
  readonly markCreated: Float64Array;
  readonly markRetired: Float64Array;
}
