/** NIST AI RMF 1.0 core JSON (`seeds/nist-ai-rmf-1.0/ai-rmf-core.json`) → framework `nist-ai-rmf-1.0`. */
import { builtinFramework } from './builtin-frameworks.js';
import { keepFirstByRefId } from './keep-first-by-ref-id.js';
import type { CatalogFrameworkEntry, CatalogRequirement } from './types.js';
import { objectAt, optionalArrayAt, optionalString, stringAt } from './untyped-data.js';

export interface AiRmfResult {
  entry: CatalogFrameworkEntry;
  warnings: string[];
}

/**
 * Rules: functions → kind `function` (refId `GOVERN`, title `Govern`, no statement in the source);
 * categories → kind `category` (`GOVERN 1`); subcategories → kind `subcategory` (`GOVERN 1.1`).
 * NIST's ids are the refIds and, since NIST gives categories and subcategories no titles, also
 * their titles; statements are kept exactly as printed. An id that does not extend its parent's
 * id (`GOVERN 1` → `GOVERN 1.x`) is kept with a warning; a repeated id is dropped with a warning.
 * Structure errors throw with the JSON path.
 */
export function parseAiRmf(document: unknown): AiRmfResult {
  const warnings: string[] = [];
  const requirements: CatalogRequirement[] = [];
  const root = objectAt(document, '$');
  const versionInFile = optionalString(root.version);
  const framework = builtinFramework('nist-ai-rmf-1.0');
  if (versionInFile !== undefined && versionInFile !== framework.version) {
    warnings.push(`nist-ai-rmf-1.0: file says version "${versionInFile}", expected "${framework.version}"`);
  }
  optionalArrayAt(root.functions, '$.functions').forEach((fn, f) => {
    const path = `$.functions[${f}]`;
    const func = objectAt(fn, path);
    const id = stringAt(func.id, `${path}.id`);
    const title = optionalString(func.title)?.trim() || id;
    requirements.push(requirement(id, title, '', null, 'function', f));
    optionalArrayAt(func.categories, `${path}.categories`).forEach((cat, c) => {
      const catPath = `${path}.categories[${c}]`;
      const category = objectAt(cat, catPath);
      const categoryId = childId(category.id, `${catPath}.id`, id, ' ', warnings);
      const statement = stringAt(category.statement, `${catPath}.statement`).trim();
      requirements.push(requirement(categoryId, categoryId, statement, id, 'category', c));
      optionalArrayAt(category.subcategories, `${catPath}.subcategories`).forEach((sub, s) => {
        const subPath = `${catPath}.subcategories[${s}]`;
        const subcategory = objectAt(sub, subPath);
        const subId = childId(subcategory.id, `${subPath}.id`, categoryId, '.', warnings);
        const subStatement = stringAt(subcategory.statement, `${subPath}.statement`).trim();
        requirements.push(requirement(subId, subId, subStatement, categoryId, 'subcategory', s));
      });
    });
  });
  const unique = keepFirstByRefId(requirements, framework.refId, warnings);
  return { entry: { framework, requirements: unique, threats: [] }, warnings };
}

function childId(
  value: unknown,
  path: string,
  parentId: string,
  separator: string,
  warnings: string[],
): string {
  const id = stringAt(value, path).trim();
  if (!id.startsWith(parentId + separator)) {
    warnings.push(`nist-ai-rmf-1.0: ${path} "${id}" does not extend its parent "${parentId}"`);
  }
  return id;
}

function requirement(
  refId: string,
  title: string,
  statement: string,
  parentRefId: string | null,
  kind: string,
  sortOrder: number,
): CatalogRequirement {
  return { refId, sourceId: null, title, statement, parentRefId, kind, withdrawn: false, sortOrder };
}
