/**
 * BUNDLE: Crosswalk's native JSON bundle (src/domain/export/bundle-schema.ts) → the whole graph
 * with its history, written with the bundle's own instants and authors, so coverage on this instance
 * equals coverage on the instance that exported it, now and at every past instant.
 *
 * Rules:
 * - A bundle is restored whole or not at all. One that does not read as a version-1 bundle, or
 *   whose references do not resolve inside it, is refused (INVALID) naming the JSON paths.
 * - It is restored into an EMPTY instance (no framework, control, AI system or evidence; start it
 *   with `CROSSWALK_SEED=none`). Merging a history into another history cannot keep both exact,
 *   so an instance holding data is refused (INVALID) — except when it holds exactly what the
 *   bundle holds (a bundle imported twice, or re-imported into the instance that wrote it):
 *   then nothing changes and every count is `unchanged`. MERGE and REPLACE behave the same.
 * - Every row is written by the import's transaction (a dry run writes nothing); the audit trail
 *   records the import, and the restored rows keep their recorded authors.
 * - Restoring needs ADMIN (ImportService checks it): a bundle brings evidence, reviews, authors
 *   and instants recorded elsewhere. Evidence and reviews are marked restored (restoredBy,
 *   restoredFrom = {@link bundleSource}, restoredAt): their attribution is what the bundle claims.
 * - Provenance: a framework's `source` (the document its requirements came from) and a
 *   baseline's `profileRefId` are restored when the bundle has them (older bundles: none).
 *
 * The catalog loader's bundle is left empty: everything is written by one import step.
 */
import { controlFields, frameworkFields, requirementFields } from '../catalog/item-fields.js';
import { isObject } from '../catalog/untyped-data.js';
import { readBundle } from '../export/bundle-reader.js';
import { refusal, tallies } from './bundle-messages.js';
import { BUNDLE_FORMAT, bundleContent, bundleSchema, bundleSize, type Bundle } from '../export/bundle-schema.js';
import { buildBundle } from '../export/bundle-writer.js';
import { evidenceContent } from '../export/evidence-content.js';
import { emptyPlan, ImportDocumentError, type ImportFormatHandler, type ImportRequest, type ImportStepContext } from './types.js';
import type { RestoreInsert } from './bundle-restore-port.js';

export const bundleFormat: ImportFormatHandler = {
  format: 'BUNDLE',
  syntax: 'json',
  description: 'Crosswalk bundle (JSON): the whole graph with its history, restored into an empty instance',
  detect: (document) => document.syntax === 'json' && isObject(document.value) && document.value.format === BUNDLE_FORMAT,
  async read(document, request) {
    if (document.syntax !== 'json') throw new ImportDocumentError('', 'a Crosswalk bundle is a JSON file');
    const read = readBundle(document.value);
    if (!read.bundle) throw refusal(read.problems);
    const bundle = read.bundle;
    const plan = emptyPlan();
    const source = bundleSource(request);
    plan.steps.push({ label: 'restore the bundle', size: bundleSize(bundle), apply: (ctx) => restoreBundle(bundle, ctx, source) });
    return plan;
  },
};

/** How restored rows name their bundle: `sha256:<hex>` of the file, with its name when known. */
export function bundleSource(request: Pick<ImportRequest, 'sourceName' | 'sourceSha256'>): string {
  return `sha256:${request.sourceSha256}${request.sourceName ? ` (${request.sourceName})` : ''}`;
}

const at = (iso: string): Date => new Date(iso);
const atOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
const pair = (framework: string, refId: string) => `${framework}\u0000${refId}`;

/**
 * Inserts the items of a tree (requirements, threats: parent by refId in the same framework) in
 * bundle order, which is creation order. A parent inserted earlier is given at insert; one that
 * comes later (the item was re-parented) is set once every item is in. Returns the new row ids by
 * `pair(framework, refId)`.
 */
async function insertTree<T extends { framework: string; refId: string; parent: string | null }>(
  items: readonly T[],
  insert: (item: T, parentId: number | null) => Promise<number>,
  setParent: (id: number, parentId: number) => Promise<void>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const laterParents: [number, string][] = [];
  for (const item of items) {
    const parentKey = item.parent === null ? null : pair(item.framework, item.parent);
    const parentId = parentKey === null ? null : (ids.get(parentKey) ?? null);
    const id = await insert(item, parentId);
    ids.set(pair(item.framework, item.refId), id);
    if (parentKey !== null && parentId === null) laterParents.push([id, parentKey]);
  }
  for (const [id, parentKey] of laterParents) await setParent(id, ids.get(parentKey)!);
  return ids;
}

/** A retired link's or assignment's retirement (rule 10), as columns. */
const retirement = (row: { retiredAt?: string; retiredBy?: string }) =>
  row.retiredAt === undefined ? {} : { retiredAt: at(row.retiredAt), retiredBy: row.retiredBy ?? '' };

/** Writes the bundle into the import's transaction (see the rules at the top). */
export async function restoreBundle(b: Bundle, ctx: ImportStepContext, source: string): Promise<void> {
  const restored = { restoredBy: ctx.by, restoredFrom: source, restoredAt: ctx.now };
  const repo = ctx.writers.bundle; // the port: bundle-restore-port.ts
  const held = await repo.holdings();
  if (held.frameworks + held.controls + held.aiSystems + held.evidence > 0) {
    const current = bundleSchema.parse(buildBundle(await repo.readAllHere(), ctx.now));
    if (bundleContent(current) !== bundleContent(b)) {
      const holds = Object.entries(held)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${n} ${kind === 'aiSystems' ? 'AI systems' : kind}`)
        .join(', ');
      throw new ImportDocumentError(
        '',
        `a bundle is restored into an empty instance, and this one already holds ${holds}: merging two histories cannot keep both exact. ` +
          'Start a new instance on an empty data directory with CROSSWALK_SEED=none and import the bundle there',
      );
    }
    for (const [kind, n] of tallies(b)) if (n > 0) ctx.count(kind, 'unchanged', n);
    ctx.warn('', 'this instance already holds exactly what the bundle holds; nothing was changed');
    ctx.progress(bundleSize(b));
    return;
  }

  const tally = (kind: string, n = 1) => {
    if (n > 0) ctx.count(kind, 'created', n);
    ctx.progress(n);
  };

  const frameworkIds = new Map<string, number>();
  for (const f of b.frameworks) {
    const id = await repo.insertRow('frameworks', {
      refId: f.refId,
      ...frameworkFields(f),
      ...(f.source ? { sourceUuid: f.source.uuid, sourceTitle: f.source.title, sourceSha256: f.source.sha256, sourceMd5: f.source.md5 } : {}),
      createdAt: at(f.createdAt),
      updatedAt: at(f.updatedAt),
    });
    frameworkIds.set(f.refId, id);
    tally('frameworks');
  }
  const frameworkId = (refId: string) => frameworkIds.get(refId)!;

  const requirementIds = await insertTree(
    b.requirements,
    async (r, parentId) => {
      const id = await repo.insertRow('requirements', {
        frameworkId: frameworkId(r.framework),
        parentId,
        refId: r.refId,
        ...requirementFields(r),
        createdAt: at(r.createdAt),
        updatedAt: at(r.updatedAt),
      });
      tally('requirements');
      return id;
    },
    (id, parentId) => repo.setRequirementParent(id, parentId),
  );
  const requirementId = (framework: string, refId: string) => requirementIds.get(pair(framework, refId))!;
  // Rule 10: the structure versions the bundle carries replace the one the insert wrote.
  for (const r of b.requirements) {
    if (!r.history) continue;
    await repo.setRequirementVersions(
      requirementId(r.framework, r.refId),
      r.history.map((v) => ({
        frameworkId: frameworkId(r.framework),
        parentId: v.parent === null ? null : requirementId(r.framework, v.parent),
        withdrawn: v.withdrawn,
        validFrom: at(v.validFrom),
        validTo: v.validTo === null ? null : at(v.validTo),
      })),
    );
  }

  const threatLinks: RestoreInsert<'threatRequirements'>[] = [];
  await insertTree(
    b.threats,
    async (t, parentId) => {
      const id = await repo.insertRow('threats', {
        frameworkId: frameworkId(t.framework),
        parentId,
        refId: t.refId,
        name: t.name,
        description: t.description,
        createdAt: at(t.createdAt),
        updatedAt: at(t.updatedAt),
      });
      for (const a of t.addressedBy) {
        threatLinks.push({ threatId: id, requirementId: requirementId(a.framework, a.requirement), createdAt: at(a.createdAt), createdBy: a.createdBy, ...retirement(a) });
      }
      tally('threats');
      return id;
    },
    (id, parentId) => repo.setThreatParent(id, parentId),
  );
  await repo.insertRows('threatRequirements', threatLinks);
  tally('threatLinks', threatLinks.length);

  const aiSystemIds = new Map<string, number>();
  const systemFrameworks: RestoreInsert<'aiSystemFrameworks'>[] = [];
  for (const s of b.aiSystems) {
    const id = await repo.insertRow('aiSystems', {
      name: s.name,
      description: s.description,
      purpose: s.purpose,
      riskLevel: s.riskLevel,
      role: s.role,
      owner: s.owner,
      createdAt: at(s.createdAt),
      updatedAt: at(s.updatedAt),
    });
    aiSystemIds.set(s.name, id);
    for (const f of s.frameworks) {
      systemFrameworks.push({ aiSystemId: id, frameworkId: frameworkId(f.framework), createdAt: at(f.createdAt), createdBy: f.createdBy, ...retirement(f) });
    }
    tally('aiSystems');
  }
  await repo.insertRows('aiSystemFrameworks', systemFrameworks);
  tally('aiSystemFrameworks', systemFrameworks.length);
  const aiSystemId = (name: string | null) => (name === null ? null : aiSystemIds.get(name)!);

  // Child rows are gathered and inserted after their parents, each table in one batch, in the
  // same order (so with the same ids) as one insert per parent would give. A control's status
  // history and a mapping's revisions are written with it, by the writers the API uses.
  const controlIds = new Map<string, number>();
  const systemStatuses: RestoreInsert<'aiSystemControlStatuses'>[] = [];
  for (const c of b.controls) {
    const { id } = await ctx.writers.controls.insertWithHistory({
      control: { refId: c.refId, ...controlFields(c), createdAt: at(c.createdAt), updatedAt: at(c.updatedAt) },
      history: c.statusHistory.map((s) => ({
        aiSystemId: aiSystemId(s.aiSystem),
        fromStatus: s.from,
        toStatus: s.to,
        comment: s.comment,
        changedAt: at(s.changedAt),
        changedBy: s.changedBy,
      })),
    });
    controlIds.set(c.refId, id);
    systemStatuses.push(
      ...c.systemStatuses.map((s) => ({
        aiSystemId: aiSystemId(s.aiSystem)!,
        controlId: id,
        status: s.status,
        comment: s.comment,
        updatedAt: at(s.updatedAt),
        updatedBy: s.updatedBy,
      })),
    );
    tally('controls');
    tally('controlStatusChanges', c.statusHistory.length);
    tally('aiSystemControlStatuses', c.systemStatuses.length);
  }
  await repo.insertRows('aiSystemControlStatuses', systemStatuses);
  const controlId = (refId: string) => controlIds.get(refId)!;

  for (const m of b.mappings) {
    await ctx.writers.mappings.insertWithRevisions({
      mapping: {
        requirementId: requirementId(m.framework, m.requirement),
        controlId: controlId(m.control),
        relationship: m.relationship,
        strength: m.strength,
        rationale: m.rationale,
        createdAt: at(m.createdAt),
        createdBy: m.createdBy,
        updatedAt: at(m.updatedAt),
        retiredAt: atOrNull(m.retiredAt),
        retiredBy: m.retiredBy,
      },
      revisions: m.revisions.map((v) => ({
        relationship: v.relationship,
        strength: v.strength,
        rationale: v.rationale,
        validFrom: at(v.validFrom),
        changedBy: v.changedBy,
      })),
    });
    tally('mappings');
    tally('mappingRevisions', m.revisions.length);
  }

  await repo.insertRows('requirementLinks', 
    b.links.map((l) => ({
      sourceRequirementId: requirementId(l.source.framework, l.source.requirement),
      targetRequirementId: requirementId(l.target.framework, l.target.requirement),
      relationship: l.relationship,
      strength: l.strength,
      rationale: l.rationale,
      provenance: l.provenance,
      createdAt: at(l.createdAt),
      createdBy: l.createdBy,
      updatedAt: at(l.updatedAt),
      retiredAt: atOrNull(l.retiredAt),
      retiredBy: l.retiredBy,
    })),
  );
  tally('links', b.links.length);

  await repo.insertRows('notApplicableMarks', 
    b.notApplicable.map((n) => ({
      requirementId: requirementId(n.framework, n.requirement),
      aiSystemId: aiSystemId(n.aiSystem),
      justification: n.justification,
      createdAt: at(n.createdAt),
      createdBy: n.createdBy,
      retiredAt: atOrNull(n.retiredAt),
      retiredBy: n.retiredBy,
    })),
  );
  tally('notApplicableMarks', b.notApplicable.length);

  const evidenceControls: RestoreInsert<'evidenceControls'>[] = [];
  const reviews: RestoreInsert<'evidenceReviews'>[] = [];
  for (const e of b.evidence) {
    const id = await repo.insertRow('evidence', {
      ...evidenceContent(e),
      collectedAt: at(e.collectedAt),
      validUntil: atOrNull(e.validUntil),
      status: e.status,
      reviewedBy: e.reviewedBy,
      reviewedAt: atOrNull(e.reviewedAt),
      reviewComment: e.reviewComment,
      aiSystemId: aiSystemId(e.aiSystem),
      idempotencyKey: e.idempotencyKey,
      createdBy: e.createdBy,
      createdAt: at(e.createdAt),
      updatedAt: at(e.updatedAt),
      ...restored,
    });
    evidenceControls.push(...e.controls.map((c) => ({ evidenceId: id, controlId: controlId(c) })));
    reviews.push(...e.reviews.map((v) => ({ evidenceId: id, status: v.status, comment: v.comment, reviewedAt: at(v.reviewedAt), reviewedBy: v.reviewedBy, ...restored })));
    tally('evidence');
    ctx.progress(e.controls.length);
    tally('evidenceReviews', e.reviews.length);
  }
  await repo.insertRows('evidenceControls', evidenceControls);
  await repo.insertRows('evidenceReviews', reviews);

  const members: RestoreInsert<'baselineRequirements'>[] = [];
  const applications: RestoreInsert<'baselineApplications'>[] = [];
  for (const bl of b.baselines) {
    const id = await repo.insertRow('baselines', {
      refId: bl.refId,
      frameworkId: frameworkId(bl.framework),
      name: bl.name,
      description: bl.description,
      sourceNote: bl.sourceNote,
      profileRefId: bl.profileRefId ?? null,
      createdAt: at(bl.createdAt),
      updatedAt: at(bl.updatedAt),
    });
    members.push(
      ...bl.members.map((m) => ({
        baselineId: id,
        requirementId: requirementId(bl.framework, m.requirement),
        addedAt: at(m.addedAt),
        addedBy: m.addedBy,
        removedAt: atOrNull(m.removedAt),
        removedBy: m.removedBy,
      })),
    );
    applications.push(
      ...bl.applications.map((a) => ({
        baselineId: id,
        aiSystemId: aiSystemId(a.aiSystem),
        createdAt: at(a.createdAt),
        createdBy: a.createdBy,
        retiredAt: atOrNull(a.retiredAt),
        retiredBy: a.retiredBy,
      })),
    );
    tally('baselines');
    tally('baselineMembers', bl.members.length);
    tally('baselineApplications', bl.applications.length);
  }
  await repo.insertRows('baselineRequirements', members);
  await repo.insertRows('baselineApplications', applications);

  await repo.insertRows('coverageSnapshots', 
    b.coverageSnapshots.map((s) => ({
      frameworkId: frameworkId(s.framework),
      aiSystemId: aiSystemId(s.aiSystem),
      at: at(s.at),
      viaCrosswalks: s.viaCrosswalks,
      total: s.total,
      covered: s.covered,
      partial: s.partial,
      uncovered: s.uncovered,
      notApplicable: s.notApplicable,
      createdBy: s.createdBy,
    })),
  );
  tally('coverageSnapshots', b.coverageSnapshots.length);
}
