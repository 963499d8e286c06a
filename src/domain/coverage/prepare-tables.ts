/**
 * The preparation's passes over each table of the columnar graph (see prepare.ts for the rules of
 * liveness and what each index holds): each pass reads its table's columns and the outputs of
 * earlier passes only, and never changes either, so prepare.ts may reuse a pass's output when its
 * inputs are the very same objects as last time.
 */
import { EVIDENCE_STATUSES, RELATIONSHIPS } from '../vocabulary.js';
import { NO_STATUS, relationshipCodeKind } from './codes.js';
import type { ColumnarCoverageGraph, MarkColumns } from './columns.js';
import { appendToGroups, buildCsr, buildIdIndex, i32, sortGroupsByTime, u8, type Csr, type IdIndex } from './indexing.js';
import type { PreparedCoverageGraph, PreparedMarks } from './prepared-graph.js';

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

/** Review status codes: ACCEPTED, REJECTED, or pending review for anything else; of `codes[from…]` into `out[from…]`. */
function reviewStatuses(codes: Float64Array, out = new Uint8Array(codes.length), from = 0): Uint8Array {
  for (let i = from; i < codes.length; i++) {
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

/** The live requirement of each id of a column, −1 for none. */
function liveReqs(req: PreparedRequirements, ids: Float64Array): Int32Array {
  const out = req.reqIndex.getAll(ids);
  dropUnless(out, req.reqLive);
  return out;
}

export type PreparedRequirements = Pick<
  PreparedCoverageGraph,
  'reqIds' | 'reqIndex' | 'reqFramework' | 'reqParent' | 'reqLive' | 'reqLeaf' | 'reqOrder' | 'reqChildren'
>;

export function prepareRequirements(requirements: ColumnarCoverageGraph['requirements'], frameworkIndex: IdIndex): PreparedRequirements {
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
export function prepareControls(changes: ColumnarCoverageGraph['controlStatusChanges']) {
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

export type PreparedControls = ReturnType<typeof prepareControls>;

export function prepareMappings(maps: ColumnarCoverageGraph['mappings'], req: PreparedRequirements, ctl: PreparedControls) {
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

export function prepareRevisions(revs: ColumnarCoverageGraph['mappingRevisions'], map: ReturnType<typeof prepareMappings>) {
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
export function prepareLinks(links: ColumnarCoverageGraph['requirementLinks'], req: PreparedRequirements) {
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

export function prepareEvidence(ev: ColumnarCoverageGraph['evidence']) {
  return {
    evIndex: buildIdIndex(ev.id),
    evIds: ev.id,
    evCreated: ev.createdAt,
    evCollected: ev.collectedAt,
    evValidUntil: instants(ev.validUntil),
    evAiSystem: idsOrNone(ev.aiSystemId),
  };
}

export type PreparedEvidence = ReturnType<typeof prepareEvidence>;

export function prepareReviews(reviews: ColumnarCoverageGraph['evidenceReviews'], ev: PreparedEvidence) {
  const reviewTime = reviews.reviewedAt;
  const evReviews = buildCsr(ev.evIndex.getAll(reviews.evidenceId), ev.evCreated.length);
  sortGroupsByTime(evReviews, reviewTime, reviews.id);
  return { evReviews, reviewTime, reviewStatus: reviewStatuses(reviews.status) };
}

export type PreparedReviews = ReturnType<typeof prepareReviews>;

/**
 * {@link prepareReviews} of `reviews` from its output for their first `from` rows (`previous`, of
 * the same evidence pass; left as it is), when rows were only appended since: the new reviews are
 * sorted into their evidence's groups, the others kept. The same result as preparing them all.
 */
export function extendReviews(previous: PreparedReviews, reviews: ColumnarCoverageGraph['evidenceReviews'], ev: PreparedEvidence, from: number): PreparedReviews {
  const reviewTime = reviews.reviewedAt;
  const owners = ev.evIndex.getAll(reviews.evidenceId.subarray(from));
  const evReviews = appendToGroups(previous.evReviews, owners, from, reviewTime, reviews.id);
  const reviewStatus = new Uint8Array(reviews.status.length);
  reviewStatus.set(previous.reviewStatus);
  return { evReviews, reviewTime, reviewStatus: reviewStatuses(reviews.status, reviewStatus, from) };
}

/** Evidence indices per control. */
export function prepareSupports(supports: ColumnarCoverageGraph['evidenceControls'], ev: PreparedEvidence, ctl: PreparedControls): Csr {
  const linkEvidence = ev.evIndex.getAll(supports.evidenceId);
  const linkControl = ctl.controlIndex.getAll(supports.controlId);
  dropWhereNone(linkControl, linkEvidence);
  const controlEvidence = buildCsr(linkControl, ctl.controlIds.length);
  remap(controlEvidence.items, linkEvidence);
  return controlEvidence;
}

export function prepareMarks(marks: MarkColumns, req: PreparedRequirements): PreparedMarks {
  return {
    reqMarks: buildCsr(liveReqs(req, marks.requirementId), req.reqIds.length),
    markAiSystem: idsOrNone(marks.aiSystemId),
    markCreated: marks.createdAt,
    markRetired: instants(marks.retiredAt),
  };
}

/** Framework applicability flags (by framework index) per AI system id. */
export function prepareSystemFrameworks(applies: ColumnarCoverageGraph['aiSystemFrameworks'], frameworkIndex: IdIndex, frameworks: number) {
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
export function prepareThreats(threats: ColumnarCoverageGraph['threats'], tr: ColumnarCoverageGraph['threatRequirements'], req: PreparedRequirements) {
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

