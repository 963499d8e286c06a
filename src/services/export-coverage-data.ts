/**
 * A coverage evaluation resolved to what the coverage exports show (src/domain/export): natural
 * keys instead of row ids, frameworks by refId, requirements depth-first in framework order, and
 * for assessment-results the controls with the evidence that counted at the instant.
 */
import type { ControlEvidence, ReportRows } from '../db/repositories/export-read-repository.js';
import type { RequirementRow } from '../db/rows.js';
import { sumOfSummaries, type CoverageSummary } from '../domain/coverage/index.js';
import type { ObservedControl, ObservedEvidence } from '../domain/export/assessment-results.js';
import type { CoverageExport, ReportFramework, ReportRequirement, RequirementKey } from '../domain/export/coverage-report.js';
import { mapEach, naturalCompare } from '../domain/export/document.js';
import { evidenceContent } from '../domain/export/evidence-content.js';
import type { EvidenceStatus } from '../domain/vocabulary.js';
import type { CoverageAnswer } from './coverage-service.js';

/** The evaluation with natural keys, frameworks by refId, requirements in framework order. */
export function toExport(
  answer: CoverageAnswer,
  frameworks: readonly { frameworkId: number; status: CoverageExport['frameworks'][number]['status']; summary: CoverageSummary }[],
  rows: ReportRows,
  generatedAt: number,
): CoverageExport {
  const frameworkRows = new Map(rows.frameworks.map((f) => [f.id, f]));
  const requirementRows = new Map(rows.requirements.map((r) => [r.id, r]));
  const controlRows = new Map(rows.controls.map((c) => [c.id, c]));
  const key = (id: number): RequirementKey => {
    const r = requirementRows.get(id);
    return r ? { framework: r.frameworkRefId, requirement: r.refId } : { framework: '?', requirement: `#${id}` };
  };
  const controlRef = (id: number) => controlRows.get(id)?.refId ?? `#${id}`;

  const byFramework = new Map<number, (RequirementRow & { frameworkRefId: string })[]>();
  // The hierarchy as evaluated (rule 10: a past instant has its own parents).
  for (const row of rows.requirements) {
    const parentId = answer.evaluatedParentId(row.id);
    const r = parentId !== undefined && parentId !== row.parentId ? { ...row, parentId } : row;
    const list = byFramework.get(r.frameworkId);
    if (list) list.push(r);
    else byFramework.set(r.frameworkId, [r]);
  }
  const out: ReportFramework[] = [];
  for (const f of frameworks) {
    const framework = frameworkRows.get(f.frameworkId);
    if (!framework) continue; // deleted since the evaluation (the read is retried first)
    // Made one at a time as the document reads them (a framework's list is never held whole).
    const ordered = treeOrder(byFramework.get(f.frameworkId) ?? []).filter(({ row }) => answer.status(row.id) !== null); // withdrawn, or under a withdrawn parent: never evaluated
    const requirement = ({ row, depth }: { row: RequirementRow; depth: number }): ReportRequirement => {
      const coverage = answer.requirementDetail(row.id)!;
      return {
        framework: framework.refId,
        refId: row.refId,
        sourceId: row.sourceId,
        title: row.title,
        kind: row.kind,
        parent: row.parentId === null ? null : (requirementRows.get(row.parentId)?.refId ?? null),
        depth,
        leaf: coverage.leaf,
        status: coverage.status,
        inferred: coverage.inferred,
        decidedBy: coverage.via ? controlRef(coverage.via.controlId) : null,
        reasons: coverage.reasons.map((reason) => ({ code: reason.code, controls: reason.controlIds.map(controlRef) })),
        controls: [...coverage.contributions]
          .map((c) => ({
            control: controlRef(c.controlId),
            title: controlRows.get(c.controlId)?.title ?? '',
            state: c.state,
            kind: c.kind,
            inferred: c.inferred,
            path: c.path.map(key),
            mappedRequirement: key(c.mappedRequirementId),
          }))
          .sort((a, b) => naturalCompare(a.control, b.control)),
        summary: coverage.summary,
      };
    };
    out.push({
      refId: framework.refId,
      name: framework.name,
      version: framework.version,
      kind: framework.kind,
      status: f.status,
      summary: f.summary,
      requirementCount: ordered.length,
      requirements: () => mapEach(ordered, requirement),
    });
  }
  out.sort((a, b) => naturalCompare(a.refId, b.refId));
  return {
    generatedAt,
    asOf: answer.at,
    aiSystem: rows.aiSystem?.name ?? null,
    viaCrosswalks: answer.viaCrosswalks,
    maxCrosswalkDepth: answer.maxDepth,
    frameworks: out,
    totals: sumOfSummaries(out.map((f) => f.summary)),
  };
}

/** Depth-first, siblings by (sortOrder, refId); orphans (parent outside the list) start trees of their own. */
function treeOrder<T extends { id: number; parentId: number | null; sortOrder: number; refId: string }>(rows: readonly T[]): { row: T; depth: number }[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || naturalCompare(a.refId, b.refId));
  const out: { row: T; depth: number }[] = [];
  const visited = new Set<number>();
  const stack: { row: T; depth: number }[] = [...(children.get(null) ?? [])].reverse().map((row) => ({ row, depth: 0 }));
  while (stack.length) {
    const item = stack.pop()!;
    if (visited.has(item.row.id)) continue;
    visited.add(item.row.id);
    out.push(item);
    for (const child of [...(children.get(item.row.id) ?? [])].reverse()) stack.push({ row: child, depth: item.depth + 1 });
  }
  return out;
}

/** The evidence of one control that counts in a scope at an instant (ExportReadRepository.evidenceOfControlNow). */
export type ControlEvidenceReader = (controlId: number) => ControlEvidence;

/**
 * Every control reaching an evaluated requirement, by refId, with the evidence that counts in
 * the scope (gathered for no AI system, or for the scope's system when it is one) and existed at
 * the instant, each with its review status then. The evidence is read when the document needs it,
 * one control at a time (`evidenceOf`), so it is never held whole.
 */
export function observedControls(rows: ReportRows, answer: CoverageAnswer, at: number, evidenceOf: ControlEvidenceReader): (ObservedControl & { controlId: number })[] {
  const aiSystem = rows.aiSystem?.name ?? null;
  return rows.controls
    .map((c) => ({ controlId: c.id, refId: c.refId, title: c.title, state: answer.controlState(c.id), evidence: () => observedEvidence(evidenceOf(c.id), at, aiSystem) }))
    .sort((a, b) => naturalCompare(a.refId, b.refId));
}

/** A control's evidence as assessment-results shows it: each item with its latest review at or before the instant (ties: the later row). */
function observedEvidence(read: ControlEvidence, at: number, aiSystem: string | null): ObservedEvidence[] {
  const latest = new Map<number, { status: EvidenceStatus; reviewedAt: number }>();
  for (const r of read.reviews) {
    const reviewedAt = r.reviewedAt.getTime();
    const before = latest.get(r.evidenceId);
    if (reviewedAt <= at && (before === undefined || reviewedAt >= before.reviewedAt)) latest.set(r.evidenceId, { status: r.status, reviewedAt });
  }
  return read.evidence.map((e) => {
    const review = latest.get(e.id);
    return {
      ...evidenceContent(e),
      collectedAt: e.collectedAt.getTime(),
      validUntil: e.validUntil?.getTime() ?? null,
      statusAtInstant: review?.status ?? 'PENDING_REVIEW',
      reviewedAt: review?.reviewedAt ?? null,
      aiSystem: e.aiSystemId === null ? null : aiSystem,
    };
  });
}
