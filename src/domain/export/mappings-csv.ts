/**
 * The CSV mappings export: the live requirement → control mappings in the CSV mappings import
 * format (src/domain/catalog/parse-csv-mappings.ts: same columns, same order), so export →
 * import into an instance holding the same requirements and controls → export gives the same
 * file, byte for byte. Pure.
 *
 * Deterministic: rows ordered by framework refId, requirement refId, control refId (natural
 * order, `AC-2` before `AC-10`), none of which depends on row ids. Cells are written as the
 * importer reads them back: relationships as enum values, strength as a whole number or empty,
 * rationale trimmed (the importer trims cells).
 */
import { CSV_MAPPING_COLUMNS } from '../catalog/parse-csv-mappings.js';
import type { Relationship } from '../vocabulary.js';
import { MEDIA_TYPES, naturalCompare, csvChunks, mapEach, type ExportDocument } from './document.js';

export interface MappingCsvRow {
  frameworkRefId: string;
  requirementRefId: string;
  controlRefId: string;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
}

export function mappingsCsv(rows: readonly MappingCsvRow[]): ExportDocument {
  const sorted = [...rows].sort(
    (a, b) =>
      naturalCompare(a.frameworkRefId, b.frameworkRefId) ||
      naturalCompare(a.requirementRefId, b.requirementRefId) ||
      naturalCompare(a.controlRefId, b.controlRefId),
  );
  const chunks = () =>
    csvChunks(
      CSV_MAPPING_COLUMNS,
      mapEach(sorted, (m) => [m.frameworkRefId, m.requirementRefId, m.controlRefId, m.relationship, m.strength, m.rationale.trim()]),
    );
  return { filename: 'mappings.csv', mediaType: MEDIA_TYPES.CSV, chunks };
}
