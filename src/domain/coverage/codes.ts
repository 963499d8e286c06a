/**
 * Small-integer encodings used in the engine's typed arrays, ordered so that "better" is larger
 * where an order makes sense, and their string names.
 */
import { IMPLEMENTATION_STATUSES, RELATIONSHIPS, type Relationship } from '../vocabulary.js';
import type { ControlState, CoverageStatus, MappingKind, ThreatExposureLevel } from './types.js';

/** Mapping kind: none (mapping not counted), PARTIAL, FULL. */
export const KIND_NONE = 0;
export const KIND_PARTIAL = 1;
export const KIND_FULL = 2;

export const kindName = (kind: number): MappingKind => (kind === KIND_FULL ? 'FULL' : 'PARTIAL');

/**
 * The kind of a relationship given as its index in RELATIONSHIPS: EQUAL and SUBSET_OF carry a
 * FULL kind; SUPERSET_OF, INTERSECTS_WITH (and anything else) only PARTIAL.
 */
export const relationshipCodeKind = (code: number): number => (code === RELATIONSHIP_EQUAL || code === RELATIONSHIP_SUBSET_OF ? KIND_FULL : KIND_PARTIAL);
const RELATIONSHIP_EQUAL = RELATIONSHIPS.indexOf('EQUAL');
const RELATIONSHIP_SUBSET_OF = RELATIONSHIPS.indexOf('SUBSET_OF');
const RELATIONSHIP_SUPERSET_OF = RELATIONSHIPS.indexOf('SUPERSET_OF');
const RELATIONSHIP_INTERSECTS_WITH = RELATIONSHIPS.indexOf('INTERSECTS_WITH');

/**
 * The relationship code read the other way: "A SUBSET_OF B" is "B SUPERSET_OF A" and back;
 * EQUAL and INTERSECTS_WITH read the same both ways. An unknown code reads as INTERSECTS_WITH.
 */
export const inverseRelationshipCode = (code: number): number =>
  code === RELATIONSHIP_SUBSET_OF
    ? RELATIONSHIP_SUPERSET_OF
    : code === RELATIONSHIP_SUPERSET_OF
      ? RELATIONSHIP_SUBSET_OF
      : code === RELATIONSHIP_EQUAL
        ? RELATIONSHIP_EQUAL
        : RELATIONSHIP_INTERSECTS_WITH;

/** The name of a relationship code; an unknown code (counted PARTIAL) as INTERSECTS_WITH. */
export const relationshipName = (code: number): Relationship => RELATIONSHIPS[code] ?? 'INTERSECTS_WITH';

/** Implementation status index in IMPLEMENTATION_STATUSES; NO_STATUS for none / cleared. */
export const NO_STATUS = 255;
export const STATUS_IMPLEMENTED = IMPLEMENTATION_STATUSES.indexOf('IMPLEMENTED');
export const STATUS_NOT_APPLICABLE = IMPLEMENTATION_STATUSES.indexOf('NOT_APPLICABLE');

/** Control state; STATE_NONE: the control does not exist at T. EFFECTIVE is the largest. */
export const STATE_NONE = 0;
export const STATE_NOT_APPLICABLE = 1;
export const STATE_NOT_IMPLEMENTED = 2;
export const STATE_EVIDENCE_MISSING = 3;
export const STATE_EVIDENCE_PENDING_REVIEW = 4;
export const STATE_EVIDENCE_EXPIRED = 5;
export const STATE_EFFECTIVE = 6;

const STATE_NAMES: readonly (ControlState | null)[] = [
  null,
  'NOT_APPLICABLE',
  'NOT_IMPLEMENTED',
  'EVIDENCE_MISSING',
  'EVIDENCE_PENDING_REVIEW',
  'EVIDENCE_EXPIRED',
  'EFFECTIVE',
];
export const stateName = (state: number): ControlState | null => STATE_NAMES[state] ?? null;
export const stateCode = (state: ControlState): number => STATE_NAMES.indexOf(state);

/** Requirement coverage status; COV_NONE: not evaluated (withdrawn, out of scope, unknown). */
export const COV_NONE = 0;
export const COV_NOT_APPLICABLE = 1;
export const COV_UNCOVERED = 2;
export const COV_PARTIAL = 3;
export const COV_COVERED = 4;

const COVERAGE_NAMES: readonly (CoverageStatus | null)[] = [null, 'NOT_APPLICABLE', 'UNCOVERED', 'PARTIAL', 'COVERED'];
export const coverageName = (status: number): CoverageStatus | null => COVERAGE_NAMES[status] ?? null;

export const EXPOSURE_EXPOSED = 0;
export const EXPOSURE_PARTIAL = 1;
export const EXPOSURE_ADDRESSED = 2;
const EXPOSURE_NAMES: readonly ThreatExposureLevel[] = ['EXPOSED', 'PARTIALLY_ADDRESSED', 'ADDRESSED'];
export const exposureName = (exposure: number): ThreatExposureLevel => EXPOSURE_NAMES[exposure] ?? 'EXPOSED';
