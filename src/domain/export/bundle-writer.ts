/**
 * Writes the native bundle (bundle-schema.ts) from the rows of the graph (bundle-rows.ts): each
 * section's items are made one at a time from the rows, so the document is written as it is
 * produced (`bundleDocument`, json-stream.ts) and never held whole; `buildBundle` gives the same
 * items as one value (a restore compares it with the bundle it is given). Pure.
 *
 * Everything refers to everything else by natural key; lists keep the rows' order (creation
 * order), see bundle-schema.ts.
 */
import { controlFields, frameworkFields, requirementFields } from '../catalog/item-fields.js';
import { mapEach } from './document.js';
import { evidenceContent } from './evidence-content.js';
import { streamArray, streamObject, type StreamedObject } from './json-stream.js';
import type { BundleEvidencePage, BundleEvidenceRow, BundleFrameworkRow, BundleRequirementVersionRow, BundleRows } from './bundle-rows.js';
import { BUNDLE_FORMAT, BUNDLE_SECTIONS, BUNDLE_VERSION, type Bundle } from './bundle-schema.js';

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function lookup<T extends { id: number }, V>(rows: readonly T[], value: (row: T) => V): (id: number) => V {
  const map = new Map(rows.map((r) => [r.id, value(r)]));
  return (id) => {
    const v = map.get(id);
    if (v === undefined) throw new Error(`bundle export: row ${id} is referenced but was not read`);
    return v;
  };
}

/**
 * A requirement's structure versions (rule 10), when there is more than the one a restore writes
 * anyway and every past parent is in the bundle; nothing otherwise.
 */
function requirementHistory(
  versions: readonly BundleRequirementVersionRow[],
  refIds: ReadonlyMap<number, string>,
): { history?: { parent: string | null; withdrawn: boolean; validFrom: string; validTo: string | null }[] } {
  if (versions.length < 2 || versions.some((v) => v.parentId !== null && !refIds.has(v.parentId))) return {};
  return {
    history: versions.map((v) => ({
      parent: v.parentId === null ? null : refIds.get(v.parentId)!,
      withdrawn: v.withdrawn,
      validFrom: iso(v.validFrom),
      validTo: isoOrNull(v.validTo),
    })),
  };
}

/** `retiredAt`/`retiredBy` of a retired link or assignment; nothing for a live one. */
const retirementOf = (row: { retiredAt: Date | null; retiredBy: string | null }) =>
  row.retiredAt === null ? {} : { retiredAt: iso(row.retiredAt), retiredBy: row.retiredBy ?? '' };

type Section = (typeof BUNDLE_SECTIONS)[number];

/** Each section's items, made from the rows one at a time (afresh on each call). */
type BundleSections = { [S in Section]: () => Iterable<Bundle[S][number]> };

/** The bundle of every row, as one value. */
export function buildBundle(rows: BundleRows, exportedAt: Date): Bundle {
  const sections = bundleSections(rows);
  const items = Object.fromEntries(BUNDLE_SECTIONS.map((s) => [s, [...sections[s]()]])) as { [S in Section]: Bundle[S] };
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: iso(exportedAt), ...items };
}

/**
 * The bundle of every row, to be written piece by piece (json-stream.ts): the same text as
 * `buildBundle`'s value. With `evidencePages`, the evidence section is made from those pages, read
 * as it is written (the rows' own evidence lists are then empty), instead of from `rows`.
 */
export function bundleDocument(rows: BundleRows, exportedAt: Date, evidencePages?: () => Iterable<BundleEvidencePage>): StreamedObject {
  const sections = bundleSections(rows, evidencePages);
  const items = Object.fromEntries(BUNDLE_SECTIONS.map((s) => [s, streamArray(sections[s])]));
  return streamObject({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: iso(exportedAt), ...items });
}

/** The document a framework's requirements were imported from, when one is recorded. */
function sourceOf(f: BundleFrameworkRow): Pick<Bundle['frameworks'][number], 'source'> {
  if (f.sourceUuid === null && f.sourceTitle === null && f.sourceSha256 === null && f.sourceMd5 === null) return {};
  return { source: { uuid: f.sourceUuid, title: f.sourceTitle, sha256: f.sourceSha256, md5: f.sourceMd5 } };
}

function bundleSections(rows: BundleRows, evidencePages?: () => Iterable<BundleEvidencePage>): BundleSections {
  const frameworkRef = lookup(rows.frameworks, (f) => f.refId);
  const requirement = lookup(rows.requirements, (r) => ({ framework: frameworkRef(r.frameworkId), refId: r.refId }));
  const threatRef = lookup(rows.threats, (t) => t.refId);
  const controlRef = lookup(rows.controls, (c) => c.refId);
  const aiSystemName = lookup(rows.aiSystems, (s) => s.name);
  const systemOrNull = (id: number | null) => (id === null ? null : aiSystemName(id));

  const versions = groupBy(rows.requirementVersions, (v) => v.requirementId);
  const liveRefIds = new Map(rows.requirements.map((r) => [r.id, r.refId]));
  const threatLinks = groupBy(rows.threatRequirements, (t) => t.threatId);
  const systemFrameworks = groupBy(rows.aiSystemFrameworks, (a) => a.aiSystemId);
  const statusChanges = groupBy(rows.controlStatusChanges, (c) => c.controlId);
  // By (control, AI system): the repository's order.
  const systemStatuses = groupBy(rows.aiSystemControlStatuses, (s) => s.controlId);
  const revisions = groupBy(rows.mappingRevisions, (r) => r.mappingId);
  const evidenceControls = groupBy(rows.evidenceControls, (e) => e.evidenceId);
  const reviews = groupBy(rows.evidenceReviews, (r) => r.evidenceId);
  const members = groupBy(rows.baselineRequirements, (m) => m.baselineId);
  const applications = groupBy(rows.baselineApplications, (a) => a.baselineId);

  /** An item of evidence with its control links and reviews (grouped by evidence id). */
  const evidenceItem = (
    e: BundleEvidenceRow,
    links: ReadonlyMap<number, BundleRows['evidenceControls']>,
    reviewsOf: ReadonlyMap<number, BundleRows['evidenceReviews']>,
  ) => ({
    ...evidenceContent(e),
    collectedAt: iso(e.collectedAt),
    validUntil: isoOrNull(e.validUntil),
    status: e.status,
    reviewedBy: e.reviewedBy,
    reviewedAt: isoOrNull(e.reviewedAt),
    reviewComment: e.reviewComment,
    aiSystem: systemOrNull(e.aiSystemId),
    idempotencyKey: e.idempotencyKey,
    createdBy: e.createdBy,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    controls: (links.get(e.id) ?? []).map((l) => controlRef(l.controlId)),
    reviews: (reviewsOf.get(e.id) ?? []).map((v) => ({
      status: v.status,
      comment: v.comment,
      reviewedAt: iso(v.reviewedAt),
      reviewedBy: v.reviewedBy,
    })),
  });

  return {
    frameworks: () => mapEach(rows.frameworks, (f) => ({
      refId: f.refId,
      ...frameworkFields(f),
      createdAt: iso(f.createdAt),
      updatedAt: iso(f.updatedAt),
      ...sourceOf(f),
    })),
    requirements: () => mapEach(rows.requirements, (r) => ({
      framework: frameworkRef(r.frameworkId),
      refId: r.refId,
      parent: r.parentId === null ? null : requirement(r.parentId).refId,
      ...requirementFields(r),
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      ...requirementHistory(versions.get(r.id) ?? [], liveRefIds),
    })),
    threats: () => mapEach(rows.threats, (t) => ({
      framework: frameworkRef(t.frameworkId),
      refId: t.refId,
      parent: t.parentId === null ? null : threatRef(t.parentId),
      name: t.name,
      description: t.description,
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
      addressedBy: (threatLinks.get(t.id) ?? []).map((l) => {
        const r = requirement(l.requirementId);
        return { framework: r.framework, requirement: r.refId, createdAt: iso(l.createdAt), createdBy: l.createdBy, ...retirementOf(l) };
      }),
    })),
    aiSystems: () => mapEach(rows.aiSystems, (s) => ({
      name: s.name,
      description: s.description,
      purpose: s.purpose,
      riskLevel: s.riskLevel,
      role: s.role,
      owner: s.owner,
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
      frameworks: (systemFrameworks.get(s.id) ?? []).map((f) => ({
        framework: frameworkRef(f.frameworkId),
        createdAt: iso(f.createdAt),
        createdBy: f.createdBy,
        ...retirementOf(f),
      })),
    })),
    controls: () => mapEach(rows.controls, (c) => ({
      refId: c.refId,
      ...controlFields(c),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      statusHistory: (statusChanges.get(c.id) ?? []).map((s) => ({
        aiSystem: systemOrNull(s.aiSystemId),
        from: s.fromStatus,
        to: s.toStatus,
        comment: s.comment,
        changedAt: iso(s.changedAt),
        changedBy: s.changedBy,
      })),
      systemStatuses: (systemStatuses.get(c.id) ?? []).map((s) => ({
        aiSystem: aiSystemName(s.aiSystemId),
        status: s.status,
        comment: s.comment,
        updatedAt: iso(s.updatedAt),
        updatedBy: s.updatedBy,
      })),
    })),
    mappings: () => mapEach(rows.mappings, (m) => {
      const r = requirement(m.requirementId);
      return {
        framework: r.framework,
        requirement: r.refId,
        control: controlRef(m.controlId),
        relationship: m.relationship,
        strength: m.strength,
        rationale: m.rationale,
        createdAt: iso(m.createdAt),
        createdBy: m.createdBy,
        updatedAt: iso(m.updatedAt),
        retiredAt: isoOrNull(m.retiredAt),
        retiredBy: m.retiredBy,
        revisions: (revisions.get(m.id) ?? []).map((v) => ({
          relationship: v.relationship,
          strength: v.strength,
          rationale: v.rationale,
          validFrom: iso(v.validFrom),
          changedBy: v.changedBy,
        })),
      };
    }),
    links: () => mapEach(rows.requirementLinks, (l) => {
      const source = requirement(l.sourceRequirementId);
      const target = requirement(l.targetRequirementId);
      return {
        source: { framework: source.framework, requirement: source.refId },
        target: { framework: target.framework, requirement: target.refId },
        relationship: l.relationship,
        strength: l.strength,
        rationale: l.rationale,
        provenance: l.provenance,
        createdAt: iso(l.createdAt),
        createdBy: l.createdBy,
        updatedAt: iso(l.updatedAt),
        retiredAt: isoOrNull(l.retiredAt),
        retiredBy: l.retiredBy,
      };
    }),
    notApplicable: () => mapEach(rows.notApplicableMarks, (n) => {
      const r = requirement(n.requirementId);
      return {
        framework: r.framework,
        requirement: r.refId,
        aiSystem: systemOrNull(n.aiSystemId),
        justification: n.justification,
        createdAt: iso(n.createdAt),
        createdBy: n.createdBy,
        retiredAt: isoOrNull(n.retiredAt),
        retiredBy: n.retiredBy,
      };
    }),
    evidence: evidencePages
      ? function* () {
          for (const page of evidencePages()) {
            const links = groupBy(page.evidenceControls, (e) => e.evidenceId);
            const reviewsOf = groupBy(page.evidenceReviews, (r) => r.evidenceId);
            yield* mapEach(page.evidence, (e) => evidenceItem(e, links, reviewsOf));
          }
        }
      : () => mapEach(rows.evidence, (e) => evidenceItem(e, evidenceControls, reviews)),
    baselines: () => mapEach(rows.baselines, (b) => ({
      refId: b.refId,
      framework: frameworkRef(b.frameworkId),
      name: b.name,
      description: b.description,
      sourceNote: b.sourceNote,
      ...(b.profileRefId !== null ? { profileRefId: b.profileRefId } : {}),
      createdAt: iso(b.createdAt),
      updatedAt: iso(b.updatedAt),
      members: (members.get(b.id) ?? []).map((m) => ({
        requirement: requirement(m.requirementId).refId,
        addedAt: iso(m.addedAt),
        addedBy: m.addedBy,
        removedAt: isoOrNull(m.removedAt),
        removedBy: m.removedBy,
      })),
      applications: (applications.get(b.id) ?? []).map((a) => ({
        aiSystem: systemOrNull(a.aiSystemId),
        createdAt: iso(a.createdAt),
        createdBy: a.createdBy,
        retiredAt: isoOrNull(a.retiredAt),
        retiredBy: a.retiredBy,
      })),
    })),
    coverageSnapshots: () => mapEach(rows.coverageSnapshots, (s) => ({
      framework: frameworkRef(s.frameworkId),
      aiSystem: systemOrNull(s.aiSystemId),
      at: iso(s.at),
      viaCrosswalks: s.viaCrosswalks,
      total: s.total,
      covered: s.covered,
      partial: s.partial,
      uncovered: s.uncovered,
      notApplicable: s.notApplicable,
      createdBy: s.createdBy,
    })),
  };
}
