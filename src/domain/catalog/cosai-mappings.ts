/**
 * CoSAI control `mappings` (external framework ids such as `MEASURE-2.3@1.0`, `AML.M0007@5.0.1`)
 * → requirement links into the built-in NIST AI RMF and MITRE ATLAS mitigation frameworks.
 */
import type { CatalogRequirementLink, RequirementRef } from './types.js';
import { isObject } from './untyped-data.js';

/** How the ids under one CoSAI framework key translate into a built-in framework. */
interface Translator {
  frameworkRefId: string;
  label: string;
  /** The refId in the target framework, or undefined when the id has an unexpected form. */
  refId(id: string): string | undefined;
}

/** CoSAI framework key → translator; keys missing here have no built-in counterpart. */
const TRANSLATORS = new Map<string, Translator>([
  [
    'nist-ai-rmf',
    {
      frameworkRefId: 'nist-ai-rmf-1.0',
      label: 'NIST AI RMF',
      refId: (id) => /^(GOVERN|MAP|MEASURE|MANAGE)-(\d+\.\d+)$/.exec(id)?.slice(1, 3).join(' '),
    },
  ],
  [
    'mitre-atlas',
    {
      frameworkRefId: 'mitre-atlas',
      label: 'MITRE ATLAS',
      refId: (id) => (/^AML\.M\d{4}$/.test(id) ? id : undefined),
    },
  ],
]);

export interface MappingSource {
  control: RequirementRef;
  /** The control's `mappings` value: `{ <framework key>: [<versioned id>, …] }`. */
  mappings: unknown;
  provenance: string;
}

/**
 * Rules: the `@version` suffix is stripped (and quoted in the rationale); AI RMF ids
 * `MEASURE-2.3` become `MEASURE 2.3` in `nist-ai-rmf-1.0`; ATLAS mitigation ids `AML.M0007` stay
 * as they are in `mitre-atlas`. Relationship INTERSECTS_WITH and strength null, because CoSAI
 * states no set relationship. Frameworks without a built-in counterpart (e.g. OWASP), ids of an
 * unexpected form and repeated pairs each produce a warning instead of a link.
 */
export function cosaiMappingLinks(
  source: MappingSource,
  warn: (message: string) => void,
): CatalogRequirementLink[] {
  if (source.mappings === undefined) return [];
  const where = `cosai-risk-map-controls: ${source.control.refId}`;
  if (!isObject(source.mappings)) {
    warn(`${where}: mappings is not an object; ignored`);
    return [];
  }
  const links: CatalogRequirementLink[] = [];
  for (const [key, ids] of Object.entries(source.mappings)) {
    const translator = TRANSLATORS.get(key);
    for (const versionedId of Array.isArray(ids) ? ids : [ids]) {
      if (typeof versionedId !== 'string') {
        warn(`${where}: ${key} mapping ${JSON.stringify(versionedId)} is not a string; not imported`);
        continue;
      }
      if (translator === undefined) {
        warn(`${where}: ${key} mapping "${versionedId}" not imported (no built-in framework for "${key}")`);
        continue;
      }
      const link = toLink(source, translator, versionedId);
      if (link === undefined) {
        warn(`${where}: ${key} mapping "${versionedId}" has an unexpected form; not imported`);
      } else if (links.some((earlier) => sameRef(earlier.target, link.target))) {
        warn(`${where}: ${key} mapping "${versionedId}" repeats an earlier one; imported once`);
      } else {
        links.push(link);
      }
    }
  }
  return links;
}

function sameRef(a: RequirementRef, b: RequirementRef): boolean {
  return a.frameworkRefId === b.frameworkRefId && a.refId === b.refId;
}

function toLink(
  source: MappingSource,
  translator: Translator,
  versionedId: string,
): CatalogRequirementLink | undefined {
  const [id = '', version] = versionedId.trim().split('@');
  const refId = translator.refId(id);
  if (refId === undefined) return undefined;
  const versionText = version ? ` ${version}` : '';
  return {
    source: source.control,
    target: { frameworkRefId: translator.frameworkRefId, refId },
    relationship: 'INTERSECTS_WITH',
    strength: null,
    rationale:
      `CoSAI's published Risk Map maps control ${source.control.refId} to ${translator.label}${versionText} ` +
      `${id} (controls.yaml mappings, "${versionedId}"). CoSAI states no set relationship, ` +
      'so INTERSECTS_WITH is assumed.',
    provenance: source.provenance,
  };
}
