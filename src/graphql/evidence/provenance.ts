/** `provenance` of evidence and reviews: set on rows restored from a bundle (their attribution is claimed). */
import type { Provenance } from '../generated/resolvers-types.js';

export function provenanceOf(row: { restoredBy: string | null; restoredFrom: string | null; restoredAt: Date | null }): Provenance | null {
  if (row.restoredBy === null || row.restoredFrom === null || row.restoredAt === null) return null;
  return { claimed: true, restoredBy: row.restoredBy, restoredFrom: row.restoredFrom, restoredAt: row.restoredAt };
}
