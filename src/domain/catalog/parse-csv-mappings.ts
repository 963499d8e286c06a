/**
 * CSV mappings — the spreadsheet every GRC team keeps — → requirement-to-control mappings. Pure.
 *
 * Columns (header names are matched ignoring case, spaces, `_`, `-`, `.`):
 *   framework     the requirement's framework refId (optional when the import names a default framework)
 *   requirement   the requirement's refId (`AC-2(1)`, `GOVERN 1.1`) or its source id (`ac-2.1`)
 *   control       the control's refId (the control must exist: import CSV controls first)
 *   relationship  EQUAL, SUBSET_OF, SUPERSET_OF, INTERSECTS_WITH (any case; `-`/space for `_`);
 *                 the OSCAL words equal-to / equivalent-to / subset-of / superset-of /
 *                 intersects-with too; no-relationship rows are skipped with a warning
 *   strength      optional, a whole number from 1 to 10
 *   rationale     optional text
 * This is the file the CSV mappings export writes (same header, same order), so export → import
 * round-trips. A row that cannot be read is rejected naming its line; the others are imported.
 */
import { cell, columnOf, type CsvTable } from '../import/csv.js';
import { ImportDocumentError, WarningTally, type ImportRejection, type ImportWarning } from '../import/types.js';
import { readStrengthCell } from '../strength.js';
import { RELATIONSHIPS, type Relationship } from '../vocabulary.js';
import type { CatalogMapping } from './types.js';

export const CSV_MAPPING_COLUMNS = ['framework', 'requirement', 'control', 'relationship', 'strength', 'rationale'] as const;

/** The header names accepted for each column (import detection uses them too). */
export const CSV_MAPPING_ALIASES = {
  framework: ['framework', 'framework ref id', 'framework id', 'requirement framework'],
  requirement: ['requirement', 'requirement ref id', 'requirement id', 'requirementRef'],
  control: ['control', 'control ref id', 'control id', 'controlRef'],
  relationship: ['relationship', 'relation', 'mapping relationship'],
  strength: ['strength', 'confidence'],
  rationale: ['rationale', 'notes', 'comment', 'justification'],
};

export interface CsvMappingsResult {
  mappings: CatalogMapping[];
  /** `line N` of each mapping, parallel to `mappings`. */
  locations: string[];
  /** Frameworks named by the rows (for REPLACE). */
  frameworkRefIds: string[];
  rejected: ImportRejection[];
  warnings: ImportWarning[];
}

const OSCAL_WORDS = new Map<string, Relationship | null>([
  ['EQUAL_TO', 'EQUAL'],
  ['EQUIVALENT_TO', 'EQUAL'],
  ['EQUIVALENT', 'EQUAL'],
  ['SUBSET', 'SUBSET_OF'],
  ['SUPERSET', 'SUPERSET_OF'],
  ['INTERSECTS', 'INTERSECTS_WITH'],
  ['NO_RELATIONSHIP', null],
]);

/** A relationship cell → the relationship, null for no-relationship, undefined when unknown. */
export function readRelationshipCell(text: string): Relationship | null | undefined {
  const key = text.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((RELATIONSHIPS as readonly string[]).includes(key)) return key as Relationship;
  return OSCAL_WORDS.has(key) ? OSCAL_WORDS.get(key)! : undefined;
}

export function parseCsvMappings(table: CsvTable, defaultFrameworkRefId: string | null): CsvMappingsResult {
  const col = {
    framework: columnOf(table, CSV_MAPPING_ALIASES.framework),
    requirement: columnOf(table, CSV_MAPPING_ALIASES.requirement),
    control: columnOf(table, CSV_MAPPING_ALIASES.control),
    relationship: columnOf(table, CSV_MAPPING_ALIASES.relationship),
    strength: columnOf(table, CSV_MAPPING_ALIASES.strength),
    rationale: columnOf(table, CSV_MAPPING_ALIASES.rationale),
  };
  const missing = (['requirement', 'control', 'relationship'] as const).filter((name) => col[name] < 0);
  if (col.framework < 0 && defaultFrameworkRefId === null) missing.unshift('framework' as never);
  if (missing.length) {
    throw new ImportDocumentError(
      'line 1',
      `the header lacks the column(s) ${missing.join(', ')} (found: ${table.header.join(', ') || 'nothing'}); ` +
        `expected ${CSV_MAPPING_COLUMNS.join(',')}${col.framework < 0 ? ' (or give a framework for a file without a framework column)' : ''}`,
    );
  }
  const tally = new WarningTally();
  const rejected: ImportRejection[] = [];
  const mappings: CatalogMapping[] = [];
  const locations: string[] = [];
  const seen = new Map<string, { line: number; mapping: CatalogMapping }>();
  const frameworks = new Set<string>();
  for (const row of table.rows) {
    const location = `line ${row.line}`;
    const framework = cell(row, col.framework) || defaultFrameworkRefId || '';
    const requirement = cell(row, col.requirement);
    const control = cell(row, col.control);
    const relationshipText = cell(row, col.relationship);
    const problems: string[] = [];
    if (!framework) problems.push('the framework is empty (and no default framework was given)');
    if (!requirement) problems.push('the requirement is empty');
    if (!control) problems.push('the control is empty');
    const relationship = readRelationshipCell(relationshipText);
    if (relationship === undefined) {
      problems.push(
        relationshipText
          ? `relationship "${relationshipText}" is not one of ${RELATIONSHIPS.join(', ')} (or the OSCAL equal-to, equivalent-to, subset-of, superset-of, intersects-with)`
          : 'the relationship is empty',
      );
    }
    const strength = readStrengthCell(cell(row, col.strength), problems);
    if (problems.length) {
      rejected.push({ location, reason: problems.join('; ') });
      continue;
    }
    if (relationship === null) {
      tally.note('rows with relationship no-relationship are skipped (nothing to map)', location);
      continue;
    }
    const mapping: CatalogMapping = {
      requirement: { frameworkRefId: framework, refId: requirement },
      controlRefId: control,
      relationship: relationship!,
      strength,
      rationale: cell(row, col.rationale),
    };
    const key = JSON.stringify([framework, requirement, control]);
    const earlier = seen.get(key);
    if (earlier) {
      const same =
        earlier.mapping.relationship === mapping.relationship &&
        earlier.mapping.strength === mapping.strength &&
        earlier.mapping.rationale === mapping.rationale;
      if (same) tally.note('a row repeats an earlier row; the repeat is ignored', location);
      else rejected.push({ location, reason: `maps the same requirement and control as line ${earlier.line} differently; which one is meant is ambiguous` });
      continue;
    }
    seen.set(key, { line: row.line, mapping });
    frameworks.add(framework);
    mappings.push(mapping);
    locations.push(location);
  }
  return { mappings, locations, frameworkRefIds: [...frameworks], rejected, warnings: tally.warnings() };
}
