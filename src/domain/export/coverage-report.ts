/**
 * The coverage report export: one row per evaluated requirement (leaves and rolled-up parents;
 * withdrawn requirements are never evaluated and are left out) with its status, gap reasons, the
 * controls reaching it with their state, and its subtree counts, for one scope at one instant.
 * Pure: the figures come from the coverage engine's evaluation (CoverageService), resolved to
 * natural keys by the export service; nothing here decides a status.
 *
 * Order: frameworks by refId (natural order, `AC-2` before `AC-10`), requirements depth-first in
 * framework order (sortOrder, then refId), so the file reads like the framework and is the same
 * on every instance holding the same graph.
 */
import type { ControlState, CoverageStatus, CoverageSummary, GapReasonCode, MappingKind } from '../coverage/index.js';
import { compactInstant, csvChunks, fileSafe, jsonDocument, MEDIA_TYPES, type CsvCell, type ExportDocument } from './document.js';
import { streamArray, streamObject, type StreamedObject } from './json-stream.js';

export const COVERAGE_REPORT_FORMAT = 'crosswalk-coverage-report';
export const COVERAGE_REPORT_VERSION = 1;

/** A requirement by natural key. */
export interface RequirementKey {
  framework: string;
  requirement: string;
}

/** A control reaching a requirement (a CoverageContribution with natural keys). */
export interface ReportContribution {
  control: string;
  title: string;
  state: ControlState;
  kind: MappingKind;
  inferred: boolean;
  /** From the requirement itself to the one whose (own or inherited) mapping applies. */
  path: RequirementKey[];
  /** The requirement holding the mapping row. */
  mappedRequirement: RequirementKey;
}

export interface ReportReason {
  code: GapReasonCode;
  /** refIds of the controls the reason names. */
  controls: string[];
}

export interface ReportRequirement {
  framework: string;
  refId: string;
  /** The source document's own id (OSCAL `ac-2.1`), when it differs. */
  sourceId: string | null;
  title: string;
  kind: string | null;
  parent: string | null;
  /** 0 for a top-level requirement. */
  depth: number;
  leaf: boolean;
  status: CoverageStatus;
  /** COVERED or PARTIAL only thanks to crosswalk inference. */
  inferred: boolean;
  /** The control whose contribution decides a COVERED or PARTIAL leaf. */
  decidedBy: string | null;
  reasons: ReportReason[];
  controls: ReportContribution[];
  summary: CoverageSummary;
}

export interface ReportFramework {
  refId: string;
  name: string;
  version: string;
  kind: string;
  status: CoverageStatus | null;
  summary: CoverageSummary;
  /** How many requirements `requirements` gives. */
  requirementCount: number;
  /** Its evaluated requirements in framework order, made as they are read (afresh on each call). */
  requirements: () => Iterable<ReportRequirement>;
}

/** Everything a coverage export shows: one evaluation, resolved to natural keys. */
export interface CoverageExport {
  /** When the document was produced (epoch ms). */
  generatedAt: number;
  /** The instant evaluated (epoch ms). */
  asOf: number;
  /** The AI system's name; null for the organisation. */
  aiSystem: string | null;
  viaCrosswalks: boolean;
  maxCrosswalkDepth: number;
  frameworks: ReportFramework[];
  /** Sum of the framework summaries. */
  totals: CoverageSummary;
}

export type CoverageReportFormat = 'CSV' | 'JSON';

/** `coverage-organisation-20260131T120000Z` / `coverage-<system>-…`. */
export function coverageFileStem(prefix: string, data: Pick<CoverageExport, 'aiSystem' | 'asOf'>): string {
  return `${prefix}-${data.aiSystem === null ? 'organisation' : fileSafe(data.aiSystem)}-${compactInstant(data.asOf)}`;
}

export const CSV_COVERAGE_COLUMNS = [
  'scope',
  'as_of',
  'framework',
  'requirement',
  'title',
  'parent',
  'leaf',
  'status',
  'inferred',
  'decided_by',
  'reasons',
  'controls',
  'total',
  'covered',
  'partial',
  'uncovered',
  'not_applicable',
  'coverage_ratio',
] as const;

/** `NO_MAPPING; CONTROL_NOT_IMPLEMENTED (IAM-01, LOG-01)`. */
export function reasonsText(reasons: readonly ReportReason[]): string {
  return reasons.map((r) => (r.controls.length ? `${r.code} (${r.controls.join(', ')})` : r.code)).join('; ');
}

/** `IAM-01: EFFECTIVE, FULL; LOG-01: EVIDENCE_MISSING, PARTIAL, inferred`. */
export function controlsText(controls: readonly ReportContribution[]): string {
  return controls.map((c) => `${c.control}: ${c.state}, ${c.kind}${c.inferred ? ', inferred' : ''}`).join('; ');
}

export function coverageReport(data: CoverageExport, format: CoverageReportFormat): ExportDocument {
  const stem = coverageFileStem('coverage', data);
  if (format === 'JSON') return { filename: `${stem}.json`, mediaType: MEDIA_TYPES.JSON, chunks: () => jsonDocument(coverageReportJson(data)) };
  return { filename: `${stem}.csv`, mediaType: MEDIA_TYPES.CSV, chunks: () => coverageReportCsv(data) };
}

/** The CSV report, one record per evaluated requirement, produced as it is written. */
export function coverageReportCsv(data: CoverageExport): Iterable<string> {
  return csvChunks(CSV_COVERAGE_COLUMNS, csvRecords(data));
}

function* csvRecords(data: CoverageExport): Generator<CsvCell[]> {
  const scope = data.aiSystem ?? 'organisation';
  const asOf = new Date(data.asOf).toISOString();
  for (const f of data.frameworks) {
    for (const r of f.requirements()) {
      yield [
        scope,
        asOf,
        r.framework,
        r.refId,
        r.title,
        r.parent,
        r.leaf,
        r.status,
        r.inferred,
        r.decidedBy,
        reasonsText(r.reasons),
        controlsText(r.controls),
        r.summary.total,
        r.summary.covered,
        r.summary.partial,
        r.summary.uncovered,
        r.summary.notApplicable,
        r.summary.coverageRatio,
      ];
    }
  }
}

/** The JSON report (json-stream.ts: the requirements are produced as they are written). */
export function coverageReportJson(data: CoverageExport): StreamedObject {
  return streamObject({
    format: COVERAGE_REPORT_FORMAT,
    version: COVERAGE_REPORT_VERSION,
    generatedAt: new Date(data.generatedAt).toISOString(),
    asOf: new Date(data.asOf).toISOString(),
    scope: { aiSystem: data.aiSystem },
    viaCrosswalks: data.viaCrosswalks,
    maxCrosswalkDepth: data.maxCrosswalkDepth,
    totals: data.totals,
    frameworks: data.frameworks.map((f) => ({
      refId: f.refId,
      name: f.name,
      version: f.version,
      kind: f.kind,
      status: f.status,
      summary: f.summary,
    })),
    requirements: streamArray(() => jsonRequirements(data)),
  });
}

function* jsonRequirements(data: CoverageExport): Generator<Record<string, unknown>> {
  for (const f of data.frameworks) {
    for (const r of f.requirements()) {
      yield {
        framework: r.framework,
        requirement: r.refId,
        sourceId: r.sourceId,
        title: r.title,
        kind: r.kind,
        parent: r.parent,
        depth: r.depth,
        leaf: r.leaf,
        status: r.status,
        inferred: r.inferred,
        decidedBy: r.decidedBy,
        reasons: r.reasons,
        controls: r.controls,
        summary: r.summary,
      };
    }
  }
}
