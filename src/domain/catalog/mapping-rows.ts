/**
 * The rows a mapping's writes produce, the one place their rules live. The API, the catalog
 * loader and bundle restore all write a mapping through these rows (the repository inserts them
 * as given; `MappingRepository.insertWithRevisions`, `revise`).
 *
 * Rules:
 * - Every version of a mapping is a revision row, so a past instant can be evaluated: a new
 *   mapping comes with its first revision (its relationship, strength and rationale, valid from
 *   its creation, by its creator).
 * - A change is one more revision and the new values on the mapping, at the same instant; values
 *   equal to the current ones are no change (nothing is written).
 * - A restored mapping brings its recorded revisions (and retirement) instead.
 */
import type { Relationship } from '../vocabulary.js';

/** What a revision records. */
export interface MappingValues {
  relationship: Relationship;
  strength: number | null;
  rationale: string;
}

/** A mapping row as inserted. */
export interface MappingRecord extends MappingValues {
  requirementId: number;
  controlId: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  retiredAt?: Date | null;
  retiredBy?: string | null;
}

export interface MappingRevisionRecord extends MappingValues {
  validFrom: Date;
  changedBy: string;
}

/** A mapping and its revisions, oldest first: what inserting a mapping writes. */
export interface MappingRows {
  mapping: MappingRecord;
  revisions: MappingRevisionRecord[];
}

/** Writes a mapping with its revisions (the MappingRepository does; bundle restore gets it as a port). */
export interface MappingWriter {
  insertWithRevisions(rows: MappingRows): Promise<{ id: number }>;
}

/** The rows of a new mapping (see the rules above). */
export function newMappingRows(pair: { requirementId: number; controlId: number }, values: MappingValues, at: Date, by: string): MappingRows {
  const v = { relationship: values.relationship, strength: values.strength, rationale: values.rationale };
  return {
    mapping: { requirementId: pair.requirementId, controlId: pair.controlId, ...v, createdAt: at, createdBy: by, updatedAt: at },
    revisions: [{ ...v, validFrom: at, changedBy: by }],
  };
}

/** The revision a change of a live mapping adds; null when the values are the current ones. */
export function mappingRevision(current: MappingValues, next: MappingValues, at: Date, by: string): MappingRevisionRecord | null {
  if (current.relationship === next.relationship && current.strength === next.strength && current.rationale === next.rationale) return null;
  return { relationship: next.relationship, strength: next.strength, rationale: next.rationale, validFrom: at, changedBy: by };
}
