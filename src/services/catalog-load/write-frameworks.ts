/**
 * Frameworks, their requirements and their threats: created, or updated field by field when the
 * bundle's text differs; nothing is deleted (REPLACE marks requirements withdrawn: replace.ts).
 * A framework's recorded source document is written when the bundle gives one.
 */
import { changedFields, isEmpty } from '../../domain/catalog/changes.js';
import { frameworkFields, requirementFields } from '../../domain/catalog/item-fields.js';
import type { CatalogFrameworkEntry } from '../../domain/catalog/types.js';
import { refText, type LoadState } from './load-state.js';

/** Writes the framework row of an entry; returns its id. */
export async function writeFramework(load: LoadState, entry: CatalogFrameworkEntry): Promise<number> {
  const repo = load.repos.catalog;
  const f = entry.framework;
  const source = entry.source;
  const fields = {
    ...frameworkFields(f),
    ...(source ? { sourceUuid: source.uuid, sourceTitle: source.title, sourceSha256: source.sha256, sourceMd5: source.md5 } : {}),
  };
  const current = await repo.frameworkByRefId(f.refId);
  if (!current) {
    const row = await repo.insertFramework({ refId: f.refId, ...fields, createdAt: load.now, updatedAt: load.now });
    load.report.frameworks.created++;
    return row.id;
  }
  const patch = changedFields(current, fields);
  if (isEmpty(patch)) load.report.frameworks.unchanged++;
  else {
    await repo.updateFramework(current.id, { ...patch, updatedAt: load.now });
    load.report.frameworks.updated++;
  }
  return current.id;
}

/** Writes an entry's requirements (parents before children), then refreshes the import's cache of them. */
export async function writeRequirements(load: LoadState, frameworkId: number, entry: CatalogFrameworkEntry, fi: number): Promise<void> {
  const repo = load.repos.catalog;
  const known = await load.cache.get(entry.framework.refId);
  const existing = new Map(known.rows.map((r) => [r.refId, r]));
  const touched = new Set<number>();
  const locations = load.options.locations?.requirements?.[fi];
  const seen = new Set<string>();
  for (const [i, r] of entry.requirements.entries()) {
    await load.tick();
    const location = locations?.[i] ?? `frameworks[${fi}].requirements[${i}]`;
    if (load.importing && seen.has(r.refId)) {
      load.reject(location, `"${r.refId}" appears more than once in the file`);
      continue;
    }
    seen.add(r.refId);
    const parentId = r.parentRefId === null ? null : (existing.get(r.parentRefId)?.id ?? undefined);
    if (parentId === undefined) {
      load.reject(location, `parent "${r.parentRefId}" of "${r.refId}" is not defined before it`);
      continue;
    }
    const fields = { parentId, ...requirementFields(r) };
    const current = existing.get(r.refId);
    if (!current) {
      const row = await repo.insertRequirement({ frameworkId, refId: r.refId, ...fields, createdAt: load.now, updatedAt: load.now });
      existing.set(row.refId, row);
      touched.add(row.id);
      load.report.requirements.created++;
      continue;
    }
    touched.add(current.id);
    const patch = changedFields(current, fields);
    if (isEmpty(patch)) load.report.requirements.unchanged++;
    else {
      await repo.updateRequirement(current.id, { ...patch, updatedAt: load.now });
      existing.set(r.refId, { ...current, ...patch });
      load.report.requirements.updated++;
    }
  }
  load.touched.requirements.set(entry.framework.refId, touched);
  const framework = known.framework ?? (await repo.frameworkByRefId(entry.framework.refId));
  if (framework?.id !== frameworkId) throw new Error(`framework ${entry.framework.refId} changed during the import`);
  load.cache.replace(entry.framework.refId, framework, existing.values());
}

/** Writes an entry's threats (parents first) and the requirements that address them. */
export async function writeThreats(load: LoadState, entry: CatalogFrameworkEntry, location: string): Promise<void> {
  const repo = load.repos.catalog;
  const framework = await repo.frameworkByRefId(entry.framework.refId);
  if (!framework) return;
  const existing = new Map((await repo.threatsOf(framework.id)).map((t) => [t.refId, t]));
  const pairs = await repo.threatRequirementPairs([...existing.values()].map((t) => t.id));
  for (const [i, t] of entry.threats.entries()) {
    await load.tick();
    const parentId = t.parentRefId === null ? null : (existing.get(t.parentRefId)?.id ?? undefined);
    if (parentId === undefined) {
      load.reject(`${location}.threats[${i}]`, `parent threat "${t.parentRefId}" not defined before "${t.refId}"`);
      continue;
    }
    const fields = { parentId, name: t.name, description: t.description };
    let row = existing.get(t.refId);
    if (!row) {
      row = await repo.insertThreat({ frameworkId: framework.id, refId: t.refId, ...fields, createdAt: load.now, updatedAt: load.now });
      existing.set(row.refId, row);
      load.report.threats.created++;
    } else {
      const patch = changedFields(row, fields);
      if (isEmpty(patch)) load.report.threats.unchanged++;
      else {
        await repo.updateThreat(row.id, { ...patch, updatedAt: load.now });
        load.report.threats.updated++;
      }
    }
    for (const [j, ref] of t.addressedBy.entries()) {
      const requirement = await load.index.resolve(ref, `${location}.threats[${i}].addressedBy[${j}]`);
      if (!requirement) {
        load.noteUnresolvedRequirement(ref);
        load.reject(`${location}.threats[${i}].addressedBy[${j}]`, `requirement ${refText(ref)} not found`);
        continue;
      }
      const key = `${row.id}:${requirement.id}`;
      if (pairs.has(key)) {
        load.report.threatLinks.unchanged++;
        continue;
      }
      pairs.add(key);
      await repo.insertThreatRequirement({ threatId: row.id, requirementId: requirement.id, createdAt: load.now, createdBy: load.by });
      load.report.threatLinks.created++;
    }
  }
}
