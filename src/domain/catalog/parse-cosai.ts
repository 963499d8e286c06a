/**
 * CoSAI Risk Map (`controls.yaml`, `risks.yaml`) → `cosai-risk-map-controls` (categories and
 * controls as requirements), `cosai-risk-map-risks` (risks as threats) and requirement links
 * from the controls' external mappings.
 */
import { builtinFramework, COSAI_COMMIT } from './builtin-frameworks.js';
import { cosaiMappingLinks } from './cosai-mappings.js';
import { renderCosaiProse, type TokenResolver } from './cosai-prose.js';
import { keepFirstByRefId } from './keep-first-by-ref-id.js';
import { parseYamlText } from './read-yaml.js';
import type { CatalogBundle, CatalogRequirement, CatalogRequirementLink, CatalogThreat } from './types.js';
import {
  arrayOrEmpty,
  isObject,
  objectAt,
  optionalArrayAt,
  optionalString,
  stringAt,
  type UntypedObject,
} from './untyped-data.js';

export interface CosaiFiles {
  controlsYaml: string;
  risksYaml: string;
}

export interface CosaiResult {
  bundle: CatalogBundle;
  warnings: string[];
}

const CONTROLS = 'cosai-risk-map-controls';
const RISKS = 'cosai-risk-map-risks';
/** The value of a control's `risks` that means "every risk". */
const ALL_RISKS = 'all';

interface Entry {
  id: string;
  title: string;
  raw: UntypedObject;
}

/**
 * Rules: control categories become parent requirements (kind `category`), controls become leaf
 * requirements (kind `control`, statement = description) under their category; risks become
 * threats (description = long description, else short). A risk is addressed by every control
 * that lists it, plus every control whose `risks` is `all`, in control order. `{{controlX}}` and
 * `{{riskX}}` in prose become titles, `{{ref:id}}` the source's title. Unknown ids, and a risk's
 * own `controls` list disagreeing with the controls' lists, are warned about.
 */
export function parseCosai(files: CosaiFiles): CosaiResult {
  const warnings: string[] = [];
  const controlsDoc = objectAt(parseYamlText(files.controlsYaml, 'controls.yaml', warnings), 'controls.yaml $');
  const risksDoc = objectAt(parseYamlText(files.risksYaml, 'risks.yaml', warnings), 'risks.yaml $');
  const categories = readEntries(controlsDoc.categories, 'controls.yaml $.categories');
  const controls = readEntries(controlsDoc.controls, 'controls.yaml $.controls');
  const risks = readEntries(risksDoc.risks, 'risks.yaml $.risks');
  const titles = new Map([...controls, ...risks].map((entry) => [entry.id, entry.title]));
  const requirements = keepFirstByRefId(
    controlRequirements(categories, controls, titles, warnings),
    CONTROLS,
    warnings,
  );
  const addressedBy = controlsByRisk(controls, new Set(risks.map((risk) => risk.id)), warnings);
  const threats = keepFirstByRefId(
    risks.map((risk) => toThreat(risk, addressedBy.get(risk.id) ?? [], titles, warnings)),
    RISKS,
    warnings,
  );
  checkRiskSideLists(risks, controls, warnings);
  warnUnimportedRiskMappings(risks, warnings);
  return {
    bundle: {
      frameworks: [
        { framework: builtinFramework(CONTROLS), requirements, threats: [] },
        { framework: builtinFramework(RISKS), requirements: [], threats },
      ],
      controls: [],
      mappings: [],
      links: mappingLinks(controls, warnings),
    },
    warnings,
  };
}

function readEntries(value: unknown, path: string): Entry[] {
  return optionalArrayAt(value, path).map((item, i) => {
    const raw = objectAt(item, `${path}[${i}]`);
    const id = stringAt(raw.id, `${path}[${i}].id`).trim();
    return { id, title: optionalString(raw.title)?.trim() || id, raw };
  });
}

/** Categories first, then controls; a control with an unknown category is kept top-level. */
function controlRequirements(
  categories: readonly Entry[],
  controls: readonly Entry[],
  titles: ReadonlyMap<string, string>,
  warnings: string[],
): CatalogRequirement[] {
  const categoryIds = new Set(categories.map((category) => category.id));
  const siblings = new Map<string | null, number>();
  const nextSortOrder = (parent: string | null): number => {
    const order = siblings.get(parent) ?? 0;
    siblings.set(parent, order + 1);
    return order;
  };
  const requirement = (
    entry: Entry,
    statement: string,
    parentRefId: string | null,
    kind: string,
  ): CatalogRequirement => ({
    refId: entry.id,
    sourceId: null,
    title: entry.title,
    statement,
    parentRefId,
    kind,
    withdrawn: false,
    sortOrder: nextSortOrder(parentRefId),
  });
  const result = categories.map((category) => requirement(category, '', null, 'category'));
  for (const control of controls) {
    const category = optionalString(control.raw.category)?.trim() ?? null;
    if (category === null || !categoryIds.has(category)) {
      warnings.push(`${CONTROLS}: ${control.id} has unknown category ${JSON.stringify(category)}; kept top-level`);
    }
    const parent = category !== null && categoryIds.has(category) ? category : null;
    const warn = warnFor(CONTROLS, control.id, warnings);
    const statement = renderCosaiProse(control.raw.description, resolver(titles, control), warn);
    result.push(requirement(control, statement, parent, 'control'));
  }
  return result;
}

/** Risk id → controls addressing it: explicit `risks` lists plus every `risks: all` control. */
function controlsByRisk(
  controls: readonly Entry[],
  riskIds: ReadonlySet<string>,
  warnings: string[],
): Map<string, string[]> {
  const byRisk = new Map<string, string[]>([...riskIds].map((id) => [id, []]));
  for (const control of controls) {
    const listed = control.raw.risks;
    const targets = listed === ALL_RISKS ? [...riskIds] : explicitRisks(control, warnings);
    for (const riskId of targets) {
      const addressers = byRisk.get(riskId);
      if (addressers === undefined) warnings.push(`${CONTROLS}: ${control.id} lists unknown risk "${riskId}"`);
      else if (!addressers.includes(control.id)) addressers.push(control.id);
    }
  }
  return byRisk;
}

function explicitRisks(control: Entry, warnings: string[]): string[] {
  const listed = control.raw.risks;
  if (listed === undefined) return [];
  if (!Array.isArray(listed)) {
    warnings.push(`${CONTROLS}: ${control.id} has risks ${JSON.stringify(listed)}; expected a list or "${ALL_RISKS}"`);
    return [];
  }
  return listed.filter((risk): risk is string => {
    if (typeof risk !== 'string') {
      warnings.push(`${CONTROLS}: ${control.id} lists risk ${JSON.stringify(risk)}; ignored`);
    }
    return typeof risk === 'string';
  });
}

function toThreat(
  risk: Entry,
  addressedBy: readonly string[],
  titles: ReadonlyMap<string, string>,
  warnings: string[],
): CatalogThreat {
  const prose = risk.raw.longDescription ?? risk.raw.shortDescription;
  return {
    refId: risk.id,
    name: risk.title,
    description: renderCosaiProse(prose, resolver(titles, risk), warnFor(RISKS, risk.id, warnings)),
    parentRefId: null,
    addressedBy: addressedBy.map((refId) => ({ frameworkRefId: CONTROLS, refId })),
  };
}

/** Warns where a risk's own `controls` list disagrees with the controls' explicit `risks` lists. */
function checkRiskSideLists(risks: readonly Entry[], controls: readonly Entry[], warnings: string[]): void {
  const explicit = new Set<string>();
  for (const control of controls) {
    for (const riskId of arrayOrEmpty(control.raw.risks)) explicit.add(`${String(riskId)}|${control.id}`);
  }
  const riskSide = new Set<string>();
  for (const risk of risks) {
    for (const controlId of arrayOrEmpty(risk.raw.controls)) {
      riskSide.add(`${risk.id}|${String(controlId)}`);
      if (!explicit.has(`${risk.id}|${String(controlId)}`)) {
        warnings.push(`${RISKS}: ${risk.id} lists control ${String(controlId)}, which does not list it; not added`);
      }
    }
  }
  for (const pair of explicit) {
    const [riskId, controlId] = pair.split('|');
    if (!riskSide.has(pair)) {
      warnings.push(`${RISKS}: ${controlId} lists risk ${riskId}, but ${riskId} does not list it`);
    }
  }
}

/** Risk-side external mappings (ATLAS techniques, STRIDE, OWASP) have no place in a bundle. */
function warnUnimportedRiskMappings(risks: readonly Entry[], warnings: string[]): void {
  const counts = new Map<string, number>();
  for (const risk of risks) {
    if (!isObject(risk.raw.mappings)) continue;
    for (const [key, ids] of Object.entries(risk.raw.mappings)) {
      counts.set(key, (counts.get(key) ?? 0) + arrayOrEmpty(ids).length);
    }
  }
  if (counts.size === 0) return;
  const summary = [...counts].map(([key, count]) => `${key} ${count}`).join(', ');
  warnings.push(
    `${RISKS}: external mappings on risks not imported (a bundle has no threat-to-threat links): ${summary}`,
  );
}

function mappingLinks(controls: readonly Entry[], warnings: string[]): CatalogRequirementLink[] {
  const provenance = `cosai-risk-map controls.yaml@${COSAI_COMMIT}`;
  return controls.flatMap((control) =>
    cosaiMappingLinks(
      { control: { frameworkRefId: CONTROLS, refId: control.id }, mappings: control.raw.mappings, provenance },
      (message) => warnings.push(message),
    ),
  );
}

/** `{{controlX}}`/`{{riskX}}` → title; `{{ref:id}}` → the title of the entry's external reference. */
function resolver(titles: ReadonlyMap<string, string>, entry: Entry): TokenResolver {
  return (token) => {
    if (!token.startsWith('ref:')) return titles.get(token);
    const refId = token.slice('ref:'.length).trim();
    const references = arrayOrEmpty(entry.raw.externalReferences).filter(isObject);
    const reference = references.find((ref) => ref.id === refId);
    return reference === undefined ? undefined : optionalString(reference.title)?.trim();
  };
}

function warnFor(framework: string, refId: string, warnings: string[]): (message: string) => void {
  return (message) => warnings.push(`${framework}: ${refId}: ${message}`);
}
