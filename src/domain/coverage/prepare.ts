/**
 * Turns a {@link CoverageGraph} into typed-array indexes, once, independently of T and scope.
 * Every query then reads only these arrays. Requirements, controls and threats are indexed in
 * ascending id order, so comparing indices compares ids.
 *
 * Requirement structure: a requirement is "live" when it is not withdrawn and every ancestor is
 * live (withdrawing a requirement withdraws everything under it; a requirement whose parent chain
 * is broken by a cycle is treated the same way). Only live requirements are ever evaluated, carry
 * mappings, crosswalk links or threat links. A leaf is a live requirement without live children.
 */
import { EVIDENCE_STATUSES } from '../vocabulary.js';
import { relationshipKind, statusCode } from './codes.js';
import { buildCsr, buildIdIndex, f64, i32, orNever, sortGroupsByTime, u8, type Csr, type IdIndex } from './indexing.js';
import type { CoverageGraph, NotApplicableMarkInput } from './types.js';

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

export const isPrepared = (graph: CoverageGraph | PreparedCoverageGraph): graph is PreparedCoverageGraph =>
  (graph as PreparedCoverageGraph).prepared === true;

export const EVIDENCE_ACCEPTED = EVIDENCE_STATUSES.indexOf('ACCEPTED');
export const EVIDENCE_REJECTED = EVIDENCE_STATUSES.indexOf('REJECTED');
const EVIDENCE_PENDING = EVIDENCE_STATUSES.indexOf('PENDING_REVIEW');

const sortedUniqueIds = (ids: Iterable<number>): Float64Array => {
  const out = Float64Array.from(new Set(ids));
  out.sort();
  return out;
};

export function prepareCoverageGraph(graph: CoverageGraph): PreparedCoverageGraph {
  // Frameworks.
  const frameworkIds = f64(graph.frameworks, (f) => f.id);
  const frameworkIndex = buildIdIndex(frameworkIds);

  // Requirements, ascending id.
  const reqRows = [...graph.requirements].sort((a, b) => a.id - b.id);
  const nReq = reqRows.length;
  const reqIds = f64(reqRows, (r) => r.id);
  const reqIndex = buildIdIndex(reqIds);
  const reqFramework = i32(reqRows, (r) => frameworkIndex.get(r.frameworkId));
  const reqParent = i32(reqRows, (r) => (r.parentId === null ? -1 : reqIndex.get(r.parentId)));
  const allChildren = buildCsr(reqParent, nReq);
  const reqLive = new Uint8Array(nReq);
  const order: number[] = [];
  for (let r = 0; r < nReq; r++) {
    if (reqParent[r] === -1 && !reqRows[r]!.withdrawn) {
      reqLive[r] = 1;
      order.push(r);
    }
  }
  for (let k = 0; k < order.length; k++) {
    const r = order[k]!;
    for (let c = allChildren.start[r]!; c < allChildren.start[r + 1]!; c++) {
      const child = allChildren.items[c]!;
      if (!reqRows[child]!.withdrawn && !reqLive[child]) {
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
  const liveReq = (id: number): number => {
    const r = reqIndex.get(id);
    return r >= 0 && reqLive[r] ? r : -1;
  };

  // Controls and their status history.
  const changes = graph.controlStatusChanges;
  const controlIds = sortedUniqueIds(changes.map((c) => c.controlId));
  const controlIndex = buildIdIndex(controlIds);
  const changeTime = f64(changes, (c) => c.changedAt);
  const changeIds = f64(changes, (c) => c.id);
  const changeStatus = u8(changes, (c) => statusCode(c.toStatus));
  const changeControl = i32(changes, (c) => controlIndex.get(c.controlId));
  const ownChanges = buildCsr(
    i32(changes, (c, i) => (c.aiSystemId === null ? changeControl[i]! : -1)),
    controlIds.length,
  );
  sortGroupsByTime(ownChanges, changeTime, changeIds);
  const bySystem = new Map<number, number[]>();
  changes.forEach((c, i) => {
    if (c.aiSystemId === null) return;
    const list = bySystem.get(c.aiSystemId);
    if (list) list.push(i);
    else bySystem.set(c.aiSystemId, [i]);
  });
  const overrideChanges = new Map<number, Int32Array>();
  for (const [system, list] of bySystem) {
    const group: Csr = { start: Int32Array.of(0, list.length), items: Int32Array.from(list) };
    sortGroupsByTime(group, changeTime, changeIds);
    overrideChanges.set(system, group.items);
  }

  // Mappings and revisions.
  const maps = graph.mappings;
  const nMap = maps.length;
  const mappingIds = new Float64Array(nMap);
  const mapReq = new Int32Array(nMap);
  const mapControl = new Int32Array(nMap);
  const mapCreated = new Float64Array(nMap);
  const mapRetired = new Float64Array(nMap);
  const mapOwner = new Int32Array(nMap);
  for (let m = 0; m < nMap; m++) {
    const row = maps[m]!;
    mappingIds[m] = row.id;
    const r = liveReq(row.requirementId);
    const c = controlIndex.get(row.controlId);
    mapReq[m] = r;
    mapControl[m] = c;
    mapCreated[m] = row.createdAt;
    mapRetired[m] = orNever(row.retiredAt);
    mapOwner[m] = c >= 0 ? r : -1;
  }
  const mappingIndex = buildIdIndex(mappingIds);
  const revs = graph.mappingRevisions;
  const nRevision = revs.length;
  const revTime = new Float64Array(nRevision);
  const revIds = new Float64Array(nRevision);
  const revKind = new Uint8Array(nRevision);
  const revOwner = new Int32Array(nRevision);
  for (let k = 0; k < nRevision; k++) {
    const row = revs[k]!;
    revTime[k] = row.validFrom;
    revIds[k] = row.id;
    revKind[k] = relationshipKind(row.relationship);
    revOwner[k] = mappingIndex.get(row.mappingId);
  }
  const mapRevisions = buildCsr(revOwner, nMap);
  sortGroupsByTime(mapRevisions, revTime, revIds);
  const reqMappings = buildCsr(mapOwner, nReq);

  // Crosswalk links.
  const links = graph.requirementLinks;
  const linkSource = i32(links, (l) => liveReq(l.sourceRequirementId));
  const linkTarget = i32(links, (l) => liveReq(l.targetRequirementId));
  const linkKind = u8(links, (l) => relationshipKind(l.relationship));
  const linkCreated = f64(links, (l) => l.createdAt);
  const linkRetired = f64(links, (l) => orNever(l.retiredAt));
  const reqLinks = buildCsr(
    i32(linkSource, (s, l) => (linkTarget[l]! >= 0 && linkTarget[l] !== s ? s : -1)),
    nReq,
  );

  // Evidence, reviews and the controls they support.
  const ev = graph.evidence;
  const nEv = ev.length;
  const evCreated = new Float64Array(nEv);
  const evCollected = new Float64Array(nEv);
  const evValidUntil = new Float64Array(nEv);
  const evAiSystem = new Float64Array(nEv);
  const evIds = new Float64Array(nEv);
  for (let e = 0; e < nEv; e++) {
    const row = ev[e]!;
    evIds[e] = row.id;
    evCreated[e] = row.createdAt;
    evCollected[e] = row.collectedAt;
    evValidUntil[e] = orNever(row.validUntil);
    evAiSystem[e] = row.aiSystemId ?? -1;
  }
  const evIndex = buildIdIndex(evIds);
  const reviews = graph.evidenceReviews;
  const nRev = reviews.length;
  const reviewTime = new Float64Array(nRev);
  const reviewIds = new Float64Array(nRev);
  const reviewStatus = new Uint8Array(nRev);
  const reviewOwner = new Int32Array(nRev);
  for (let i = 0; i < nRev; i++) {
    const row = reviews[i]!;
    reviewTime[i] = row.reviewedAt;
    reviewIds[i] = row.id;
    reviewStatus[i] = row.status === 'ACCEPTED' ? EVIDENCE_ACCEPTED : row.status === 'REJECTED' ? EVIDENCE_REJECTED : EVIDENCE_PENDING;
    reviewOwner[i] = evIndex.get(row.evidenceId);
  }
  const evReviews = buildCsr(reviewOwner, nEv);
  sortGroupsByTime(evReviews, reviewTime, reviewIds);
  const links2 = graph.evidenceControls;
  const nLink = links2.length;
  const linkControl = new Int32Array(nLink);
  const linkEvidence = new Int32Array(nLink);
  for (let i = 0; i < nLink; i++) {
    const row = links2[i]!;
    const e = evIndex.get(row.evidenceId);
    linkEvidence[i] = e;
    linkControl[i] = e >= 0 ? controlIndex.get(row.controlId) : -1;
  }
  const controlEvidence = buildCsr(linkControl, controlIds.length);
  for (let k = 0; k < controlEvidence.items.length; k++) {
    controlEvidence.items[k] = linkEvidence[controlEvidence.items[k]!]!;
  }

  // Not-applicable marks and baseline exclusions.
  const prepareMarks = (marks: readonly NotApplicableMarkInput[]): PreparedMarks => ({
    reqMarks: buildCsr(
      i32(marks, (m) => liveReq(m.requirementId)),
      nReq,
    ),
    markAiSystem: f64(marks, (m) => m.aiSystemId ?? -1),
    markCreated: f64(marks, (m) => m.createdAt),
    markRetired: f64(marks, (m) => orNever(m.retiredAt)),
  });
  const { reqMarks, markAiSystem, markCreated, markRetired } = prepareMarks(graph.notApplicableMarks);
  const exclusions = graph.baselineExclusions?.length ? prepareMarks(graph.baselineExclusions) : null;

  // Frameworks applying to AI systems.
  const systemFrameworks = new Map<number, Uint8Array>();
  for (const row of graph.aiSystemFrameworks) {
    const f = frameworkIndex.get(row.frameworkId);
    if (f < 0) continue;
    let flags = systemFrameworks.get(row.aiSystemId);
    if (!flags) systemFrameworks.set(row.aiSystemId, (flags = new Uint8Array(frameworkIds.length)));
    flags[f] = 1;
  }

  // Threats and the requirements addressing them.
  const threatRows = [...graph.threats].sort((a, b) => a.id - b.id);
  const threatIds = f64(threatRows, (t) => t.id);
  const threatFrameworkIds = f64(threatRows, (t) => t.frameworkId);
  const threatIndex = buildIdIndex(threatIds);
  const tr = graph.threatRequirements;
  const trRequirement = i32(tr, (row) => liveReq(row.requirementId));
  const threatRequirements = buildCsr(
    i32(tr, (row, i) => (trRequirement[i]! >= 0 ? threatIndex.get(row.threatId) : -1)),
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
