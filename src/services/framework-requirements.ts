/**
 * The requirements of each framework one import touches, read from the database once per
 * framework and shared by the format handler's lookup and the catalog loader.
 *
 * Rules:
 * - The first request for a framework starts its read and stores the pending read at once, so
 *   requests made while it runs share it (never one read per link).
 * - The loader replaces a framework's entry after writing its requirements (`replace`), so later
 *   lookups in the same import see the rows as written.
 * - An entry lives as long as the import (one cache per import, on its transaction).
 */
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { FrameworkRow, RequirementRow } from '../db/rows.js';
import { byIdIgnoringCase } from '../domain/catalog/case-only-ids.js';
import type { LookupRequirement } from '../domain/import/types.js';

export class FrameworkRequirements {
  readonly framework: FrameworkRow | undefined;
  readonly rows: readonly RequirementRow[];
  private refIndex?: Map<string, RequirementRow>;
  private sourceIndex?: Map<string, RequirementRow | null>;
  private foldedIndex?: Map<string, RequirementRow | null>;
  private lookupList?: LookupRequirement[];

  constructor(framework: FrameworkRow | undefined, rows: Iterable<RequirementRow>) {
    this.framework = framework;
    this.rows = [...rows];
  }

  get exists(): boolean {
    return this.framework !== undefined;
  }

  get byRefId(): Map<string, RequirementRow> {
    return (this.refIndex ??= new Map(this.rows.map((r) => [r.refId, r])));
  }

  /** sourceId → the one requirement holding it (null when several do: ambiguous). */
  get bySourceId(): Map<string, RequirementRow | null> {
    if (!this.sourceIndex) {
      this.sourceIndex = new Map();
      for (const r of this.rows) {
        if (r.sourceId === null) continue;
        this.sourceIndex.set(r.sourceId, this.sourceIndex.has(r.sourceId) ? null : r);
      }
    }
    return this.sourceIndex;
  }

  /** Lower-cased sourceId and refId → the one requirement holding it (null when several do; see case-only-ids.ts). */
  get byIdIgnoringCase(): Map<string, RequirementRow | null> {
    return (this.foldedIndex ??= byIdIgnoringCase(this.rows));
  }

  /** The rows as format handlers see them: in creation order (parents first), parents by refId. */
  get forLookup(): LookupRequirement[] {
    if (!this.lookupList) {
      const refIdOf = new Map(this.rows.map((r) => [r.id, r.refId]));
      this.lookupList = [...this.rows]
        .sort((a, b) => a.id - b.id)
        .map((r) => ({
          refId: r.refId,
          sourceId: r.sourceId,
          parentRefId: r.parentId === null ? null : (refIdOf.get(r.parentId) ?? null),
          kind: r.kind,
          withdrawn: r.withdrawn,
        }));
    }
    return this.lookupList;
  }
}

export class FrameworkRequirementCache {
  private readonly entries = new Map<string, Promise<FrameworkRequirements>>();

  constructor(private readonly repo: CatalogRepository) {}

  /** The framework (undefined when it does not exist) and its live requirements, read once. */
  get(frameworkRefId: string): Promise<FrameworkRequirements> {
    let entry = this.entries.get(frameworkRefId);
    if (!entry) {
      entry = this.read(frameworkRefId);
      this.entries.set(frameworkRefId, entry);
    }
    return entry;
  }

  /** After the loader wrote a framework's requirements: the rows as they now are. */
  replace(frameworkRefId: string, framework: FrameworkRow, rows: Iterable<RequirementRow>): void {
    this.entries.set(frameworkRefId, Promise.resolve(new FrameworkRequirements(framework, rows)));
  }

  private async read(frameworkRefId: string): Promise<FrameworkRequirements> {
    const framework = await this.repo.frameworkByRefId(frameworkRefId);
    return new FrameworkRequirements(framework, framework ? await this.repo.requirementsOf([framework.id]) : []);
  }
}
