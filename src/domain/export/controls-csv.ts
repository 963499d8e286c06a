/**
 * The CSV controls export: the live controls in the CSV controls import format
 * (src/domain/catalog/parse-csv-controls.ts: same columns, same order), so export → import into
 * an instance without them → export gives the same file (the status column is applied on
 * import). Pure. Rows ordered by control refId (natural order); text cells are trimmed (the
 * importer trims cells).
 */
import { CSV_CONTROL_COLUMNS } from '../catalog/parse-csv-controls.js';
import type { CatalogControl } from '../catalog/types.js';
import { MEDIA_TYPES, naturalCompare, csvChunks, mapEach, type ExportDocument } from './document.js';

/** A control as the export reads it: the fields the controls import writes. */
export type ControlCsvRow = CatalogControl;

export function controlsCsv(rows: readonly ControlCsvRow[]): ExportDocument {
  const sorted = [...rows].sort((a, b) => naturalCompare(a.refId, b.refId));
  const chunks = () =>
    csvChunks(
      CSV_CONTROL_COLUMNS,
      mapEach(sorted, (c) => [c.refId, c.title.trim(), c.description.trim(), c.domain.trim(), c.type, c.implementationStatus, (c.owner ?? '').trim()]),
    );
  return { filename: 'controls.csv', mediaType: MEDIA_TYPES.CSV, chunks };
}
