/**
 * REFERENCE implementation of the coverage rules, written naively and straight from the rule
 * text, sharing no code with the engine: plain arrays, recursion and exhaustive enumeration of
 * crosswalk walks (cycles included, bounded by maxDepth). Only for small graphs in tests.
 */
import type {
  ControlState,
  ControlStateOverride,
  CoverageGraph,
  CoverageStatus,
  CoverageSummary,
  GapReasonCode,
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

export interface RefCandidate {
  controlId: number;
  state: ControlState;
  kind: MappingKind;
  depth: number;
  path: number[];
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

const isFull = (rel: Relationship) => rel === 'EQUAL' || rel === 'SUBSET_OF';
const liveAt = (createdAt: number, retiredAt: number | null, at: number) =>
  createdAt <= at && !(retiredAt !== null && retiredAt <= at);

/** The last element by (time, id) with time ≤ at. */
function latest<T extends { id: number }>(rows: T[], time: (row: T) => number, at: number): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    if (time(row) > at) continue;
    if (!best || time(row) > time(best) || (time(row) === time(best) && row.id > best.id)) best = row;
  }
  return best;
}

export function referenceCoverage(g: CoverageGraph, q: RefQuery, forced: ControlStateOverride[] = []): RefResult {
  const T = q.at;
  const sys = q.aiSystemId;
  const reqById = new Map(g.requirements.map((r) => [r.id, r]));

  // Live: not withdrawn, and parent (if any) live.
  const live = (id: number): boolean => {
    const r = reqById.get(id);
    if (!r || r.withdrawn) return false;
    return r.parentId === null || live(r.parentId);
  };
  const ancestorsOrSelf = (id: number): number[] => {
    const r = reqById.get(id)!;
    return r.parentId === null ? [id] : [id, ...ancestorsOrSelf(r.parentId)];
  };
  // Baselines: outside the applied baselines is outside the scope (it or an ancestor excluded).
  const excluded = (id: number) =>
    ancestorsOrSelf(id).some((a) =>
      (g.baselineExclusions ?? []).some(
        (m) => m.requirementId === a && (m.aiSystemId === null || m.aiSystemId === sys) && liveAt(m.createdAt, m.retiredAt, T),
      ),
    );
  const children = (id: number) => g.requirements.filter((r) => r.parentId === id && live(r.id) && !excluded(r.id)).map((r) => r.id);
  const isLeaf = (id: number) => live(id) && !excluded(id) && children(id).length === 0;
  const leavesUnder = (id: number): number[] => (isLeaf(id) ? [id] : children(id).flatMap(leavesUnder));

  // Rule 2: control status and state.
  const statusOf = (controlId: number) => {
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
  };
  // Rule 1: evidence.
  const evidenceStates = (controlId: number) => {
    const ids = new Set(g.evidenceControls.filter((l) => l.controlId === controlId).map((l) => l.evidenceId));
    const items = g.evidence.filter((e) => ids.has(e.id) && (e.aiSystemId === null || e.aiSystemId === sys));
    let current = false;
    let expired = false;
    let pending = false;
    for (const e of items) {
      const review = latest(
        g.evidenceReviews.filter((r) => r.evidenceId === e.id),
        (r) => r.reviewedAt,
        T,
      );
      const accepted = review?.status === 'ACCEPTED';
      if (accepted && e.collectedAt <= T && (e.validUntil === null || T < e.validUntil)) current = true;
      if (accepted && e.validUntil !== null && e.validUntil <= T) expired = true;
      if (e.createdAt <= T && (!review || review.status === 'PENDING_REVIEW')) pending = true;
    }
    return { current, expired, pending };
  };
  const forcedById = new Map(forced.map((f) => [f.controlId, f.state]));
  const controlIds = [...new Set(g.controlStatusChanges.map((c) => c.controlId))];
  const stateOf = (controlId: number): ControlState | null => {
    const status = statusOf(controlId);
    if (forcedById.has(controlId) && controlIds.includes(controlId)) return forcedById.get(controlId)!;
    if (status === null) return null;
    if (status === 'NOT_APPLICABLE') return 'NOT_APPLICABLE';
    if (status !== 'IMPLEMENTED') return 'NOT_IMPLEMENTED';
    const ev = evidenceStates(controlId);
    if (ev.current) return 'EFFECTIVE';
    if (ev.expired) return 'EVIDENCE_EXPIRED';
    if (ev.pending) return 'EVIDENCE_PENDING_REVIEW';
    return 'EVIDENCE_MISSING';
  };
  const controlStates = new Map<number, ControlState>();
  for (const id of controlIds) {
    const s = stateOf(id);
    if (s) controlStates.set(id, s);
  }

  // Rule 3: mapping kinds at T.
  const mappingKind = (mappingId: number): MappingKind | null => {
    const m = g.mappings.find((x) => x.id === mappingId)!;
    if (!liveAt(m.createdAt, m.retiredAt, T)) return null;
    const rev = latest(
      g.mappingRevisions.filter((r) => r.mappingId === mappingId),
      (r) => r.validFrom,
      T,
    );
    if (!rev) return null;
    return isFull(rev.relationship) ? 'FULL' : 'PARTIAL';
  };

  // Rule 7: every walk from `start` of at most maxDepth live links (links of a node and of its ancestors).
  interface Walk {
    node: number;
    path: number[];
    strong: boolean;
  }
  const walks = (start: number): Walk[] => {
    const out: Walk[] = [];
    const go = (w: Walk) => {
      out.push(w);
      if (!q.viaCrosswalks || w.path.length - 1 >= q.maxDepth) return;
      const sources = ancestorsOrSelf(w.node);
      for (const l of g.requirementLinks) {
        if (!sources.includes(l.sourceRequirementId) || !live(l.targetRequirementId)) continue;
        if (!liveAt(l.createdAt, l.retiredAt, T)) continue;
        go({ node: l.targetRequirementId, path: [...w.path, l.targetRequirementId], strong: w.strong && isFull(l.relationship) });
      }
    };
    go({ node: start, path: [start], strong: true });
    return out;
  };

  const candidatesOf = (id: number): RefCandidate[] => {
    const out: RefCandidate[] = [];
    for (const w of walks(id)) {
      ancestorsOrSelf(w.node).forEach((holder, nearness) => {
        for (const m of g.mappings.filter((x) => x.requirementId === holder)) {
          const kind = mappingKind(m.id);
          const state = controlStates.get(m.controlId);
          if (!kind || !state) continue;
          out.push({
            controlId: m.controlId,
            state,
            kind: kind === 'FULL' && w.strong ? 'FULL' : 'PARTIAL',
            depth: w.path.length - 1,
            path: w.path,
            nearness,
            mappedRequirementId: holder,
            mappingId: m.id,
          });
        }
      });
    }
    return out;
  };
  const lex = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  const compare = (a: RefCandidate, b: RefCandidate) =>
    (a.kind === b.kind ? 0 : a.kind === 'FULL' ? -1 : 1) ||
    a.depth - b.depth ||
    lex(a.path, b.path) ||
    a.nearness - b.nearness ||
    a.mappingId - b.mappingId;

  // Scope (rule 9).
  const inScope = (frameworkId: number) =>
    g.frameworks.some((f) => f.id === frameworkId) &&
    (sys === null || g.aiSystemFrameworks.some((a) => a.aiSystemId === sys && a.frameworkId === frameworkId));

  // Rule 4 NA marks.
  const notApplicable = (id: number) =>
    ancestorsOrSelf(id).some((a) =>
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
  const summary = (statuses: CoverageStatus[]): CoverageSummary => {
    const count = (s: CoverageStatus) => statuses.filter((x) => x === s).length;
    const total = statuses.length;
    const notApplicableCount = count('NOT_APPLICABLE');
    const covered = count('COVERED');
    return {
      total,
      covered,
      partial: count('PARTIAL'),
      uncovered: count('UNCOVERED'),
      notApplicable: notApplicableCount,
      coverageRatio: total - notApplicableCount === 0 ? null : covered / (total - notApplicableCount),
    };
  };
  const rolledUp = (statuses: CoverageStatus[]): CoverageStatus | null => {
    if (statuses.length === 0) return null;
    const applicable = statuses.filter((s) => s !== 'NOT_APPLICABLE');
    if (applicable.length === 0) return 'NOT_APPLICABLE';
    if (applicable.every((s) => s === 'COVERED')) return 'COVERED';
    if (applicable.every((s) => s === 'UNCOVERED')) return 'UNCOVERED';
    return 'PARTIAL';
  };

  const requirements = new Map<number, RefRequirement>();
  const statusById = new Map<number, CoverageStatus>();
  for (const r of g.requirements) {
    if (!live(r.id) || excluded(r.id) || !inScope(r.frameworkId)) continue;
    const leaves = leavesUnder(r.id).filter((l) => inScope(reqById.get(l)!.frameworkId));
    const statuses = leaves.map(leafStatus);
    const leaf = isLeaf(r.id);
    const status = rolledUp(statuses);
    if (status === null) continue;
    statusById.set(r.id, status);

    const all = candidatesOf(r.id);
    const best = new Map<number, RefCandidate>();
    for (const c of all) {
      const current = best.get(c.controlId);
      if (!current || compare(c, current) < 0) best.set(c.controlId, c);
    }
    const contributions = [...best.values()].sort((a, b) => a.controlId - b.controlId);

    let via: RefCandidate | null = null;
    if (leaf && (status === 'COVERED' || status === 'PARTIAL')) {
      const qualifying = all.filter((c) => c.state === 'EFFECTIVE' && (status === 'PARTIAL' || c.kind === 'FULL'));
      qualifying.sort(
        (a, b) => a.depth - b.depth || lex(a.path, b.path) || a.controlId - b.controlId || a.nearness - b.nearness || a.mappingId - b.mappingId,
      );
      via = qualifying[0] ?? null;
    }

    const reasons: RefRequirement['reasons'] = [];
    if (leaf && (status === 'PARTIAL' || status === 'UNCOVERED')) {
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
    }

    requirements.set(r.id, {
      leaf,
      status,
      inferred: via !== null && via.depth > 0,
      via,
      contributions,
      reasons,
      summary: summary(statuses),
    });
  }

  const frameworks = new Map<number, { status: CoverageStatus | null; summary: CoverageSummary }>();
  for (const f of g.frameworks) {
    if (!inScope(f.id)) continue;
    const statuses = g.requirements
      .filter((r) => r.frameworkId === f.id && isLeaf(r.id))
      .map((r) => requirements.get(r.id)!.status);
    frameworks.set(f.id, { status: rolledUp(statuses), summary: summary(statuses) });
  }

  // Rule 8.
  const threats = new Map<number, ThreatExposureLevel>();
  for (const t of g.threats) {
    const linked = g.threatRequirements
      .filter((x) => x.threatId === t.id)
      .map((x) => statusById.get(x.requirementId))
      .filter((s) => s !== undefined);
    threats.set(t.id, linked.includes('COVERED') ? 'ADDRESSED' : linked.includes('PARTIAL') ? 'PARTIALLY_ADDRESSED' : 'EXPOSED');
  }

  return { requirements, frameworks, threats, controlStates };
}
