/**
 * Writes a CatalogBundle into the graph in one transaction, matching existing rows by refId.
 *
 * Rules (they make loading idempotent: loading the same bundle twice changes nothing):
 * - Frameworks, requirements and threats are created, or updated field by field when the
 *   bundle's text differs; nothing is deleted.
 * - Controls are created with the bundle's status; an existing control keeps its status (the
 *   organisation owns it) and gets only descriptive fields updated.
 * - Mappings, crosswalk links and threat links are created only when the pair never existed:
 *   one the organisation retired is not brought back.
 * - References that resolve to nothing are reported in `rejected`, never silently dropped.
 */
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { RequirementRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { changedFields, isEmpty, zeroCounts, type LoadCounts } from '../domain/catalog/changes.js';
import type { CatalogBundle, CatalogFrameworkEntry, RequirementRef } from '../domain/catalog/types.js';
import { ok, type Result } from '../domain/errors.js';
import type { MutationRunner } from './mutation-runner.js';

export interface CatalogLoadReport {
  frameworks: LoadCounts;
  requirements: LoadCounts;
  controls: LoadCounts;
  mappings: LoadCounts;
  links: LoadCounts;
  threats: LoadCounts;
  threatLinks: LoadCounts;
  /** Items that could not be loaded, each with where it is in the bundle and why. */
  rejected: { location: string; reason: string }[];
}

export class CatalogLoader {
  constructor(private readonly runner: MutationRunner) {}

  load(actor: Actor, bundle: CatalogBundle): Promise<Result<CatalogLoadReport>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) =>
      ok(await this.write(repos.catalog, bundle, actorLabel(actor), now)),
    );
  }

  private async write(repo: CatalogRepository, bundle: CatalogBundle, by: string, now: Date): Promise<CatalogLoadReport> {
    const report: CatalogLoadReport = {
      frameworks: zeroCounts(),
      requirements: zeroCounts(),
      controls: zeroCounts(),
      mappings: zeroCounts(),
      links: zeroCounts(),
      threats: zeroCounts(),
      threatLinks: zeroCounts(),
      rejected: [],
    };
    const index = new RequirementIndex(repo);

    for (const [i, entry] of bundle.frameworks.entries()) {
      const frameworkId = await this.writeFramework(repo, entry, by, now, report);
      await this.writeRequirements(repo, frameworkId, entry, `frameworks[${i}]`, now, report, index);
    }

    const controlIds = await this.writeControls(repo, bundle, by, now, report);

    const existingMappings = await repo.mappingPairs([...controlIds.values()]);
    for (const [i, m] of bundle.mappings.entries()) {
      const requirement = await index.resolve(m.requirement);
      const controlId = controlIds.get(m.controlRefId);
      if (!requirement || controlId === undefined) {
        report.rejected.push({ location: `mappings[${i}]`, reason: unresolved(m.requirement, requirement, m.controlRefId, controlId) });
        continue;
      }
      const key = `${requirement.id}:${controlId}`;
      if (existingMappings.has(key)) {
        report.mappings.unchanged++;
        continue;
      }
      existingMappings.add(key);
      await repo.insertMapping({
        requirementId: requirement.id,
        controlId,
        relationship: m.relationship,
        strength: m.strength,
        rationale: m.rationale,
        createdAt: now,
        createdBy: by,
        updatedAt: now,
      });
      report.mappings.created++;
    }

    const linkSources = await Promise.all(bundle.links.map((l) => index.resolve(l.source)));
    const existingLinks = await repo.linkPairs(linkSources.flatMap((r) => (r ? [r.id] : [])));
    for (const [i, link] of bundle.links.entries()) {
      const source = linkSources[i];
      const target = await index.resolve(link.target);
      if (!source || !target) {
        const missing = !source ? link.source : link.target;
        report.rejected.push({ location: `links[${i}]`, reason: `requirement ${refText(missing)} not found` });
        continue;
      }
      const key = `${source.id}:${target.id}`;
      if (existingLinks.has(key)) {
        report.links.unchanged++;
        continue;
      }
      existingLinks.add(key);
      await repo.insertLink({
        sourceRequirementId: source.id,
        targetRequirementId: target.id,
        relationship: link.relationship,
        strength: link.strength,
        rationale: link.rationale,
        provenance: link.provenance,
        createdAt: now,
        createdBy: by,
        updatedAt: now,
      });
      report.links.created++;
    }

    for (const [i, entry] of bundle.frameworks.entries()) {
      if (entry.threats.length === 0) continue;
      await this.writeThreats(repo, entry, `frameworks[${i}]`, by, now, report, index);
    }
    return report;
  }

  private async writeFramework(
    repo: CatalogRepository,
    entry: CatalogFrameworkEntry,
    _by: string,
    now: Date,
    report: CatalogLoadReport,
  ): Promise<number> {
    const f = entry.framework;
    const fields = {
      name: f.name,
      version: f.version,
      kind: f.kind,
      description: f.description,
      sourceNote: f.sourceNote,
      licenseNote: f.licenseNote,
    };
    const current = await repo.frameworkByRefId(f.refId);
    if (!current) {
      const row = await repo.insertFramework({ refId: f.refId, ...fields, createdAt: now, updatedAt: now });
      report.frameworks.created++;
      return row.id;
    }
    const patch = changedFields(current, fields);
    if (isEmpty(patch)) report.frameworks.unchanged++;
    else {
      await repo.updateFramework(current.id, { ...patch, updatedAt: now });
      report.frameworks.updated++;
    }
    return current.id;
  }

  private async writeRequirements(
    repo: CatalogRepository,
    frameworkId: number,
    entry: CatalogFrameworkEntry,
    location: string,
    now: Date,
    report: CatalogLoadReport,
    index: RequirementIndex,
  ): Promise<void> {
    const existing = new Map((await repo.requirementsOf([frameworkId])).map((r) => [r.refId, r]));
    for (const [i, r] of entry.requirements.entries()) {
      const parentId = r.parentRefId === null ? null : (existing.get(r.parentRefId)?.id ?? undefined);
      if (parentId === undefined) {
        report.rejected.push({
          location: `${location}.requirements[${i}]`,
          reason: `parent "${r.parentRefId}" of "${r.refId}" is not defined before it`,
        });
        continue;
      }
      const fields = {
        parentId,
        sourceId: r.sourceId,
        title: r.title,
        statement: r.statement,
        kind: r.kind,
        withdrawn: r.withdrawn,
        sortOrder: r.sortOrder,
      };
      const current = existing.get(r.refId);
      if (!current) {
        const row = await repo.insertRequirement({ frameworkId, refId: r.refId, ...fields, createdAt: now, updatedAt: now });
        existing.set(row.refId, row);
        report.requirements.created++;
        continue;
      }
      const patch = changedFields(current, fields);
      if (isEmpty(patch)) report.requirements.unchanged++;
      else {
        await repo.updateRequirement(current.id, { ...patch, updatedAt: now });
        existing.set(r.refId, { ...current, ...patch });
        report.requirements.updated++;
      }
    }
    index.add(entry.framework.refId, existing.values());
  }

  private async writeControls(
    repo: CatalogRepository,
    bundle: CatalogBundle,
    by: string,
    now: Date,
    report: CatalogLoadReport,
  ): Promise<Map<string, number>> {
    const referenced = new Set([...bundle.controls.map((c) => c.refId), ...bundle.mappings.map((m) => m.controlRefId)]);
    const ids = new Map((await repo.controlsByRefIds([...referenced])).map((c) => [c.refId, c]));
    for (const c of bundle.controls) {
      const fields = { title: c.title, description: c.description, domain: c.domain, type: c.type, owner: c.owner };
      const current = ids.get(c.refId);
      if (!current) {
        const row = await repo.insertControl(
          { refId: c.refId, ...fields, implementationStatus: c.implementationStatus, createdAt: now, updatedAt: now },
          by,
        );
        ids.set(row.refId, row);
        report.controls.created++;
        continue;
      }
      const patch = changedFields(current, fields);
      if (isEmpty(patch)) report.controls.unchanged++;
      else {
        await repo.updateControl(current.id, { ...patch, updatedAt: now });
        report.controls.updated++;
      }
    }
    return new Map([...ids.values()].map((c) => [c.refId, c.id]));
  }

  private async writeThreats(
    repo: CatalogRepository,
    entry: CatalogFrameworkEntry,
    location: string,
    by: string,
    now: Date,
    report: CatalogLoadReport,
    index: RequirementIndex,
  ): Promise<void> {
    const framework = await repo.frameworkByRefId(entry.framework.refId);
    if (!framework) return;
    const existing = new Map((await repo.threatsOf(framework.id)).map((t) => [t.refId, t]));
    const pairs = await repo.threatRequirementPairs([...existing.values()].map((t) => t.id));
    for (const [i, t] of entry.threats.entries()) {
      const parentId = t.parentRefId === null ? null : (existing.get(t.parentRefId)?.id ?? undefined);
      if (parentId === undefined) {
        report.rejected.push({ location: `${location}.threats[${i}]`, reason: `parent threat "${t.parentRefId}" not defined before "${t.refId}"` });
        continue;
      }
      const fields = { parentId, name: t.name, description: t.description };
      let row = existing.get(t.refId);
      if (!row) {
        row = await repo.insertThreat({ frameworkId: framework.id, refId: t.refId, ...fields, createdAt: now, updatedAt: now });
        existing.set(row.refId, row);
        report.threats.created++;
      } else {
        const patch = changedFields(row, fields);
        if (isEmpty(patch)) report.threats.unchanged++;
        else {
          await repo.updateThreat(row.id, { ...patch, updatedAt: now });
          report.threats.updated++;
        }
      }
      for (const [j, ref] of t.addressedBy.entries()) {
        const requirement = await index.resolve(ref);
        if (!requirement) {
          report.rejected.push({ location: `${location}.threats[${i}].addressedBy[${j}]`, reason: `requirement ${refText(ref)} not found` });
          continue;
        }
        const key = `${row.id}:${requirement.id}`;
        if (pairs.has(key)) {
          report.threatLinks.unchanged++;
          continue;
        }
        pairs.add(key);
        await repo.insertThreatRequirement({ threatId: row.id, requirementId: requirement.id, createdAt: now, createdBy: by });
        report.threatLinks.created++;
      }
    }
  }
}

/** Resolves (frameworkRefId, refId) to requirement rows, loading each framework once. */
class RequirementIndex {
  private readonly byFramework = new Map<string, Map<string, RequirementRow>>();

  constructor(private readonly repo: CatalogRepository) {}

  add(frameworkRefId: string, rows: Iterable<RequirementRow>): void {
    this.byFramework.set(frameworkRefId, new Map([...rows].map((r) => [r.refId, r])));
  }

  async resolve(ref: RequirementRef): Promise<RequirementRow | undefined> {
    let rows = this.byFramework.get(ref.frameworkRefId);
    if (!rows) {
      const framework = await this.repo.frameworkByRefId(ref.frameworkRefId);
      this.add(ref.frameworkRefId, framework ? await this.repo.requirementsOf([framework.id]) : []);
      rows = this.byFramework.get(ref.frameworkRefId)!;
    }
    return rows.get(ref.refId);
  }
}

const refText = (ref: RequirementRef) => `"${ref.refId}" in framework "${ref.frameworkRefId}"`;

function unresolved(ref: RequirementRef, requirement: unknown, controlRefId: string, controlId: unknown): string {
  if (!requirement) return `requirement ${refText(ref)} not found`;
  return controlId === undefined ? `control "${controlRefId}" not found` : 'unresolved reference';
}
