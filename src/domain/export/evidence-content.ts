/**
 * What an item of evidence says, apart from its lifecycle (when it was collected and until when
 * it counts, its reviews, its AI system, who wrote it): kind, title, description, and where the
 * thing is (a URL, or a stored file by SHA-256 with its size, media type and name).
 */
import type { EvidenceKind } from '../vocabulary.js';

export interface EvidenceContent {
  kind: EvidenceKind;
  title: string;
  description: string;
  url: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  mediaType: string | null;
  filename: string | null;
}

/** The content fields of an evidence row or document, copied as they are (and in this order). */
export function evidenceContent(e: EvidenceContent): EvidenceContent {
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    url: e.url,
    sha256: e.sha256,
    sizeBytes: e.sizeBytes,
    mediaType: e.mediaType,
    filename: e.filename,
  };
}
