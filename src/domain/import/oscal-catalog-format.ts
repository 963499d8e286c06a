/** The OSCAL catalog import format (the parsing rules live in domain/catalog/parse-oscal-catalog.ts). */
import { parseOscalCatalog } from '../catalog/parse-oscal-catalog.js';
import type { CatalogFramework } from '../catalog/types.js';
import { isObject, optionalString } from '../catalog/untyped-data.js';
import type { FrameworkKind } from '../vocabulary.js';
import { refuseOtherSource } from './framework-source.js';
import { checkRefId, jsonRoot, sourceNote } from './oscal-shared.js';
import { emptyPlan, ImportDocumentError, type ImportFormatHandler } from './types.js';

/**
 * OSCAL catalog → one framework: groups → parent requirements, controls and enhancements →
 * requirements, statements with parameters rendered, withdrawn controls flagged (see
 * parse-oscal-catalog.ts). `frameworkRefId` is required: it names the framework the catalog is
 * written into. A new framework takes its name and version from the catalog's metadata (kind
 * STANDARD); an existing framework keeps its own name, kind, version and notes (change them with
 * frameworkUpdate) and gets its requirements created and updated. REPLACE marks the framework's
 * requirements the catalog no longer contains withdrawn.
 */
export const oscalCatalogFormat: ImportFormatHandler = {
  format: 'OSCAL_CATALOG',
  syntax: 'json',
  description: 'OSCAL catalog (JSON, XML or YAML, OSCAL 1.0 to 1.2) → a framework and its requirements',
  detect: (document) => jsonRoot(document, 'catalog'),
  async read(document, request, lookup) {
    if (document.syntax !== 'json') throw new ImportDocumentError('$', 'an OSCAL catalog is JSON');
    if (!request.frameworkRefId) {
      throw new ImportDocumentError('', 'give the refId of the framework the catalog is imported as (frameworkRefId, --framework)', 'frameworkRefId');
    }
    const refId = checkRefId(request.frameworkRefId, 'frameworkRefId');
    const value = document.value as { catalog?: { metadata?: Record<string, unknown>; uuid?: unknown } };
    const metadata = isObject(value.catalog?.metadata) ? value.catalog.metadata : {};
    const existing = await lookup.framework(refId);
    const title = optionalString(metadata.title)?.trim() || refId;
    const framework: CatalogFramework = existing
      ? { ...existing, kind: existing.kind as FrameworkKind }
      : {
          refId,
          name: title.slice(0, 500),
          version: optionalString(metadata.version) ?? '',
          kind: 'STANDARD',
          description: '',
          sourceNote: sourceNote(`Imported from the OSCAL catalog "${title}"`, {
            version: optionalString(metadata.version),
            oscalVersion: optionalString(metadata['oscal-version']),
            uuid: optionalString(value.catalog?.uuid),
            sha256: request.sourceSha256,
          }),
          licenseNote: '',
        };
    const source = { uuid: optionalString(value.catalog?.uuid)?.trim() || null, title, sha256: request.sourceSha256, md5: request.sourceMd5 };
    refuseOtherSource(existing, source, { refId, replaceSource: request.replaceSource, location: '$.catalog' });
    let parsed;
    try {
      parsed = parseOscalCatalog(document.value, framework);
    } catch (error) {
      const message = (error as Error).message;
      const match = /^(\$[^:]*): (.*)$/s.exec(message);
      throw new ImportDocumentError(match ? match[1]! : '$.catalog', match ? match[2]! : message);
    }
    const paths = catalogNodePaths(document.value);
    const pathByRefId = new Map(parsed.entry.requirements.map((r, i) => [r.refId, paths[i] ?? '$.catalog']));
    const plan = emptyPlan();
    plan.bundle.frameworks.push({ ...parsed.entry, source });
    plan.locations.frameworks = ['$.catalog'];
    plan.locations.requirements = [parsed.entry.requirements.map((r) => pathByRefId.get(r.refId)!)];
    plan.warnings = parsed.warnings.map((warning) => {
      const text = warning.startsWith(`${refId}: `) ? warning.slice(refId.length + 2) : warning;
      const subject = [...pathByRefId.keys()].find((id) => text.startsWith(`${id}: `));
      return { location: subject ? pathByRefId.get(subject)! : '$.catalog', message: text };
    });
    plan.replace.push({ kind: 'requirements', frameworkRefId: refId });
    return plan;
  },
};

/** JSON paths of the catalog's groups and controls in the order parseOscalCatalog lists them. */
function catalogNodePaths(document: unknown): string[] {
  const paths: string[] = [];
  const visit = (container: unknown, path: string, keys: readonly string[]): void => {
    if (!isObject(container)) return;
    for (const key of Object.keys(container).filter((k) => keys.includes(k))) {
      const children = container[key];
      if (!Array.isArray(children)) continue;
      children.forEach((child, i) => {
        const childPath = `${path}.${key}[${i}]`;
        paths.push(childPath);
        visit(child, childPath, key === 'groups' ? ['groups', 'controls'] : ['controls']);
      });
    }
  };
  if (isObject(document)) visit(document.catalog, '$.catalog', ['groups', 'controls']);
  return paths;
}
