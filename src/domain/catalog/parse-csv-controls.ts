/**
 * CSV controls → the organisation's security controls. Pure (existing controls are passed in).
 *
 * Columns (header names matched ignoring case, spaces, `_`, `-`, `.`):
 *   control       the control's refId (unique key; also `ref id`, `id`)      required
 *   title         required for a new control
 *   description, domain, owner                                               optional
 *   type          PREVENTIVE, DETECTIVE or CORRECTIVE (any case)            optional, new controls default to PREVENTIVE (with a warning)
 *   status        NOT_IMPLEMENTED, PLANNED, IN_PROGRESS, IMPLEMENTED, NOT_APPLICABLE (any case, spaces allowed)
 * Existing controls (same refId): a column the file does not have leaves the field as it is;
 * an empty cell leaves it too in MERGE mode and clears it (description, domain, owner) in
 * REPLACE mode; the title and type are never cleared. A status that differs is applied and
 * recorded in the control's status history. Controls are never retired or deleted by an import.
 */
import { cell, columnOf, type CsvTable } from '../import/csv.js';
import { ImportDocumentError, WarningTally, type ImportMode, type ImportRejection, type ImportWarning, type LookupControl } from '../import/types.js';
import { CONTROL_TYPES, IMPLEMENTATION_STATUSES, type ControlType, type ImplementationStatus } from '../vocabulary.js';
import type { CatalogControl } from './types.js';

export const CSV_CONTROL_COLUMNS = ['control', 'title', 'description', 'domain', 'type', 'status', 'owner'] as const;

/** The header names accepted for each column (import detection uses them too). */
export const CSV_CONTROL_ALIASES = {
  control: ['control', 'control ref id', 'control id', 'ref id', 'refId', 'id'],
  title: ['title', 'name'],
  description: ['description'],
  domain: ['domain', 'family', 'category'],
  type: ['type', 'control type'],
  status: ['status', 'implementation status'],
  owner: ['owner'],
};

export interface CsvControlsResult {
  controls: CatalogControl[];
  locations: string[];
  /** True when the file has a status column (statuses are then applied). */
  hasStatus: boolean;
  rejected: ImportRejection[];
  warnings: ImportWarning[];
}

const word = (text: string) => text.trim().toUpperCase().replace(/[\s-]+/g, '_');

export function parseCsvControls(table: CsvTable, existing: ReadonlyMap<string, LookupControl>, mode: ImportMode): CsvControlsResult {
  const col = Object.fromEntries(Object.entries(CSV_CONTROL_ALIASES).map(([k, aliases]) => [k, columnOf(table, aliases)])) as Record<keyof typeof CSV_CONTROL_ALIASES, number>;
  if (col.control < 0) {
    throw new ImportDocumentError('line 1', `the header lacks the column control (found: ${table.header.join(', ') || 'nothing'}); expected ${CSV_CONTROL_COLUMNS.join(',')}`);
  }
  const tally = new WarningTally();
  const rejected: ImportRejection[] = [];
  const controls: CatalogControl[] = [];
  const locations: string[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const location = `line ${row.line}`;
    const refId = cell(row, col.control);
    const problems: string[] = [];
    if (!refId) problems.push('the control refId is empty');
    else if (refId.length > 100) problems.push('the control refId is longer than 100 characters');
    const current = existing.get(refId);
    const text = (column: number, previous: string | undefined): string | undefined => {
      if (column < 0) return previous;
      const value = cell(row, column);
      if (value === '' && mode === 'MERGE') return previous;
      return value;
    };
    const title = col.title >= 0 && cell(row, col.title) ? cell(row, col.title) : current?.title;
    if (!title) problems.push('a new control needs a title');
    let type = current?.type as ControlType | undefined;
    const typeText = cell(row, col.type);
    if (typeText) {
      const t = word(typeText);
      if ((CONTROL_TYPES as readonly string[]).includes(t)) type = t as ControlType;
      else problems.push(`type "${typeText}" is not one of ${CONTROL_TYPES.join(', ')}`);
    }
    let status = (current?.implementationStatus as ImplementationStatus | undefined) ?? 'NOT_IMPLEMENTED';
    const statusText = cell(row, col.status);
    if (statusText) {
      const s = word(statusText);
      if ((IMPLEMENTATION_STATUSES as readonly string[]).includes(s)) status = s as ImplementationStatus;
      else problems.push(`status "${statusText}" is not one of ${IMPLEMENTATION_STATUSES.join(', ')}`);
    }
    if (refId && seen.has(refId)) problems.push(`control "${refId}" is already given on line ${seen.get(refId)}`);
    if (problems.length) {
      rejected.push({ location, reason: problems.join('; ') });
      continue;
    }
    if (!type) {
      type = 'PREVENTIVE';
      tally.note('new controls without a type are created as PREVENTIVE', location);
    }
    seen.set(refId, row.line);
    const owner = text(col.owner, current?.owner ?? undefined);
    controls.push({
      refId,
      title: title!,
      description: text(col.description, current?.description) ?? '',
      domain: text(col.domain, current?.domain) ?? '',
      type,
      implementationStatus: status,
      owner: owner ? owner : null,
    });
    locations.push(location);
  }
  return { controls, locations, hasStatus: col.status >= 0, rejected, warnings: tally.warnings() };
}
