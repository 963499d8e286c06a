/**
 * Crosswalk's native JSON bundle, version 1: the whole graph with its history, for backup and
 * for moving to another instance. Pure: rows in → document out (`buildBundle`), document in →
 * checked document (`readBundle`).
 *
 * Shape (`format: "crosswalk-bundle"`, `version: 1`, every instant an ISO 8601 UTC string):
 * frameworks, requirements (parent by refId), threats (with the requirements addressing them),
 * AI systems (with the frameworks that apply to them), controls (with their whole status history,
 * per-system overrides included, and the current per-system statuses), mappings (with every
 * revision, retired ones included), crosswalk links (retired included), not-applicable marks
 * (created/retired), evidence metadata (with the controls it supports and every review; file
 * contents are not included, FILE evidence keeps its SHA-256), baselines (members and
 * applications with their history) and recorded coverage snapshots.
 *
 * Everything refers to everything else by natural key — framework refId, (framework, requirement
 * refId), control refId, AI system name, baseline refId — never by row id. Lists are in the
 * order the rows were created (row id order): a restore inserts them in that order, so the
 * coverage engine, which breaks ties by id, answers exactly as it did on the source instance,
 * now and at every past instant. Nested lists (a control's status history, a mapping's
 * revisions, an evidence item's reviews) are in creation order too.
 *
 * Not included: API tokens (secrets), the audit trail (it belongs to the instance that wrote
 * it), stored file contents and their integrity history.
 */
import { z } from 'zod';
import { filenameProblem } from '../blobs.js';
import { isStrength, MAX_STRENGTH, MIN_STRENGTH } from '../strength.js';
import type { BundleRows } from '../../db/repositories/bundle-repository.js';
import { controlFields, frameworkFields, requirementFields } from '../catalog/item-fields.js';
import {
  AI_SYSTEM_ROLES,
  CONTROL_TYPES,
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  FRAMEWORK_KINDS,
  IMPLEMENTATION_STATUSES,
  RELATIONSHIPS,
  RISK_LEVELS,
} from '../vocabulary.js';
import { evidenceContent } from './evidence-content.js';

export const BUNDLE_FORMAT = 'crosswalk-bundle';
export const BUNDLE_VERSION = 1;

// --- schema ----------------------------------------------------------------------------------

/** An instant; read in any ISO 8601 form with an offset, written as UTC with milliseconds. */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const key = z.string().min(1);
const by = z.string();
const count = z.number().int().min(0);
/** An evidence file name, by the same rule as attach (no invisible or text-direction characters…). */
const fileName = z.string().check((ctx) => {
  const problem = filenameProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: `filename ${problem}`, input: ctx.value });
});

const requirementRef = z.strictObject({ framework: key, requirement: key });

const frameworkSchema = z.strictObject({
  refId: key,
  name: z.string(),
  version: z.string(),
  kind: z.enum(FRAMEWORK_KINDS),
  description: z.string(),
  sourceNote: z.string(),
  licenseNote: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

const requirementSchema = z.strictObject({
  framework: key,
  refId: key,
  /** refId of the parent in the same framework. */
  parent: key.nullable(),
  sourceId: z.string().nullable(),
  title: z.string(),
  statement: z.string(),
  kind: z.string().nullable(),
  withdrawn: z.boolean(),
  sortOrder: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  /**
   * Every version of its structure, oldest first (rule 10): the parent (refId in the same
   * framework) and withdrawn flag from `validFrom` until `validTo` (null: still). Absent: one
   * version, the current one, from `createdAt` (bundles written before, or a past parent that is
   * no longer in the bundle).
   */
  history: z
    .array(z.strictObject({ parent: key.nullable(), withdrawn: z.boolean(), validFrom: instant, validTo: instant.nullable() }))
    .optional(),
});

const threatSchema = z.strictObject({
  framework: key,
  refId: key,
  /** refId of the parent threat in the same framework. */
  parent: key.nullable(),
  name: z.string(),
  description: z.string(),
  createdAt: instant,
  updatedAt: instant,
  /** Live links, and retired ones with `retiredAt` (rule 10); a retired one may repeat a pair. */
  addressedBy: z.array(
    z.strictObject({ framework: key, requirement: key, createdAt: instant, createdBy: by, retiredAt: instant.optional(), retiredBy: by.optional() }),
  ),
});

const aiSystemSchema = z.strictObject({
  name: key,
  description: z.string(),
  purpose: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  role: z.enum(AI_SYSTEM_ROLES),
  owner: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  /** Live assignments, and retired ones with `retiredAt` (rule 10); a retired one may repeat a framework. */
  frameworks: z.array(z.strictObject({ framework: key, createdAt: instant, createdBy: by, retiredAt: instant.optional(), retiredBy: by.optional() })),
});

const controlSchema = z.strictObject({
  refId: key,
  title: z.string(),
  description: z.string(),
  domain: z.string(),
  type: z.enum(CONTROL_TYPES),
  implementationStatus: z.enum(IMPLEMENTATION_STATUSES),
  owner: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  /** Every status change: the control's own (aiSystem null; the first one creates it) and per-system overrides (`to` null: cleared). */
  statusHistory: z.array(
    z.strictObject({
      aiSystem: key.nullable(),
      from: z.enum(IMPLEMENTATION_STATUSES).nullable(),
      to: z.enum(IMPLEMENTATION_STATUSES).nullable(),
      comment: z.string().nullable(),
      changedAt: instant,
      changedBy: by,
    }),
  ),
  /** The per-AI-system statuses in force now. */
  systemStatuses: z.array(
    z.strictObject({
      aiSystem: key,
      status: z.enum(IMPLEMENTATION_STATUSES),
      comment: z.string().nullable(),
      updatedAt: instant,
      updatedBy: by,
    }),
  ),
});

/** The API's strength rule (domain/strength.ts): a restore accepts no strength the API refuses. */
const strength = z.number().refine(isStrength, `a strength is a whole number from ${MIN_STRENGTH} to ${MAX_STRENGTH}`).nullable();

const mappingSchema = z.strictObject({
  framework: key,
  requirement: key,
  control: key,
  relationship: z.enum(RELATIONSHIPS),
  strength,
  rationale: z.string(),
  createdAt: instant,
  createdBy: by,
  updatedAt: instant,
  retiredAt: instant.nullable(),
  retiredBy: by.nullable(),
  /** Every version, the first included. */
  revisions: z.array(
    z.strictObject({
      relationship: z.enum(RELATIONSHIPS),
      strength,
      rationale: z.string(),
      validFrom: instant,
      changedBy: by,
    }),
  ),
});

const linkSchema = z.strictObject({
  source: requirementRef,
  target: requirementRef,
  relationship: z.enum(RELATIONSHIPS),
  strength,
  rationale: z.string(),
  provenance: z.string(),
  createdAt: instant,
  createdBy: by,
  updatedAt: instant,
  retiredAt: instant.nullable(),
  retiredBy: by.nullable(),
});

const notApplicableSchema = z.strictObject({
  framework: key,
  requirement: key,
  /** null: organisation-wide. */
  aiSystem: key.nullable(),
  justification: z.string(),
  createdAt: instant,
  createdBy: by,
  retiredAt: instant.nullable(),
  retiredBy: by.nullable(),
});

const evidenceSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  sha256: z.string().nullable(),
  sizeBytes: count.nullable(),
  mediaType: z.string().nullable(),
  filename: fileName.nullable(),
  collectedAt: instant,
  validUntil: instant.nullable(),
  status: z.enum(EVIDENCE_STATUSES),
  reviewedBy: by.nullable(),
  reviewedAt: instant.nullable(),
  reviewComment: z.string().nullable(),
  aiSystem: key.nullable(),
  idempotencyKey: z.string().nullable(),
  createdBy: by,
  createdAt: instant,
  updatedAt: instant,
  /** refIds of the controls it supports. */
  controls: z.array(key),
  reviews: z.array(z.strictObject({ status: z.enum(EVIDENCE_STATUSES), comment: z.string(), reviewedAt: instant, reviewedBy: by })),
});

const baselineSchema = z.strictObject({
  refId: key,
  framework: key,
  name: z.string(),
  description: z.string(),
  sourceNote: z.string(),
  createdAt: instant,
  updatedAt: instant,
  members: z.array(z.strictObject({ requirement: key, addedAt: instant, addedBy: by, removedAt: instant.nullable(), removedBy: by.nullable() })),
  applications: z.array(
    z.strictObject({ aiSystem: key.nullable(), createdAt: instant, createdBy: by, retiredAt: instant.nullable(), retiredBy: by.nullable() }),
  ),
});

const coverageSnapshotSchema = z.strictObject({
  framework: key,
  aiSystem: key.nullable(),
  at: instant,
  viaCrosswalks: z.boolean(),
  total: count,
  covered: count,
  partial: count,
  uncovered: count,
  notApplicable: count,
  createdBy: by,
});

export const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  /** When the bundle was written (information only; a restore does not use it). */
  exportedAt: instant,
  frameworks: z.array(frameworkSchema),
  requirements: z.array(requirementSchema),
  threats: z.array(threatSchema),
  aiSystems: z.array(aiSystemSchema),
  controls: z.array(controlSchema),
  mappings: z.array(mappingSchema),
  links: z.array(linkSchema),
  notApplicable: z.array(notApplicableSchema),
  evidence: z.array(evidenceSchema),
  baselines: z.array(baselineSchema),
  coverageSnapshots: z.array(coverageSnapshotSchema),
});

export type Bundle = z.output<typeof bundleSchema>;

/** The sections of a bundle holding items, in document order. */
const BUNDLE_SECTIONS = [
  'frameworks',
  'requirements',
  'threats',
  'aiSystems',
  'controls',
  'mappings',
  'links',
  'notApplicable',
  'evidence',
  'baselines',
  'coverageSnapshots',
] as const;

// --- rows → bundle ---------------------------------------------------------------------------

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
  versions: readonly BundleRows['requirementVersions'][number][],
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

/** The bundle of every row (rows as `BundleRepository.readAll` returns them). */
export function buildBundle(rows: BundleRows, exportedAt: Date): Bundle {
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

  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: iso(exportedAt),
    frameworks: rows.frameworks.map((f) => ({
      refId: f.refId,
      ...frameworkFields(f),
      createdAt: iso(f.createdAt),
      updatedAt: iso(f.updatedAt),
    })),
    requirements: rows.requirements.map((r) => ({
      framework: frameworkRef(r.frameworkId),
      refId: r.refId,
      parent: r.parentId === null ? null : requirement(r.parentId).refId,
      ...requirementFields(r),
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      ...requirementHistory(versions.get(r.id) ?? [], liveRefIds),
    })),
    threats: rows.threats.map((t) => ({
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
    aiSystems: rows.aiSystems.map((s) => ({
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
    controls: rows.controls.map((c) => ({
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
    mappings: rows.mappings.map((m) => {
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
    links: rows.requirementLinks.map((l) => {
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
    notApplicable: rows.notApplicableMarks.map((n) => {
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
    evidence: rows.evidence.map((e) => ({
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
      controls: (evidenceControls.get(e.id) ?? []).map((l) => controlRef(l.controlId)),
      reviews: (reviews.get(e.id) ?? []).map((v) => ({
        status: v.status,
        comment: v.comment,
        reviewedAt: iso(v.reviewedAt),
        reviewedBy: v.reviewedBy,
      })),
    })),
    baselines: rows.baselines.map((b) => ({
      refId: b.refId,
      framework: frameworkRef(b.frameworkId),
      name: b.name,
      description: b.description,
      sourceNote: b.sourceNote,
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
    coverageSnapshots: rows.coverageSnapshots.map((s) => ({
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

/** The content of a bundle without the instant it was written (two bundles of the same graph compare equal). */
export function bundleContent(bundle: Bundle): string {
  const { exportedAt: _exportedAt, ...content } = bundle;
  return JSON.stringify(content);
}

/** Number of items a restore writes (top-level items and their nested rows), for progress. */
export function bundleSize(bundle: Bundle): number {
  let n = 0;
  for (const section of BUNDLE_SECTIONS) n += bundle[section].length;
  for (const t of bundle.threats) n += t.addressedBy.length;
  for (const s of bundle.aiSystems) n += s.frameworks.length;
  for (const c of bundle.controls) n += c.statusHistory.length + c.systemStatuses.length;
  for (const m of bundle.mappings) n += m.revisions.length;
  for (const e of bundle.evidence) n += e.controls.length + e.reviews.length;
  for (const b of bundle.baselines) n += b.members.length + b.applications.length;
  return n;
}

// --- document → checked bundle ---------------------------------------------------------------

/** Something that makes a bundle unusable: where (a JSON path) and why. */
export interface BundleProblem {
  location: string;
  reason: string;
}

/** `$.controls[3].statusHistory[0].aiSystem` from a zod issue path. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${String(part)}`), '$');
}

/**
 * Reads a parsed JSON value as a bundle: the shape (types, required fields, no unknown fields),
 * then every reference (each names an item of the bundle), uniqueness of natural keys and the
 * rules the database enforces (one live mapping or link per pair, one live baseline member per
 * requirement, parents that form a tree). Returns the bundle, or the problems (all of them, in
 * document order).
 */
export function readBundle(value: unknown): { bundle: Bundle; problems: [] } | { bundle: null; problems: BundleProblem[] } {
  const header = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  if (header?.format !== BUNDLE_FORMAT) {
    return { bundle: null, problems: [{ location: '$.format', reason: `a Crosswalk bundle has "format": "${BUNDLE_FORMAT}"` }] };
  }
  if (header.version !== BUNDLE_VERSION) {
    return {
      bundle: null,
      problems: [{ location: '$.version', reason: `bundle version ${JSON.stringify(header.version)} is not supported; this instance reads version ${BUNDLE_VERSION}` }],
    };
  }
  const parsed = bundleSchema.safeParse(value);
  if (!parsed.success) {
    return { bundle: null, problems: parsed.error.issues.map((issue) => ({ location: jsonPath(issue.path), reason: issue.message })) };
  }
  const problems = checkReferences(parsed.data);
  return problems.length ? { bundle: null, problems } : { bundle: parsed.data, problems: [] };
}

const pairKey = (...parts: string[]) => JSON.stringify(parts);

function checkReferences(b: Bundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const problem = (location: string, reason: string) => problems.push({ location, reason });

  const frameworks = new Map<string, number>();
  b.frameworks.forEach((f, i) => {
    if (frameworks.has(f.refId)) problem(`$.frameworks[${i}].refId`, `framework "${f.refId}" is already given at $.frameworks[${frameworks.get(f.refId)}]`);
    else frameworks.set(f.refId, i);
  });
  const frameworkKnown = (refId: string, location: string) => {
    if (frameworks.has(refId)) return true;
    problem(location, `framework "${refId}" is not in the bundle`);
    return false;
  };

  // Requirements: unique per framework, parents in the same framework, no cycles.
  const requirements = new Map<string, number>();
  b.requirements.forEach((r, i) => {
    if (!frameworkKnown(r.framework, `$.requirements[${i}].framework`)) return;
    const k = pairKey(r.framework, r.refId);
    if (requirements.has(k)) problem(`$.requirements[${i}].refId`, `requirement "${r.refId}" of "${r.framework}" is already given at $.requirements[${requirements.get(k)}]`);
    else requirements.set(k, i);
  });
  b.requirements.forEach((r, i) => {
    if (r.parent !== null && !requirements.has(pairKey(r.framework, r.parent))) {
      problem(`$.requirements[${i}].parent`, `parent "${r.parent}" is not a requirement of "${r.framework}" in the bundle`);
    }
    // A history: past parents in the bundle, versions in order, each ending where the next begins.
    r.history?.forEach((v, k) => {
      const at = `$.requirements[${i}].history[${k}]`;
      if (v.parent !== null && !requirements.has(pairKey(r.framework, v.parent))) {
        problem(`${at}.parent`, `parent "${v.parent}" is not a requirement of "${r.framework}" in the bundle`);
      }
      if (v.validTo !== null && v.validTo < v.validFrom) problem(`${at}.validTo`, 'a version cannot end before it begins');
      const next = r.history![k + 1];
      if (next && v.validTo !== next.validFrom) problem(`${at}.validTo`, 'a version ends where the next one begins');
    });
  });
  findCycles(b.requirements, (r) => pairKey(r.framework, r.refId), (r) => (r.parent === null ? null : pairKey(r.framework, r.parent))).forEach((i) =>
    problem(`$.requirements[${i}].parent`, 'the parents form a cycle'),
  );
  const requirementKnown = (framework: string, refId: string, location: string) => {
    if (requirements.has(pairKey(framework, refId))) return true;
    problem(location, frameworks.has(framework) ? `requirement "${refId}" of "${framework}" is not in the bundle` : `framework "${framework}" is not in the bundle`);
    return false;
  };

  // Threats.
  const threats = new Map<string, number>();
  b.threats.forEach((t, i) => {
    if (!frameworkKnown(t.framework, `$.threats[${i}].framework`)) return;
    const k = pairKey(t.framework, t.refId);
    if (threats.has(k)) problem(`$.threats[${i}].refId`, `threat "${t.refId}" of "${t.framework}" is already given at $.threats[${threats.get(k)}]`);
    else threats.set(k, i);
  });
  b.threats.forEach((t, i) => {
    if (t.parent !== null && !threats.has(pairKey(t.framework, t.parent))) {
      problem(`$.threats[${i}].parent`, `parent threat "${t.parent}" is not a threat of "${t.framework}" in the bundle`);
    }
    const seen = new Set<string>();
    t.addressedBy.forEach((a, j) => {
      const location = `$.threats[${i}].addressedBy[${j}]`;
      if (!requirementKnown(a.framework, a.requirement, location)) return;
      const k = pairKey(a.framework, a.requirement);
      if (a.retiredAt !== undefined) return;
      if (seen.has(k)) problem(location, `requirement "${a.requirement}" of "${a.framework}" is listed twice`);
      seen.add(k);
    });
  });
  findCycles(b.threats, (t) => pairKey(t.framework, t.refId), (t) => (t.parent === null ? null : pairKey(t.framework, t.parent))).forEach((i) =>
    problem(`$.threats[${i}].parent`, 'the parents form a cycle'),
  );

  // AI systems.
  const systems = new Map<string, number>();
  b.aiSystems.forEach((s, i) => {
    if (systems.has(s.name)) problem(`$.aiSystems[${i}].name`, `AI system "${s.name}" is already given at $.aiSystems[${systems.get(s.name)}]`);
    else systems.set(s.name, i);
    const seen = new Set<string>();
    s.frameworks.forEach((f, j) => {
      const location = `$.aiSystems[${i}].frameworks[${j}].framework`;
      if (!frameworkKnown(f.framework, location) || f.retiredAt !== undefined) return;
      if (seen.has(f.framework)) problem(location, `framework "${f.framework}" is listed twice`);
      seen.add(f.framework);
    });
  });
  const systemKnown = (name: string | null, location: string) => {
    if (name === null || systems.has(name)) return true;
    problem(location, `AI system "${name}" is not in the bundle`);
    return false;
  };

  // Controls.
  const controls = new Map<string, number>();
  b.controls.forEach((c, i) => {
    if (controls.has(c.refId)) problem(`$.controls[${i}].refId`, `control "${c.refId}" is already given at $.controls[${controls.get(c.refId)}]`);
    else controls.set(c.refId, i);
    c.statusHistory.forEach((s, j) => systemKnown(s.aiSystem, `$.controls[${i}].statusHistory[${j}].aiSystem`));
    const seen = new Set<string>();
    c.systemStatuses.forEach((s, j) => {
      const location = `$.controls[${i}].systemStatuses[${j}].aiSystem`;
      if (!systemKnown(s.aiSystem, location)) return;
      if (seen.has(s.aiSystem)) problem(location, `AI system "${s.aiSystem}" is listed twice`);
      seen.add(s.aiSystem);
    });
  });
  const controlKnown = (refId: string, location: string) => {
    if (controls.has(refId)) return true;
    problem(location, `control "${refId}" is not in the bundle`);
    return false;
  };

  // Mappings: one live mapping per (requirement, control).
  const liveMappings = new Map<string, number>();
  b.mappings.forEach((m, i) => {
    const okRequirement = requirementKnown(m.framework, m.requirement, `$.mappings[${i}].requirement`);
    const okControl = controlKnown(m.control, `$.mappings[${i}].control`);
    if (!okRequirement || !okControl || m.retiredAt !== null) return;
    const k = pairKey(m.framework, m.requirement, m.control);
    if (liveMappings.has(k)) problem(`$.mappings[${i}]`, `a second live mapping of the same requirement and control (the first is $.mappings[${liveMappings.get(k)}])`);
    else liveMappings.set(k, i);
  });

  // Links: one live link per (source, target).
  const liveLinks = new Map<string, number>();
  b.links.forEach((l, i) => {
    const okSource = requirementKnown(l.source.framework, l.source.requirement, `$.links[${i}].source`);
    const okTarget = requirementKnown(l.target.framework, l.target.requirement, `$.links[${i}].target`);
    if (!okSource || !okTarget || l.retiredAt !== null) return;
    const k = pairKey(l.source.framework, l.source.requirement, l.target.framework, l.target.requirement);
    if (liveLinks.has(k)) problem(`$.links[${i}]`, `a second live link between the same requirements (the first is $.links[${liveLinks.get(k)}])`);
    else liveLinks.set(k, i);
  });

  b.notApplicable.forEach((n, i) => {
    requirementKnown(n.framework, n.requirement, `$.notApplicable[${i}].requirement`);
    systemKnown(n.aiSystem, `$.notApplicable[${i}].aiSystem`);
  });

  const idempotencyKeys = new Map<string, number>();
  b.evidence.forEach((e, i) => {
    systemKnown(e.aiSystem, `$.evidence[${i}].aiSystem`);
    const seen = new Set<string>();
    e.controls.forEach((c, j) => {
      const location = `$.evidence[${i}].controls[${j}]`;
      if (!controlKnown(c, location)) return;
      if (seen.has(c)) problem(location, `control "${c}" is listed twice`);
      seen.add(c);
    });
    if (e.idempotencyKey !== null) {
      if (idempotencyKeys.has(e.idempotencyKey)) problem(`$.evidence[${i}].idempotencyKey`, `already used by $.evidence[${idempotencyKeys.get(e.idempotencyKey)}]`);
      else idempotencyKeys.set(e.idempotencyKey, i);
    }
  });

  const baselines = new Map<string, number>();
  b.baselines.forEach((bl, i) => {
    if (baselines.has(bl.refId)) problem(`$.baselines[${i}].refId`, `baseline "${bl.refId}" is already given at $.baselines[${baselines.get(bl.refId)}]`);
    else baselines.set(bl.refId, i);
    if (!frameworkKnown(bl.framework, `$.baselines[${i}].framework`)) return;
    const liveMembers = new Set<string>();
    bl.members.forEach((m, j) => {
      const location = `$.baselines[${i}].members[${j}]`;
      if (!requirementKnown(bl.framework, m.requirement, `${location}.requirement`) || m.removedAt !== null) return;
      if (liveMembers.has(m.requirement)) problem(location, `requirement "${m.requirement}" is a live member twice`);
      liveMembers.add(m.requirement);
    });
    const liveScopes = new Set<string>();
    bl.applications.forEach((a, j) => {
      const location = `$.baselines[${i}].applications[${j}]`;
      if (!systemKnown(a.aiSystem, `${location}.aiSystem`) || a.retiredAt !== null) return;
      const scope = a.aiSystem ?? '';
      if (liveScopes.has(scope)) problem(location, `the baseline applies twice to ${a.aiSystem === null ? 'the organisation' : `AI system "${a.aiSystem}"`}`);
      liveScopes.add(scope);
    });
  });

  b.coverageSnapshots.forEach((s, i) => {
    frameworkKnown(s.framework, `$.coverageSnapshots[${i}].framework`);
    systemKnown(s.aiSystem, `$.coverageSnapshots[${i}].aiSystem`);
  });
  return problems;
}

/** Indexes of items on a parent cycle (each cycle reported at its first item in document order). */
function findCycles<T>(items: readonly T[], keyOf: (item: T) => string, parentOf: (item: T) => string | null): number[] {
  const index = new Map(items.map((item, i) => [keyOf(item), i]));
  const state = new Uint8Array(items.length); // 0 unvisited, 1 on the current walk, 2 done
  const cycles: number[] = [];
  for (let start = 0; start < items.length; start++) {
    const walk: number[] = [];
    let i: number | undefined = start;
    while (i !== undefined && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      const parent = parentOf(items[i]!);
      i = parent === null ? undefined : index.get(parent);
    }
    if (i !== undefined && state[i] === 1) cycles.push(Math.min(...walk.slice(walk.indexOf(i))));
    for (const w of walk) state[w] = 2;
  }
  return cycles.sort((a, b) => a - b);
}
