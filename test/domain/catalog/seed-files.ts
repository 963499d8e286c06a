/** Test helpers: read the shipped seed files and check the invariants every parser output keeps. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { BUILTIN_CATALOGS, type BuiltinCatalogResult } from '../../../src/domain/catalog/builtin-catalogs.js';
import type { CatalogFrameworkEntry } from '../../../src/domain/catalog/types.js';

/** Text of `seeds/<path>`, resolved relative to this file. */
export function readSeed(path: string): string {
  return readFileSync(new URL(`../../../seeds/${path}`, import.meta.url), 'utf8');
}

/** Parses one built-in catalog from the files it lists. */
export function parseBuiltin(id: string): BuiltinCatalogResult {
  const catalog = BUILTIN_CATALOGS.find((candidate) => candidate.id === id);
  if (catalog === undefined) throw new Error(`no built-in catalog "${id}"`);
  return catalog.parse(Object.fromEntries(catalog.files.map((path) => [path, readSeed(path)])));
}

/** The framework entry with the given refId from a parse result. */
export function frameworkOf(result: BuiltinCatalogResult, refId: string): CatalogFrameworkEntry {
  const entry = result.bundle.frameworks.find((candidate) => candidate.framework.refId === refId);
  if (entry === undefined) throw new Error(`no framework "${refId}"`);
  return entry;
}

/** refIds unique; every parent exists in the same framework and comes before its children. */
export function expectWellFormed(entry: CatalogFrameworkEntry): void {
  for (const items of [entry.requirements, entry.threats]) {
    const seen = new Set<string>();
    for (const item of items) {
      expect(seen.has(item.refId), `duplicate refId ${item.refId}`).toBe(false);
      if (item.parentRefId !== null) {
        expect(seen.has(item.parentRefId), `${item.refId}: parent ${item.parentRefId} missing or later`).toBe(true);
      }
      seen.add(item.refId);
    }
  }
}
