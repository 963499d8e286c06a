/**
 * The evidence metadata CSV export, for auditors' spreadsheets: one row per item of evidence with
 * its review state, the controls it supports and where its content is (URL, or the stored file's
 * SHA-256). Export only: evidence and its reviews move between instances by bundle (ADMIN), not by
 * CSV. Pure. Rows ordered by collection instant, then id; instants in ISO 8601 UTC; controls by
 * refId (natural order), separated by `;`.
 */
import { toGlobalId } from '../global-id.js';
import type { EvidenceKind, EvidenceStatus } from '../vocabulary.js';
import { MEDIA_TYPES, naturalCompare, csvChunks, mapEach, type ExportDocument } from './document.js';

export const CSV_EVIDENCE_COLUMNS = [
  'evidence',
  'kind',
  'title',
  'status',
  'controls',
  'ai_system',
  'collected_at',
  'valid_until',
  'url',
  'sha256',
  'filename',
  'media_type',
  'size_bytes',
  'reviewed_by',
  'reviewed_at',
  'review_comment',
  'description',
  'created_by',
  'created_at',
] as const;

export interface EvidenceCsvRow {
  id: number;
  kind: EvidenceKind;
  title: string;
  status: EvidenceStatus;
  controlRefIds: string[];
  aiSystemName: string | null;
  collectedAt: Date;
  validUntil: Date | null;
  url: string | null;
  sha256: string | null;
  filename: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  description: string;
  createdBy: string;
  createdAt: Date;
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

export function evidenceCsv(rows: readonly EvidenceCsvRow[]): ExportDocument {
  const sorted = [...rows].sort((a, b) => a.collectedAt.getTime() - b.collectedAt.getTime() || a.id - b.id);
  return evidenceCsvInOrder(() => sorted);
}

/**
 * The same document from rows given already in its order (collection instant, then id), e.g. a
 * page at a time as they are read: `rows()` is called afresh each time the document is produced.
 */
export function evidenceCsvInOrder(rows: () => Iterable<EvidenceCsvRow>): ExportDocument {
  const chunks = () =>
    csvChunks(
      CSV_EVIDENCE_COLUMNS,
      mapEach(rows(), (e) => [
        toGlobalId('Evidence', e.id),
        e.kind,
        e.title,
        e.status,
        [...e.controlRefIds].sort(naturalCompare).join(';'),
        e.aiSystemName,
        iso(e.collectedAt),
        iso(e.validUntil),
        e.url,
        e.sha256,
        e.filename,
        e.mediaType,
        e.sizeBytes,
        e.reviewedBy,
        iso(e.reviewedAt),
        e.reviewComment,
        e.description,
        e.createdBy,
        iso(e.createdAt),
      ]),
    );
  return { filename: 'evidence.csv', mediaType: MEDIA_TYPES.CSV, chunks };
}
