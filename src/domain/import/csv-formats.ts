/** The CSV import formats: mappings (requirement → control), controls and crosswalk links (requirement → requirement). */
import { CSV_CONTROL_ALIASES, parseCsvControls } from '../catalog/parse-csv-controls.js';
import { CSV_LINK_ALIASES, parseCsvLinks } from '../catalog/parse-csv-links.js';
import { CSV_MAPPING_ALIASES, parseCsvMappings } from '../catalog/parse-csv-mappings.js';
import { cell, columnOf } from './csv.js';
import { emptyPlan, ImportDocumentError, type ImportDocument, type ImportFormatHandler } from './types.js';

const hasColumns = (document: ImportDocument, ...columns: (readonly string[])[]): boolean =>
  document.syntax === 'csv' && columns.every((aliases) => columnOf(document.table, aliases) >= 0);

/**
 * CSV mappings (see parse-csv-mappings.ts for the columns and rules). Requirements and controls
 * must exist; unknown ones are rejected naming the line and listed in `unresolved`. REPLACE
 * retires the live mappings of the frameworks named in the file that the file no longer contains.
 */
export const csvMappingsFormat: ImportFormatHandler = {
  format: 'CSV_MAPPINGS',
  syntax: 'csv',
  description: 'CSV mappings: framework, requirement, control, relationship, strength, rationale',
  detect: (document) =>
    hasColumns(document, CSV_MAPPING_ALIASES.requirement, CSV_MAPPING_ALIASES.control, CSV_MAPPING_ALIASES.relationship),
  async read(document, request) {
    if (document.syntax !== 'csv') throw new ImportDocumentError('', 'CSV mappings are a CSV file');
    const result = parseCsvMappings(document.table, request.frameworkRefId);
    const plan = emptyPlan();
    plan.bundle.mappings = result.mappings;
    plan.locations.mappings = result.locations;
    plan.rejected = result.rejected;
    plan.warnings = result.warnings;
    const frameworks = new Set(result.frameworkRefIds);
    if (request.frameworkRefId) frameworks.add(request.frameworkRefId);
    if (frameworks.size) plan.replace.push({ kind: 'mappings', frameworkRefIds: [...frameworks].sort() });
    return plan;
  },
};

/**
 * CSV controls (see parse-csv-controls.ts for the columns and rules). Creates and updates
 * controls; a status column is applied (recorded in each control's status history). Controls are
 * never retired: in REPLACE mode empty cells clear optional fields, nothing else changes.
 */
export const csvControlsFormat: ImportFormatHandler = {
  format: 'CSV_CONTROLS',
  syntax: 'csv',
  description: 'CSV controls: control, title, description, domain, type, status, owner',
  detect: (document) =>
    hasColumns(document, CSV_CONTROL_ALIASES.control, CSV_CONTROL_ALIASES.title) && !hasColumns(document, CSV_MAPPING_ALIASES.requirement),
  async read(document, request, lookup) {
    if (document.syntax !== 'csv') throw new ImportDocumentError('', 'CSV controls are a CSV file');
    const table = document.table;
    const column = columnOf(table, CSV_CONTROL_ALIASES.control);
    const refIds = column < 0 ? [] : [...new Set(table.rows.map((row) => cell(row, column)).filter(Boolean))];
    const existing = new Map((await lookup.controls(refIds)).map((c) => [c.refId, c]));
    const result = parseCsvControls(table, existing, request.mode);
    const plan = emptyPlan();
    plan.bundle.controls = result.controls;
    plan.locations.controls = result.locations;
    plan.rejected = result.rejected;
    plan.warnings = result.warnings;
    plan.applyControlStatus = result.hasStatus;
    return plan;
  },
};

/**
 * CSV crosswalk links (see parse-csv-links.ts for the columns and rules). Both requirements must
 * exist; unknown ones are rejected naming the line and listed in `unresolved`. REPLACE retires the
 * live links between each source and target framework pair named in the file that the file no
 * longer contains.
 */
export const csvLinksFormat: ImportFormatHandler = {
  format: 'CSV_LINKS',
  syntax: 'csv',
  description: 'CSV crosswalk links: source_framework, source_requirement, target_framework, target_requirement, relationship, strength, rationale, provenance',
  detect: (document) =>
    hasColumns(document, CSV_LINK_ALIASES.sourceRequirement, CSV_LINK_ALIASES.targetRequirement, CSV_LINK_ALIASES.relationship),
  async read(document, request) {
    if (document.syntax !== 'csv') throw new ImportDocumentError('', 'CSV links are a CSV file');
    const result = parseCsvLinks(document.table, request.frameworkRefId, request.targetFrameworkRefId);
    const plan = emptyPlan();
    plan.bundle.links = result.links;
    plan.locations.links = result.locations;
    plan.rejected = result.rejected;
    plan.warnings = result.warnings;
    for (const [sourceFrameworkRefId, targetFrameworkRefId] of result.pairs) plan.replace.push({ kind: 'links', sourceFrameworkRefId, targetFrameworkRefId });
    return plan;
  },
};
