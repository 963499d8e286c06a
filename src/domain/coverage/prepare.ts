/**
 * Turns a graph given as columns ({@link ColumnarCoverageGraph}, see columns.ts; a row-object
 * {@link CoverageGraph} is converted first) into typed-array indexes, once, independently of T
 * and scope.
 * Every query then reads only these arrays. Requirements, controls and threats are indexed in
 * ascending id order, so comparing indices compares ids.
 *
 * Requirement structure: a requirement is "live" when it is not withdrawn and every ancestor is
 * live (withdrawing a requirement withdraws everything under it; a requirement whose parent chain
 * is broken by a cycle is treated the same way). Only live requirements are ever evaluated, carry
 * mappings, crosswalk links or threat links. A leaf is a live requirement without live children.
 */
import { EVIDENCE_STATUSES } from '../vocabulary.js';
import { NO_STATUS, relationshipCodeKind } from './codes.js';
import { columnsOf, isColumnar, rowCount, type ColumnarCoverageGraph, type MarkColumns } from './columns.js';
import { buildCsr, buildIdIndex, i32, sortGroupsByTime, u8, type Csr, type IdIndex } from './indexing.js';
import type { CoverageGraph } from './types.js';

export interface PreparedCoverageGraph {
  readonly prepared: true;

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

  /** Crosswalk links between live requirements (any order). */
  readonly linkTarget: Int32Array;
  readonly linkKind: Uint8Array;
  readonly linkCreated: Float64Array;
  readonly linkRetired: Float64Array;
  /** Links by source requirement. */
  readonly reqLinks: Csr;

  /** Evidence (any order). */
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

  /** Not-applicable marks per live requirement. */
  readonly reqMarks: Csr;
  /** AI system id, −1 for a global mark. */
  readonly markAiSystem: Float64Array;
  readonly markCreated: Float64Array;
  readonly markRetired: Float64Array;
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

/**
 * Prepares a graph given as row objects ({@link CoverageGraph}) or as columns
 * ({@link ColumnarCoverageGraph}); row objects are converted to columns first.
 */
export function prepareCoverageGraph(input: CoverageGraph | ColumnarCoverageGraph): PreparedCoverageGraph {
  const graph = isColumnar(input) ? input : columnsOf(input);

  // Frameworks.
  const frameworkIds = graph.frameworks.id;
  const frameworkIndex = buildIdIndex(frameworkIds);

  // Requirements, ascending id.
  const reqOrderById = orderById(graph.requirements.id);
  const nReq = reqOrderById.length;
  const reqIds = permute(graph.requirements.id, reqOrderById);
  const reqIndex = buildIdIndex(reqIds);
  const reqFrameworkIds = permute(graph.requirements.frameworkId, reqOrderById);
  const reqParentIds = permute(graph.requirements.parentId, reqOrderById);
  const reqWithdrawn = permute(graph.requirements.withdrawn, reqOrderById);
  const reqFramework = frameworkIndex.getAll(reqFrameworkIds);
  // A NULL parent (NaN) is no id: −1.
  const reqParent = reqIndex.getAll(reqParentIds);
  const allChildren = buildCsr(reqParent, nReq);
  const reqLive = new Uint8Array(nReq);
  const order: number[] = [];
  for (let r = 0; r < nReq; r++) {
    if (reqParent[r] === -1 && reqWithdrawn[r] !== 1) {
      reqLive[r] = 1;
      order.push(r);
    }
  }
  for (let k = 0; k < order.length; k++) {
    const r = order[k]!;
    for (let c = allChildren.start[r]!; c < allChildren.start[r + 1]!; c++) {
      const child = allChildren.items[c]!;
      if (reqWithdrawn[child] !== 1 && !reqLive[child]) {
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
  /** The live requirement of each id of a column, −1 for none. */
  const liveReqs = (ids: Float64Array): Int32Array => {
    const out = reqIndex.getAll(ids);
    dropUnless(out, reqLive);
    return out;
  };

  // Controls and their status history.
  const changes = graph.controlStatusChanges;
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

  // Mappings and revisions.
  const maps = graph.mappings;
  const mappingIds = maps.id;
  const nMap = mappingIds.length;
  const mapReq = liveReqs(maps.requirementId);
  const mapControl = controlIndex.getAll(maps.controlId);
  const mapCreated = maps.createdAt;
  const mapRetired = instants(maps.retiredAt);
  const mapOwner = mapReq.slice();
  dropWhereNone(mapOwner, mapControl);
  const mappingIndex = buildIdIndex(mappingIds);
  const revs = graph.mappingRevisions;
  const revTime = revs.validFrom;
  const revKind = kindsOf(revs.relationship);
  const revOwner = mappingIndex.getAll(revs.mappingId);
  const mapRevisions = buildCsr(revOwner, nMap);
  sortGroupsByTime(mapRevisions, revTime, revs.id);
  const reqMappings = buildCsr(mapOwner, nReq);

  // Crosswalk links.
  const links = graph.requirementLinks;
  const linkSource = liveReqs(links.sourceRequirementId);
  const linkTarget = liveReqs(links.targetRequirementId);
  const linkKind = kindsOf(links.relationship);
  const linkCreated = links.createdAt;
  const linkRetired = instants(links.retiredAt);
  const reqLinks = buildCsr(
    i32(linkSource, (s, l) => (linkTarget[l]! >= 0 && linkTarget[l] !== s ? s : -1)),
    nReq,
  );

  // Evidence, reviews and the controls they support.
  const ev = graph.evidence;
  const nEv = ev.id.length;
  const evCreated = ev.createdAt;
  const evCollected = ev.collectedAt;
  const evValidUntil = instants(ev.validUntil);
  const evAiSystem = idsOrNone(ev.aiSystemId);
  const evIndex = buildIdIndex(ev.id);
  const reviews = graph.evidenceReviews;
  const reviewTime = reviews.reviewedAt;
  const reviewStatus = reviewStatuses(reviews.status);
  const reviewOwner = evIndex.getAll(reviews.evidenceId);
  const evReviews = buildCsr(reviewOwner, nEv);
  sortGroupsByTime(evReviews, reviewTime, reviews.id);
  const supports = graph.evidenceControls;
  const linkEvidence = evIndex.getAll(supports.evidenceId);
  const linkControl = controlIndex.getAll(supports.controlId);
  dropWhereNone(linkControl, linkEvidence);
  const controlEvidence = buildCsr(linkControl, controlIds.length);
  remap(controlEvidence.items, linkEvidence);

  // Not-applicable marks and baseline exclusions.
  const prepareMarks = (marks: MarkColumns): PreparedMarks => ({
    reqMarks: buildCsr(liveReqs(marks.requirementId), nReq),
    markAiSystem: idsOrNone(marks.aiSystemId),
    markCreated: marks.createdAt,
    markRetired: instants(marks.retiredAt),
  });
  const { reqMarks, markAiSystem, markCreated, markRetired } = prepareMarks(graph.notApplicableMarks);
  const excluded = graph.baselineExclusions;
  const exclusions = excluded && rowCount(excluded) > 0 ? prepareMarks(excluded) : null;

  // Frameworks applying to AI systems.
  const systemFrameworks = new Map<number, Uint8Array>();
  const applies = graph.aiSystemFrameworks;
  for (let i = 0; i < applies.aiSystemId.length; i++) {
    const f = frameworkIndex.get(applies.frameworkId[i]!);
    if (f < 0) continue;
    const system = applies.aiSystemId[i]!;
    let flags = systemFrameworks.get(system);
    if (!flags) systemFrameworks.set(system, (flags = new Uint8Array(frameworkIds.length)));
    flags[f] = 1;
  }

  // Threats and the requirements addressing them.
  const threatOrder = orderById(graph.threats.id);
  const threatIds = permute(graph.threats.id, threatOrder);
  const threatFrameworkIds = permute(graph.threats.frameworkId, threatOrder);
  const threatIndex = buildIdIndex(threatIds);
  const tr = graph.threatRequirements;
  const trRequirement = liveReqs(tr.requirementId);
  const threatRequirements = buildCsr(
    i32(tr.threatId, (t, i) => (trRequirement[i]! >= 0 ? threatIndex.get(t) : -1)),
    threatIds.length,
  );
  const dedupedStart = new Int32Array(threatIds.length + 1);
  const deduped: number[] = [];
  for (let t = 0; t < threatIds.length; t++) {
    const group = Array.from(threatRequirements.items.subarray(threatRequirements.start[t], threatRequirements.start[t + 1]), (i) => trRequirement[i]!);
    group.sort((a, b) => a - b);
    for (let k = 0; k < group.length; k++) if (k === 0 || group[k] !== group[k - 1]) deduped.push(group[k]!);
    dedupedStart[t + 1] = deduped.length;
  }

  return {
    prepared: true,
    frameworkIds,
    frameworkIndex,
    reqIds,
    reqIndex,
    reqFramework,
    reqParent,
    reqLive,
    reqLeaf,
    reqOrder,
    reqChildren,
    controlIds,
    controlIndex,
    ownChanges,
    changeTime,
    changeStatus,
    changeControl,
    overrideChanges,
    mappingIds,
    mapReq,
    mapControl,
    mapCreated,
    mapRetired,
    mapRevisions,
    revTime,
    revKind,
    reqMappings,
    linkTarget,
    linkKind,
    linkCreated,
    linkRetired,
    reqLinks,
    evCreated,
    evCollected,
    evValidUntil,
    evAiSystem,
    evReviews,
    reviewTime,
    reviewStatus,
    controlEvidence,
    reqMarks,
    markAiSystem,
    markCreated,
    markRetired,
    exclusions,
    systemFrameworks,
    threatIds,
    threatFrameworkIds,
    threatRequirements: { start: dedupedStart, items: Int32Array.from(deduped) },
  };
}

/** Marks of one kind (not-applicable marks or baseline exclusions), by live requirement. */
export interface PreparedMarks {
  readonly reqMarks: Csr;
  /** AI system id, −1 for an organisation-wide mark. */
  readonly markAiSystem: Float64Array;
  readonly markCreated: Float64Array;
  readonly markRetired: Float64Array;
}
