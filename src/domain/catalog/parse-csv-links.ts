/**
 * CSV crosswalk links (requirement → requirement in another framework) → requirement links. Pure.
 *
 * Columns (header names matched ignoring case, spaces, `_`, `-`, `.`):
 *   source framework     the source requirement's framework refId (optional when the import names `frameworkRefId`)
 *   source requirement   the source requirement's refId or source id                          required
 *   target framework     the target requirement's framework refId (optional when the import names `targetFrameworkRefId`)
 *   target requirement   the target requirement's refId or source id                          required
 *   relationship         EQUAL, SUBSET_OF, SUPERSET_OF, INTERSECTS_WITH (as in CSV mappings; no-relationship rows are skipped)
 *   strength             optional, a whole number from 1 to 10
 *   rationale            optional text
 *   provenance           optional text: where the link comes from
 * This is the file `linksExport` writes (same header, same order), so export → import round-trips.
 * Both requirements must exist (unknown ones are rejected by the loader, naming the line).
 */
import { cell, columnOf, type CsvTable } from '../import/csv.js';
import { ImportDocumentError, WarningTally, type ImportRejection, type ImportWarning } from '../import/types.js';
import { readStrengthCell } from '../strength.js';
import { RELATIONSHIPS } from '../vocabulary.js';
import { readRelationshipCell } from './parse-csv-mappings.js';
import type { CatalogRequirementLink } from './types.js';

export const CSV_LINK_COLUMNS = [
  'source_framework',
  'source_requirement',
  'target_framework',
  'target_requirement',
  'relationship',
  'strength',
  'rationale',
  'provenance',
] as const;

/** The header names accepted for each column (import detection uses them too). */
export const CSV_LINK_ALIASES = {
  sourceFramework: ['source framework', 'source framework ref id', 'from framework'],
  sourceRequirement: ['source requirement', 'source requirement ref id', 'source', 'from requirement'],
  targetFramework: ['target framework', 'target framework ref id', 'to framework'],
  targetRequirement: ['target requirement', 'target requirement ref id', 'target', 'to requirement'],
  relationship: ['relationship', 'relation'],
  strength: ['strength', 'confidence'],
  rationale: ['rationale', 'notes', 'comment', 'justification'],
  provenance: ['provenance', 'origin'],
};

export interface CsvLinksResult {
  links: CatalogRequirementLink[];
  /** `line N` of each link, parallel to `links`. */
  locations: string[];
  /** The distinct [source framework, target framework] pairs of the rows (for REPLACE). */
  pairs: [string, string][];
  rejected: ImportRejection[];
  warnings: ImportWarning[];
}

export function parseCsvLinks(table: CsvTable, defaultSource: string | null, defaultTarget: string | null): CsvLinksResult {
  const col = Object.fromEntries(Object.entries(CSV_LINK_ALIASES).map(([k, aliases]) => [k, columnOf(table, aliases)])) as Record<keyof typeof CSV_LINK_ALIASES, number>;
  const missing: string[] = [];
  if (col.sourceFramework < 0 && defaultSource === null) missing.push('source_framework');
  if (col.sourceRequirement < 0) missing.push('source_requirement');
  if (col.targetFramework < 0 && defaultTarget === null) missing.push('target_framework');
  if (col.targetRequirement < 0) missing.push('target_requirement');
  if (col.relationship < 0) missing.push('relationship');
  if (missing.length) {
    throw new ImportDocumentError(
      'line 1',
      `the header lacks the column(s) ${missing.join(', ')} (found: ${table.header.join(', ') || 'nothing'}); expected ${CSV_LINK_COLUMNS.join(',')}` +
        ' (a file without framework columns needs frameworkRefId and targetFrameworkRefId)',
    );
  }
  const tally = new WarningTally();
  const rejected: ImportRejection[] = [];
  const links: CatalogRequirementLink[] = [];
  const locations: string[] = [];
  const seen = new Map<string, { line: number; link: CatalogRequirementLink }>();
  const pairs = new Map<string, [string, string]>();
  for (const row of table.rows) {
    const location = `line ${row.line}`;
    const sourceFramework = cell(row, col.sourceFramework) || defaultSource || '';
    const targetFramework = cell(row, col.targetFramework) || defaultTarget || '';
    const source = cell(row, col.sourceRequirement);
    const target = cell(row, col.targetRequirement);
    const relationshipText = cell(row, col.relationship);
    const problems: string[] = [];
    if (!sourceFramework) problems.push('the source framework is empty');
    if (!source) problems.push('the source requirement is empty');
    if (!targetFramework) problems.push('the target framework is empty');
    if (!target) problems.push('the target requirement is empty');
    if (sourceFramework && sourceFramework === targetFramework) problems.push(`source and target are both in framework "${sourceFramework}"; links join two frameworks`);
    const relationship = readRelationshipCell(relationshipText);
    if (relationship === undefined) {
      problems.push(relationshipText ? `relationship "${relationshipText}" is not one of ${RELATIONSHIPS.join(', ')}` : 'the relationship is empty');
    }
    const strength = readStrengthCell(cell(row, col.strength), problems);
    if (problems.length) {
      rejected.push({ location, reason: problems.join('; ') });
      continue;
    }
    if (relationship === null) {
      tally.note('rows with relationship no-relationship are skipped (nothing to link)', location);
      continue;
    }
    const link: CatalogRequirementLink = {
      source: { frameworkRefId: sourceFramework, refId: source },
      target: { frameworkRefId: targetFramework, refId: target },
      relationship: relationship!,
      strength,
      rationale: cell(row, col.rationale),
      provenance: cell(row, col.provenance),
    };
    const key = JSON.stringify([sourceFramework, source, targetFramework, target]);
    const earlier = seen.get(key);
    if (earlier) {
      const l = earlier.link;
      const same = l.relationship === link.relationship && l.strength === link.strength && l.rationale === link.rationale && l.provenance === link.provenance;
      if (same) tally.note('a row repeats an earlier row; the repeat is ignored', location);
      else rejected.push({ location, reason: `links the same requirements as line ${earlier.line} differently; which one is meant is ambiguous` });
      continue;
    }
    seen.set(key, { line: row.line, link });
    pairs.set(JSON.stringify([sourceFramework, targetFramework]), [sourceFramework, targetFramework]);
    links.push(link);
    locations.push(location);
  }
  return { links, locations, pairs: [...pairs.values()], rejected, warnings: tally.warnings() };
}
