/**
 * Crosswalk's native JSON bundle, version 1: the whole graph with its history, for backup and
 * for moving to another instance. This file: its shape (the zod schema a read checks). Written
 * by bundle-writer.ts (rows in → document out, streamed), read by bundle-reader.ts (document in
 * → checked document).
 *
 * Shape (`format: "crosswalk-bundle"`, `version: 1`, every instant an ISO 8601 UTC string):
 * frameworks (with the document their requirements were imported from, `source`, when known),
 * requirements (parent by refId), threats (with the requirements addressing them),
 * AI systems (with the frameworks that apply to them), controls (with their whole status history,
 * per-system overrides included, and the current per-system statuses), mappings (with every
 * revision, retired ones included), crosswalk links (retired included), not-applicable marks
 * (created/retired), evidence metadata (with the controls it supports and every review; file
 * contents are not included, FILE evidence keeps its SHA-256), baselines (members and
 * applications with their history, and the profile they came from, `profileRefId`, when known)
 * and recorded coverage snapshots. `source` and `profileRefId` came later in version 1: a bundle
 * without them reads as before (nothing recorded).
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

export const BUNDLE_FORMAT = 'crosswalk-bundle';
export const BUNDLE_VERSION = 1;

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
  /** The document its requirements were last imported from (absent: none recorded; written only when one is). */
  source: z
    .strictObject({ uuid: z.string().nullable(), title: z.string().nullable(), sha256: z.string().nullable(), md5: z.string().nullable() })
    .optional(),
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
  /** The profile it was imported from (its baselineRefId); absent: none. */
  profileRefId: key.optional(),
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
export const BUNDLE_SECTIONS = [
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
