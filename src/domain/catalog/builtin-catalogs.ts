/**
 * The registry of built-in catalogs shipped in `seeds/`. Pure: the caller reads the listed files
 * (paths relative to `seeds/`) and passes their text to `parse`.
 */
import { BUILTIN_FRAMEWORKS } from './builtin-frameworks.js';
import { parseAiRmf } from './parse-ai-rmf.js';
import { parseAtlas } from './parse-atlas.js';
import { parseCosai } from './parse-cosai.js';
import { parseOscalCatalog } from './parse-oscal-catalog.js';
import type { CatalogBundle, CatalogFrameworkEntry } from './types.js';

export interface BuiltinCatalogResult {
  bundle: CatalogBundle;
  warnings: string[];
}

export interface BuiltinCatalog {
  id: string;
  title: string;
  /** Files `parse` needs, relative to `seeds/`. */
  files: readonly string[];
  /** `files` maps each listed path to that file's text. */
  parse(files: Readonly<Record<string, string>>): BuiltinCatalogResult;
}

const AI_RMF_CORE = 'nist-ai-rmf-1.0/ai-rmf-core.json';
const EU_AI_ACT_CATALOG = 'eu-ai-act-oscal/catalog.json';
const ATLAS_YAML = 'mitre-atlas/ATLAS.yaml';
const COSAI_CONTROLS = 'cosai-risk-map/controls.yaml';
const COSAI_RISKS = 'cosai-risk-map/risks.yaml';
const SP800_53_CATALOG = 'nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json';
const CSF_CATALOG = 'nist-csf-2.0/NIST_CSF_v2.0_catalog-min.json';

/**
 * In load order: a catalog whose links point into other catalogs comes after them (CoSAI links
 * into the AI RMF and ATLAS mitigations).
 */
export const BUILTIN_CATALOGS: readonly BuiltinCatalog[] = [
  {
    id: 'nist-ai-rmf-1.0',
    title: BUILTIN_FRAMEWORKS['nist-ai-rmf-1.0'].name,
    files: [AI_RMF_CORE],
    parse: (files) => single(parseAiRmf(readJson(files, AI_RMF_CORE, 'nist-ai-rmf-1.0'))),
  },
  {
    id: 'eu-ai-act',
    title: BUILTIN_FRAMEWORKS['eu-ai-act'].name,
    files: [EU_AI_ACT_CATALOG],
    parse: (files) =>
      single(parseOscalCatalog(readJson(files, EU_AI_ACT_CATALOG, 'eu-ai-act'), BUILTIN_FRAMEWORKS['eu-ai-act'])),
  },
  {
    id: 'mitre-atlas',
    title: 'MITRE ATLAS (mitigations and techniques)',
    files: [ATLAS_YAML],
    parse: (files) => parseAtlas(readText(files, ATLAS_YAML, 'mitre-atlas')),
  },
  {
    id: 'cosai-risk-map',
    title: 'CoSAI Risk Map (controls and risks)',
    files: [COSAI_CONTROLS, COSAI_RISKS],
    parse: (files) =>
      parseCosai({
        controlsYaml: readText(files, COSAI_CONTROLS, 'cosai-risk-map'),
        risksYaml: readText(files, COSAI_RISKS, 'cosai-risk-map'),
      }),
  },
  {
    id: 'nist-sp800-53-rev5',
    title: BUILTIN_FRAMEWORKS['nist-sp800-53-rev5'].name,
    files: [SP800_53_CATALOG],
    parse: (files) =>
      single(
        parseOscalCatalog(
          readJson(files, SP800_53_CATALOG, 'nist-sp800-53-rev5'),
          BUILTIN_FRAMEWORKS['nist-sp800-53-rev5'],
        ),
      ),
  },
  {
    id: 'nist-csf-2.0',
    title: BUILTIN_FRAMEWORKS['nist-csf-2.0'].name,
    files: [CSF_CATALOG],
    parse: (files) =>
      single(parseOscalCatalog(readJson(files, CSF_CATALOG, 'nist-csf-2.0'), BUILTIN_FRAMEWORKS['nist-csf-2.0'])),
  },
];

function single(result: { entry: CatalogFrameworkEntry; warnings: string[] }): BuiltinCatalogResult {
  const bundle: CatalogBundle = { frameworks: [result.entry], controls: [], mappings: [], links: [] };
  return { bundle, warnings: result.warnings };
}

function readText(files: Readonly<Record<string, string>>, path: string, catalogId: string): string {
  const text = files[path];
  if (text === undefined) {
    throw new Error(`Built-in catalog "${catalogId}" needs file seeds/${path}, which was not given`);
  }
  return text;
}

function readJson(files: Readonly<Record<string, string>>, path: string, catalogId: string): unknown {
  const text = readText(files, path, catalogId);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`seeds/${path}: invalid JSON: ${(error as Error).message}`);
  }
}
