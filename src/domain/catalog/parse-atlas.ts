/**
 * MITRE ATLAS (`ATLAS.yaml`) → two frameworks: `mitre-atlas` (the mitigations, as requirements)
 * and `mitre-atlas-techniques` (the techniques, as threats addressed by those mitigations).
 */
import { builtinFramework } from './builtin-frameworks.js';
import { keepFirstByRefId } from './keep-first-by-ref-id.js';
import { orderParentsFirst } from './order-parents-first.js';
import { parseYamlText } from './read-yaml.js';
import type { CatalogBundle, CatalogRequirement, CatalogThreat, RequirementRef } from './types.js';
import {
  isObject,
  objectAt,
  optionalArrayAt,
  optionalString,
  stringAt,
  type UntypedObject,
} from './untyped-data.js';

export interface AtlasResult {
  bundle: CatalogBundle;
  warnings: string[];
}

const MITIGATIONS = 'mitre-atlas';
const TECHNIQUES = 'mitre-atlas-techniques';

/**
 * Rules: the first matrix's mitigations become requirements (refId `AML.M0000`, title = name,
 * statement = description, kind `mitigation`, document order); its techniques become threats
 * (sub-techniques get `parentRefId` from `subtechnique-of`, parents first). A technique is
 * addressed by every mitigation that lists it, each mitigation once, in mitigation order.
 * References to unknown techniques or parents are warned about, never silently dropped.
 * Framework version = the file's `version`.
 */
export function parseAtlas(yamlText: string): AtlasResult {
  const warnings: string[] = [];
  const root = objectAt(parseYamlText(yamlText, 'ATLAS.yaml', warnings), '$');
  const matrices = optionalArrayAt(root.matrices, '$.matrices');
  if (matrices.length === 0) throw new Error('ATLAS.yaml: $.matrices is empty; expected the ATLAS matrix');
  if (matrices.length > 1) warnings.push(`${MITIGATIONS}: only the first of ${matrices.length} matrices is read`);
  const matrix = objectAt(matrices[0], '$.matrices[0]');
  const mitigationPath = '$.matrices[0].mitigations';
  const mitigations = optionalArrayAt(matrix.mitigations, mitigationPath).map((m, i) =>
    objectAt(m, `${mitigationPath}[${i}]`),
  );
  const requirements = keepFirstByRefId(
    mitigations.map((m, i) => toMitigation(m, i, mitigationPath)),
    MITIGATIONS,
    warnings,
  );
  const threats = readTechniques(matrix, mitigations, warnings);
  const version = optionalString(root.version) ?? builtinFramework(MITIGATIONS).version;
  return {
    bundle: {
      frameworks: [
        { framework: { ...builtinFramework(MITIGATIONS), version }, requirements, threats: [] },
        { framework: { ...builtinFramework(TECHNIQUES), version }, requirements: [], threats },
      ],
      controls: [],
      mappings: [],
      links: [],
    },
    warnings,
  };
}

function toMitigation(mitigation: UntypedObject, index: number, path: string): CatalogRequirement {
  const refId = stringAt(mitigation.id, `${path}[${index}].id`).trim();
  return {
    refId,
    sourceId: null,
    title: stringAt(mitigation.name, `${path}[${index}].name`).trim(),
    statement: optionalString(mitigation.description)?.trim() ?? '',
    parentRefId: null,
    kind: 'mitigation',
    withdrawn: false,
    sortOrder: index,
  };
}

function readTechniques(
  matrix: UntypedObject,
  mitigations: readonly UntypedObject[],
  warnings: string[],
): CatalogThreat[] {
  const path = '$.matrices[0].techniques';
  const threats = optionalArrayAt(matrix.techniques, path).map((value, i): CatalogThreat => {
    const technique = objectAt(value, `${path}[${i}]`);
    return {
      refId: stringAt(technique.id, `${path}[${i}].id`).trim(),
      name: stringAt(technique.name, `${path}[${i}].name`).trim(),
      description: optionalString(technique.description)?.trim() ?? '',
      parentRefId: optionalString(technique['subtechnique-of'])?.trim() || null,
      addressedBy: [],
    };
  });
  const unique = keepFirstByRefId(threats, TECHNIQUES, warnings);
  const byRefId = new Map(unique.map((threat) => [threat.refId, threat]));
  for (const threat of unique) {
    if (threat.parentRefId !== null && !byRefId.has(threat.parentRefId)) {
      const parent = threat.parentRefId;
      warnings.push(`${TECHNIQUES}: ${threat.refId} is a sub-technique of unknown "${parent}"; kept top-level`);
      threat.parentRefId = null;
    }
  }
  addMitigationEdges(mitigations, byRefId, warnings);
  return orderParentsFirst(unique);
}

/** Fills `addressedBy` from each mitigation's `techniques: [{ id, use }]`, deduplicated. */
function addMitigationEdges(
  mitigations: readonly UntypedObject[],
  techniques: ReadonlyMap<string, CatalogThreat>,
  warnings: string[],
): void {
  mitigations.forEach((mitigation, index) => {
    const mitigationId = optionalString(mitigation.id)?.trim() ?? '';
    const path = `$.matrices[0].mitigations[${index}].techniques`;
    for (const entry of optionalArrayAt(mitigation.techniques, path)) {
      const techniqueId = isObject(entry) ? optionalString(entry.id)?.trim() : optionalString(entry)?.trim();
      const threat = techniqueId === undefined ? undefined : techniques.get(techniqueId);
      if (threat === undefined) {
        const shown = JSON.stringify(techniqueId ?? entry);
        warnings.push(`${MITIGATIONS}: ${mitigationId} lists unknown technique ${shown}`);
        continue;
      }
      const ref: RequirementRef = { frameworkRefId: MITIGATIONS, refId: mitigationId };
      if (!threat.addressedBy.some((existing) => existing.refId === mitigationId)) threat.addressedBy.push(ref);
    }
  });
}
