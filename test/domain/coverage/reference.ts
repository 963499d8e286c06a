/**
 * REFERENCE implementation of the coverage rules, written naively and straight from the rule
 * text, sharing no code with the engine: plain arrays, recursion and exhaustive enumeration of
 * crosswalk walks (cycles included, bounded by maxDepth). Only for small graphs in tests.
 *
 * One function per rule, each taking what it needs explicitly:
 * - rule 10 `structureOf(g, T)`: the structure as of T, read from the history rows — a framework
 *   exists at T when its row is live at T; a requirement when its version valid at T exists and
 *   its framework exists at T (parent and withdrawn flag from that version); assignments, threats
 *   and threat links when their rows are live at T; a control when its latest own status change
 *   at or before T names a status (a delete is a change to none);
 * - structure: which requirements are live, their ancestors, leaves (withdrawn flags, parent
 *   cycles, parent ids that name no requirement existing at T counting as none, baseline
 *   exclusions);
 * - rule 1 `evidenceClass`, rule 2 `controlStateAt`, rule 3 `mappingKindAt`,
 * - rule 7 `linkReadings` and `crosswalkWalks`, then `candidatesOf` (every way a control reaches a
 *   requirement) and `bestOf` (the order of ways),
 * - rule 4 `leafStatus`, rule 5 `summaryOf` / `rolledUp`, rule 6 `gapReasons`, rule 8 threats.
 */
import fc from 'fast-check';
import type {
  ControlState,
  ControlStateOverride,
  CoverageGraph,
  CoverageStatus,
  CoverageSummary,
  GapReasonCode,
  LinkDirection,
  MappingKind,
  ThreatExposureLevel,
} from '../../../src/domain/coverage/index.js';
import type { Relationship } from '../../../src/domain/vocabulary.js';

export interface RefQuery {
  at: number;
  aiSystemId: number | null;
  viaCrosswalks: boolean;
  maxDepth: number;
}

export interface RefStep {
  requirementId: number;
  linkId: number;
  direction: LinkDirection;
  relationship: Relationship;
}

export interface RefCandidate {
  controlId: number;
  state: ControlState;
  kind: MappingKind;
  depth: number;
  path: number[];
  steps: RefStep[];
  nearness: number;
  mappedRequirementId: number;
  mappingId: number;
}

export interface RefRequirement {
  leaf: boolean;
  status: CoverageStatus;
  inferred: boolean;
  via: RefCandidate | null;
  contributions: RefCandidate[];
  reasons: { code: GapReasonCode; controlIds: number[]; states: ControlState[] }[];
  summary: CoverageSummary;
}

export interface RefResult {
  requirements: Map<number, RefRequirement>;
  frameworks: Map<number, { status: CoverageStatus | null; summary: CoverageSummary }>;
  threats: Map<number, ThreatExposureLevel>;
  controlStates: Map<number, ControlState>;
}

type Link = CoverageGraph['requirementLinks'][number];

/** FULL relationships: the requirement is EQUAL or SUBSET_OF the other side. */
const isFull = (rel: Relationship) => rel === 'EQUAL' || rel === 'SUBSET_OF';
const INVERSE: Record<Relationship, Relationship> = {
  EQUAL: 'EQUAL',
  SUBSET_OF: 'SUPERSET_OF',
  SUPERSET_OF: 'SUBSET_OF',
  INTERSECTS_WITH: 'INTERSECTS_WITH',
};
export const liveAt = (createdAt: number, retiredAt: number | null, at: number) =>
  createdAt <= at && !(retiredAt !== null && retiredAt <= at);

/** A history row (rule 10) at T: from its start (absent: always) until its end (absent or null: never). */
export const existsAt = (from: number | undefined, to: number | null | undefined, at: number) =>
  (from === undefined || from <= at) && (to === undefined || to === null || at < to);
const rowAt = (row: { createdAt?: number; retiredAt?: number | null }, at: number) => existsAt(row.createdAt, row.retiredAt, at);

/** The last element by (time, id) with time ≤ at. */
function latest<T extends { id: number }>(rows: T[], time: (row: T) => number, at: number): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    if (time(row) > at) continue;
    if (!best || time(row) > time(best) || (time(row) === time(best) && row.id > best.id)) best = row;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Structure

export interface Structure {
  /** Ids of the requirements existing at T, ascending. */
  ids(): number[];
  exists(id: number): boolean;
  frameworkOf(id: number): number;
  /** The parent at T; null when none or when it names no requirement existing at T. */
  parentOf(id: number): number | null;
  /** Exists, not withdrawn and every ancestor live; a requirement on a parent cycle is not live. */
  live(id: number): boolean;
  /** [id, parent, grandparent, …] (for live requirements). */
  ancestorsOrSelf(id: number): number[];
  /** Live children. */
  children(id: number): number[];
  /** Frameworks existing at T. */
  frameworkExists(id: number): boolean;
  /** The framework is assigned to the AI system at T. */
  assigned(aiSystemId: number, frameworkId: number): boolean;
  /** Threats existing at T, ascending id. */
  threatIds(): number[];
  /** Requirements linked to the threat at T. */
  threatLinks(threatId: number): number[];
}

/** Rule 10: the structure as it was at T, read from the history rows. */
export function structureOf(g: CoverageGraph, T: number): Structure {
  const frameworks = new Set(g.frameworks.filter((f) => rowAt(f, T)).map((f) => f.id));
  const byId = new Map<number, CoverageGraph['requirements'][number]>();
  for (const v of g.requirements) {
    if (existsAt(v.validFrom, v.validTo, T) && frameworks.has(v.frameworkId)) byId.set(v.id, v);
  }
  /** The parent id, null when none or when it names no requirement existing at T. */
  const parentOf = (id: number): number | null => {
    const p = byId.get(id)!.parentId;
    return p !== null && byId.has(p) ? p : null;
  };
  const live = (id: number): boolean => {
    const seen = new Set<number>();
    for (let at: number | null = id; at !== null; at = parentOf(at)) {
      if (seen.has(at) || byId.get(at)!.withdrawn) return false;
      seen.add(at);
    }
    return true;
  };
  const assignments = g.aiSystemFrameworks.filter((a) => rowAt(a, T));
  const threats = g.threats.filter((t) => rowAt(t, T));
  const threatLinks = g.threatRequirements.filter((x) => rowAt(x, T));
  return {
    ids: () => [...byId.keys()].sort((a, b) => a - b),
    exists: (id) => byId.has(id),
    frameworkOf: (id) => byId.get(id)!.frameworkId,
    parentOf,
    live: (id) => byId.has(id) && live(id),
    ancestorsOrSelf: (id) => {
      const out: number[] = [];
      for (let at: number | null = id; at !== null && !out.includes(at); at = parentOf(at)) out.push(at);
      return out;
    },
    children: (id) => [...byId.keys()].filter((c) => parentOf(c) === id && live(c)),
    frameworkExists: (id) => frameworks.has(id),
    assigned: (aiSystemId, frameworkId) => assignments.some((a) => a.aiSystemId === aiSystemId && a.frameworkId === frameworkId),
    threatIds: () => threats.map((t) => t.id).sort((a, b) => a - b),
    threatLinks: (threatId) => threatLinks.filter((x) => x.threatId === threatId).map((x) => x.requirementId),
  };
}

// ---------------------------------------------------------------------------------------------
// Rule 1: evidence currency

export type EvidenceClass = 'CURRENT' | 'PENDING' | 'EXPIRED' | null;

export function evidenceClass(g: CoverageGraph, e: CoverageGraph['evidence'][number], T: number): EvidenceClass {
  const review = latest(
    g.evidenceReviews.filter((r) => r.evidenceId === e.id),
    (r) => r.reviewedAt,
    T,
  );
  if (review?.status === 'ACCEPTED') {
    if (e.validUntil !== null && e.validUntil <= T) return 'EXPIRED';
    return e.collectedAt <= T ? 'CURRENT' : null;
  }
  if (review?.status === 'REJECTED') return null;
  return e.createdAt <= T ? 'PENDING' : null;
}

// ---------------------------------------------------------------------------------------------
// Rule 2: control state

/** The control's status in the scope at T; null when it did not exist. */
export function controlStatusAt(g: CoverageGraph, controlId: number, T: number, sys: number | null) {
  const own = latest(
    g.controlStatusChanges.filter((c) => c.controlId === controlId && c.aiSystemId === null),
    (c) => c.changedAt,
    T,
  );
  if (!own || own.toStatus === null) return null;
  if (sys !== null) {
    const override = latest(
      g.controlStatusChanges.filter((c) => c.controlId === controlId && c.aiSystemId === sys),
      (c) => c.changedAt,
      T,
    );
    if (override && override.toStatus !== null) return override.toStatus;
  }
  return own.toStatus;
}

/**
 * IMPLEMENTED: EFFECTIVE with current evidence, else EVIDENCE_PENDING_REVIEW when some awaits
 * review, else EVIDENCE_EXPIRED when accepted evidence expired, else EVIDENCE_MISSING.
 */
export function controlStateAt(g: CoverageGraph, controlId: number, T: number, sys: number | null): ControlState | null {
  const status = controlStatusAt(g, controlId, T, sys);
  if (status === null) return null;
  if (status === 'NOT_APPLICABLE') return 'NOT_APPLICABLE';
  if (status !== 'IMPLEMENTED') return 'NOT_IMPLEMENTED';
  const ids = new Set(g.evidenceControls.filter((l) => l.controlId === controlId).map((l) => l.evidenceId));
  const classes = g.evidence.filter((e) => ids.has(e.id) && (e.aiSystemId === null || e.aiSystemId === sys)).map((e) => evidenceClass(g, e, T));
  if (classes.includes('CURRENT')) return 'EFFECTIVE';
  if (classes.includes('PENDING')) return 'EVIDENCE_PENDING_REVIEW';
  if (classes.includes('EXPIRED')) return 'EVIDENCE_EXPIRED';
  return 'EVIDENCE_MISSING';
}

// ---------------------------------------------------------------------------------------------
// Rule 3: mapping kind

export function mappingKindAt(g: CoverageGraph, m: CoverageGraph['mappings'][number], T: number): MappingKind | null {
  if (!liveAt(m.createdAt, m.retiredAt, T)) return null;
  const rev = latest(
    g.mappingRevisions.filter((r) => r.mappingId === m.id),
    (r) => r.validFrom,
    T,
  );
  if (!rev) return null;
  return isFull(rev.relationship) ? 'FULL' : 'PARTIAL';
}

// ---------------------------------------------------------------------------------------------
// Rule 7: crosswalk inference, both directions

/**
 * How `from` reads link `l` when `from` is one of its ends: towards the other end, FORWARD with
 * the link's relationship from the source, INVERSE with the inverse relationship from the target.
 */
export function linkReadings(l: Link, from: number): { to: number; direction: LinkDirection; relationship: Relationship }[] {
  const out: { to: number; direction: LinkDirection; relationship: Relationship }[] = [];
  if (l.sourceRequirementId === from) out.push({ to: l.targetRequirementId, direction: 'FORWARD', relationship: l.relationship });
  if (l.targetRequirementId === from) out.push({ to: l.sourceRequirementId, direction: 'INVERSE', relationship: INVERSE[l.relationship] });
  return out;
}

export interface Walk {
  node: number;
  path: number[];
  steps: RefStep[];
  /** Every step reads EQUAL or SUBSET_OF. */
  strong: boolean;
}

/**
 * The most walks the reference enumerates from one requirement. Their number grows as the links'
 * branching to the power of maxDepth, and a random graph can have millions (one needed more memory
 * than a test worker has). A property skips such a graph (`fc.pre`): enumeration cannot judge it.
 */
export const MOST_WALKS = 5_000;

/**
 * Every walk from `start` of at most maxDepth live links between live requirements, where the
 * links taken from a requirement are those of it and of its ancestors, read from that end. More
 * than {@link MOST_WALKS} skip the property run.
 */
export function crosswalkWalks(g: CoverageGraph, s: Structure, start: number, T: number, maxDepth: number): Walk[] {
  const live = g.requirementLinks.filter(
    (l) => liveAt(l.createdAt, l.retiredAt, T) && s.live(l.sourceRequirementId) && s.live(l.targetRequirementId),
  );
  const out: Walk[] = [];
  const go = (w: Walk) => {
    out.push(w);
    fc.pre(out.length <= MOST_WALKS);
    if (w.steps.length >= maxDepth) return;
    for (const a of s.ancestorsOrSelf(w.node)) {
      for (const l of live) {
        for (const read of linkReadings(l, a)) {
          go({
            node: read.to,
            path: [...w.path, read.to],
            steps: [...w.steps, { requirementId: read.to, linkId: l.id, direction: read.direction, relationship: read.relationship }],
            strong: w.strong && isFull(read.relationship),
          });
        }
      }
    }
  };
  go({ node: start, path: [start], steps: [], strong: true });
  return out;
}

/** Order of ways of the same length: link ids from the first step, FORWARD before INVERSE. */
export function compareSteps(a: RefStep[], b: RefStep[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]!.linkId !== b[i]!.linkId) return a[i]!.linkId - b[i]!.linkId;
    if (a[i]!.direction !== b[i]!.direction) return a[i]!.direction === 'FORWARD' ? -1 : 1;
  }
  return a.length - b.length;
}

/** The best way of a control: FULL first, then fewest links, smallest link ids, nearest holder, smallest mapping id. */
export const compareWays = (a: RefCandidate, b: RefCandidate) =>
  (a.kind === b.kind ? 0 : a.kind === 'FULL' ? -1 : 1) ||
  a.depth - b.depth ||
  compareSteps(a.steps, b.steps) ||
  a.nearness - b.nearness ||
  a.mappingId - b.mappingId;

/** The way justifying a status: fewest links, smallest link ids, smallest control id (then as compareWays). */
export const compareJustifications = (a: RefCandidate, b: RefCandidate) =>
  a.depth - b.depth || compareSteps(a.steps, b.steps) || a.controlId - b.controlId || a.nearness - b.nearness || a.mappingId - b.mappingId;

// ---------------------------------------------------------------------------------------------
// Everything

export function referenceCoverage(g: CoverageGraph, q: RefQuery, forced: ControlStateOverride[] = []): RefResult {
  const T = q.at;
  const sys = q.aiSystemId;
  const s = structureOf(g, T);

  // Baselines: outside the applied baselines is outside the scope (it or an ancestor excluded).
  const excluded = (id: number) =>
    s
      .ancestorsOrSelf(id)
      .some((a) =>
        (g.baselineExclusions ?? []).some(
          (m) => m.requirementId === a && (m.aiSystemId === null || m.aiSystemId === sys) && liveAt(m.createdAt, m.retiredAt, T),
        ),
      );
  const children = (id: number) => s.children(id).filter((c) => !excluded(c));
  const isLeaf = (id: number) => s.live(id) && !excluded(id) && children(id).length === 0;
  const leavesUnder = (id: number): number[] => (isLeaf(id) ? [id] : children(id).flatMap(leavesUnder));

  // Rule 2, with the forced (what-if) states of controls the snapshot knows.
  const forcedById = new Map(forced.map((f) => [f.controlId, f.state]));
  const controlIds = [...new Set(g.controlStatusChanges.map((c) => c.controlId))];
  const controlStates = new Map<number, ControlState>();
  for (const id of controlIds) {
    const state = forcedById.get(id) ?? controlStateAt(g, id, T, sys);
    if (state) controlStates.set(id, state);
  }

  const candidateMemo = new Map<number, RefCandidate[]>();
  /** Every (walk, holder, mapping) by which a control reaches `id`. */
  const candidatesOf = (id: number): RefCandidate[] => {
    const memo = candidateMemo.get(id);
    if (memo) return memo;
    const out: RefCandidate[] = [];
    const walks = crosswalkWalks(g, s, id, T, q.viaCrosswalks ? q.maxDepth : 0);
    for (const w of walks) {
      s.ancestorsOrSelf(w.node).forEach((holder, nearness) => {
        for (const m of g.mappings.filter((x) => x.requirementId === holder)) {
          const kind = mappingKindAt(g, m, T);
          const state = controlStates.get(m.controlId);
          if (!kind || !state) continue;
          out.push({
            controlId: m.controlId,
            state,
            kind: kind === 'FULL' && w.strong ? 'FULL' : 'PARTIAL',
            depth: w.steps.length,
            path: w.path,
            steps: w.steps,
            nearness,
            mappedRequirementId: holder,
            mappingId: m.id,
          });
        }
      });
    }
    candidateMemo.set(id, out);
    return out;
  };

  // Scope (rule 9).
  const inScope = (frameworkId: number) => s.frameworkExists(frameworkId) && (sys === null || s.assigned(sys, frameworkId));

  // Rule 4 NA marks.
  const notApplicable = (id: number) =>
    s
      .ancestorsOrSelf(id)
      .some((a) =>
        g.notApplicableMarks.some(
          (m) => m.requirementId === a && (m.aiSystemId === null || m.aiSystemId === sys) && liveAt(m.createdAt, m.retiredAt, T),
        ),
      );

  const leafStatus = (id: number): CoverageStatus => {
    if (notApplicable(id)) return 'NOT_APPLICABLE';
    const effective = candidatesOf(id).filter((c) => c.state === 'EFFECTIVE');
    if (effective.some((c) => c.kind === 'FULL')) return 'COVERED';
    if (effective.length > 0) return 'PARTIAL';
    return 'UNCOVERED';
  };

  const requirements = new Map<number, RefRequirement>();
  const statusById = new Map<number, CoverageStatus>();
  for (const id of s.ids()) {
    if (!s.live(id) || excluded(id) || !inScope(s.frameworkOf(id))) continue;
    const leaves = leavesUnder(id).filter((l) => inScope(s.frameworkOf(l)));
    const statuses = leaves.map(leafStatus);
    const leaf = isLeaf(id);
    const status = rolledUp(statuses);
    if (status === null) continue;
    statusById.set(id, status);

    const all = candidatesOf(id);
    const best = new Map<number, RefCandidate>();
    for (const c of all) {
      const current = best.get(c.controlId);
      if (!current || compareWays(c, current) < 0) best.set(c.controlId, c);
    }
    const contributions = [...best.values()].sort((a, b) => a.controlId - b.controlId);

    let via: RefCandidate | null = null;
    if (leaf && (status === 'COVERED' || status === 'PARTIAL')) {
      const qualifying = all.filter((c) => c.state === 'EFFECTIVE' && (status === 'PARTIAL' || c.kind === 'FULL'));
      via = qualifying.sort(compareJustifications)[0] ?? null;
    }

    requirements.set(id, {
      leaf,
      status,
      inferred: via !== null && via.depth > 0,
      via,
      contributions,
      reasons: leaf && (status === 'PARTIAL' || status === 'UNCOVERED') ? gapReasons(contributions) : [],
      summary: summaryOf(statuses),
    });
  }

  const frameworks = new Map<number, { status: CoverageStatus | null; summary: CoverageSummary }>();
  for (const f of new Set(g.frameworks.map((x) => x.id))) {
    if (!inScope(f)) continue;
    const statuses = s
      .ids()
      .filter((id) => s.frameworkOf(id) === f && isLeaf(id))
      .map((id) => requirements.get(id)!.status);
    frameworks.set(f, { status: rolledUp(statuses), summary: summaryOf(statuses) });
  }

  return { requirements, frameworks, threats: threatExposures(s, statusById), controlStates };
}

// ---------------------------------------------------------------------------------------------
// Rules 5, 6, 8

export function summaryOf(statuses: CoverageStatus[]): CoverageSummary {
  const count = (x: CoverageStatus) => statuses.filter((y) => y === x).length;
  const total = statuses.length;
  const notApplicable = count('NOT_APPLICABLE');
  const covered = count('COVERED');
  return {
    total,
    covered,
    partial: count('PARTIAL'),
    uncovered: count('UNCOVERED'),
    notApplicable,
    coverageRatio: total - notApplicable === 0 ? null : covered / (total - notApplicable),
  };
}

export function rolledUp(statuses: CoverageStatus[]): CoverageStatus | null {
  if (statuses.length === 0) return null;
  const applicable = statuses.filter((x) => x !== 'NOT_APPLICABLE');
  if (applicable.length === 0) return 'NOT_APPLICABLE';
  if (applicable.every((x) => x === 'COVERED')) return 'COVERED';
  if (applicable.every((x) => x === 'UNCOVERED')) return 'UNCOVERED';
  return 'PARTIAL';
}

/** Rule 6, from the best way of each control reaching a leaf that is not COVERED. */
export function gapReasons(contributions: RefCandidate[]): RefRequirement['reasons'] {
  const reasons: RefRequirement['reasons'] = [];
  const add = (code: GapReasonCode, list: RefCandidate[]) => {
    if (list.length) reasons.push({ code, controlIds: list.map((c) => c.controlId), states: list.map((c) => c.state) });
  };
  if (contributions.length === 0) reasons.push({ code: 'NO_MAPPING', controlIds: [], states: [] });
  const full = contributions.filter((c) => c.kind === 'FULL');
  if (contributions.length > 0 && full.length === 0) add('ONLY_PARTIAL', contributions);
  add(
    'CONTROL_NOT_IMPLEMENTED',
    full.filter((c) => c.state === 'NOT_IMPLEMENTED' || c.state === 'NOT_APPLICABLE'),
  );
  add('EVIDENCE_MISSING', full.filter((c) => c.state === 'EVIDENCE_MISSING'));
  add('EVIDENCE_EXPIRED', full.filter((c) => c.state === 'EVIDENCE_EXPIRED'));
  add('EVIDENCE_PENDING_REVIEW', full.filter((c) => c.state === 'EVIDENCE_PENDING_REVIEW'));
  return reasons;
}

/** Rule 8, from the statuses of the evaluated requirements, for the threats existing at T. */
export function threatExposures(s: Structure, statusById: Map<number, CoverageStatus>): Map<number, ThreatExposureLevel> {
  const threats = new Map<number, ThreatExposureLevel>();
  for (const t of s.threatIds()) {
    const linked = s
      .threatLinks(t)
      .map((id) => statusById.get(id))
      .filter((x) => x !== undefined);
    threats.set(t, linked.includes('COVERED') ? 'ADDRESSED' : linked.includes('PARTIAL') ? 'PARTIALLY_ADDRESSED' : 'EXPOSED');
  }
  return threats;
}
