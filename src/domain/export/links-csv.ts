/**
 * The CSV crosswalk links export: the live requirement → requirement links in the CSV links
 * import format (src/domain/catalog/parse-csv-links.ts: same columns, same order), so export →
 * import into an instance holding the same frameworks → export gives the same file. Pure.
 *
 * Deterministic: rows ordered by source framework, source requirement, target framework and
 * target requirement refId (natural order). Text cells are trimmed (the importer trims cells).
 */
import { CSV_LINK_COLUMNS } from '../catalog/parse-csv-links.js';
import type { Relationship } from '../vocabulary.js';
import { MEDIA_TYPES, naturalCompare, csvChunks, mapEach, type ExportDocument } from './document.js';

export interface LinkCsvRow {
  sourceFrameworkRefId: string;
  sourceRequirementRefId: string;
  targetFrameworkRefId: string;
  targetRequirementRefId: string;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
  provenance: string;
}

export function linksCsv(rows: readonly LinkCsvRow[]): ExportDocument {
  const sorted = [...rows].sort(
    (a, b) =>
      naturalCompare(a.sourceFrameworkRefId, b.sourceFrameworkRefId) ||
      naturalCompare(a.sourceRequirementRefId, b.sourceRequirementRefId) ||
      naturalCompare(a.targetFrameworkRefId, b.targetFrameworkRefId) ||
      naturalCompare(a.targetRequirementRefId, b.targetRequirementRefId),
  );
  const chunks = () =>
    csvChunks(
      CSV_LINK_COLUMNS,
      mapEach(sorted, (l) => [
        l.sourceFrameworkRefId,
        l.sourceRequirementRefId,
        l.targetFrameworkRefId,
        l.targetRequirementRefId,
        l.relationship,
        l.strength,
        l.rationale.trim(),
        l.provenance.trim(),
      ]),
    );
  return { filename: 'links.csv', mediaType: MEDIA_TYPES.CSV, chunks };
}
