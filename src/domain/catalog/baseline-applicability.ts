/**
 * What applied baselines leave out of scope, as exclusion marks for the coverage engine's
 * `baselineExclusions` (shaped like not-applicable marks: a requirement is excluded while a mark
 * on it or on one of its ancestors is live; in an AI system's scope the organisation-wide marks
 * and that system's marks count; see src/domain/coverage/applicability.ts). Pure.
 *
 * Rules, per scope (the organisation, or one AI system) and framework F, at every instant T:
 * - The baselines of F applied in that scope and live at T are unioned: the applicable part of F
 *   is their members live at T plus all the members' ancestors (so parents still roll up).
 * - Every other requirement of F gets a mark of that scope (aiSystemId null for the
 *   organisation), on the top-most excluded requirements only (descendants follow through the
 *   engine's ancestor rule). No baseline of F applied in the scope: no mark.
 * Hence, as with not-applicable marks, an organisation-wide baseline restricts the organisation
 * and every AI system, and a system's own baseline narrows that system further: in a system's
 * scope the applicable part of F is (organisation's selection) ∩ (the system's selection). To give
 * a system a larger selection than others, apply baselines per system rather than organisation-wide.
 */

export interface BaselineApplicationInput {
  baselineId: number;
  frameworkId: number;
  /** null: organisation-wide. */
  aiSystemId: number | null;
  createdAt: number;
  retiredAt: number | null;
}

export interface BaselineMemberInput {
  baselineId: number;
  requirementId: number;
  addedAt: number;
  removedAt: number | null;
}

export interface BaselineRequirementInput {
  id: number;
  frameworkId: number;
  parentId: number | null;
}

/** Shaped like the coverage engine's `NotApplicableMarkInput`. */
export interface ExclusionMark {
  requirementId: number;
  aiSystemId: number | null;
  createdAt: number;
  retiredAt: number | null;
}

export interface ExclusionInput {
  applications: readonly BaselineApplicationInput[];
  members: readonly BaselineMemberInput[];
  requirements: readonly BaselineRequirementInput[];
}

const live = (from: number, until: number | null, at: number) => from <= at && (until === null || at < until);

/** The marks of every scope, sorted by requirement, scope (organisation first), start. */
export function baselineExclusionMarks(input: ExclusionInput): ExclusionMark[] {
  const groups = new Map<string, { aiSystemId: number | null; frameworkId: number; apps: BaselineApplicationInput[] }>();
  for (const a of input.applications) {
    const key = `${a.aiSystemId ?? 0}:${a.frameworkId}`;
    const group = groups.get(key) ?? { aiSystemId: a.aiSystemId, frameworkId: a.frameworkId, apps: [] };
    group.apps.push(a);
    groups.set(key, group);
  }
  const marks: ExclusionMark[] = [];
  for (const { aiSystemId, frameworkId, apps } of groups.values()) {
    const baselineIds = new Set(apps.map((a) => a.baselineId));
    const members = input.members.filter((m) => baselineIds.has(m.baselineId));
    const reqs = input.requirements.filter((r) => r.frameworkId === frameworkId);
    const parentOf = new Map(reqs.map((r) => [r.id, r.parentId]));
    const times = new Set<number>();
    for (const a of apps) {
      times.add(a.createdAt);
      if (a.retiredAt !== null) times.add(a.retiredAt);
    }
    for (const m of members) {
      times.add(m.addedAt);
      if (m.removedAt !== null) times.add(m.removedAt);
    }
    const open = new Map<number, number>(); // requirement id → createdAt of its open mark
    for (const at of [...times].sort((a, b) => a - b)) {
      const excluded = excludedAt(at, apps, members, reqs, parentOf);
      for (const [requirementId, createdAt] of [...open]) {
        if (excluded.has(requirementId)) continue;
        marks.push({ requirementId, aiSystemId, createdAt, retiredAt: at });
        open.delete(requirementId);
      }
      for (const requirementId of excluded) if (!open.has(requirementId)) open.set(requirementId, at);
    }
    for (const [requirementId, createdAt] of open) marks.push({ requirementId, aiSystemId, createdAt, retiredAt: null });
  }
  return marks.sort((a, b) => a.requirementId - b.requirementId || (a.aiSystemId ?? 0) - (b.aiSystemId ?? 0) || a.createdAt - b.createdAt);
}

function excludedAt(
  at: number,
  apps: readonly BaselineApplicationInput[],
  members: readonly BaselineMemberInput[],
  reqs: readonly BaselineRequirementInput[],
  parentOf: ReadonlyMap<number, number | null>,
): Set<number> {
  const effective = apps.filter((a) => live(a.createdAt, a.retiredAt, at));
  if (effective.length === 0) return new Set();
  const effectiveIds = new Set(effective.map((a) => a.baselineId));
  const applicable = new Set<number>();
  for (const m of members) {
    if (!effectiveIds.has(m.baselineId) || !live(m.addedAt, m.removedAt, at)) continue;
    // The member and its ancestors (stop at one already added: its ancestors are too).
    for (let id: number | null | undefined = m.requirementId; id != null && !applicable.has(id); id = parentOf.get(id)) {
      applicable.add(id);
    }
  }
  const excluded = new Set<number>();
  for (const r of reqs) {
    if (applicable.has(r.id)) continue;
    if (r.parentId === null || !parentOf.has(r.parentId) || applicable.has(r.parentId)) excluded.add(r.id);
  }
  return excluded;
}
