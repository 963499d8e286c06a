/**
 * The engine's columnar input: the same tables as {@link CoverageGraph}, one typed array per
 * column instead of one object per row. This is what {@link prepareCoverageGraph} works on; the
 * repository reads it straight out of SQLite, and {@link columnsOf} converts a row-object graph
 * (tests, small inputs).
 *
 * Every column is a Float64Array of the table's row count:
 * - ids and instants (epoch milliseconds) as they are; NULL as NaN;
 * - booleans as 0/1;
 * - enum columns as codes: the value's index in its vocabulary (RELATIONSHIPS,
 *   IMPLEMENTATION_STATUSES, EVIDENCE_STATUSES). A NULL or unknown implementation status is NaN
 *   (a cleared override); an unknown relationship counts as PARTIAL and an unknown review
 *   status as pending review, as for row objects.
 * - the structure tables' lifespans (`createdAt`/`retiredAt`, requirements' `validFrom`/`validTo`,
 *   see Lifespan in types.ts): NaN for "always" at either end.
 *
 * The engine never mutates the columns and may keep references to them in the prepared graph.
 * Nobody writes an element a column shows once it is handed out. A column may view the start of
 * a longer buffer: rows appended to its table are written after it and the new column is a
 * longer view of the same memory from the same start, so it holds the old column's rows first
 * (the preparation then only adds what the new rows change, prepare.ts).
 */
import { EVIDENCE_STATUSES, IMPLEMENTATION_STATUSES, RELATIONSHIPS } from '../vocabulary.js';
import type { CoverageGraph, Lifespan, NotApplicableMarkInput } from './types.js';

/** A table as named columns of equal length. */
export type Columns<K extends string> = { readonly [P in K]: Float64Array };

export type MarkColumns = Columns<'requirementId' | 'aiSystemId' | 'createdAt' | 'retiredAt'>;

export interface ColumnarCoverageGraph {
  readonly columnar: true;
  readonly frameworks: Columns<'id' | 'createdAt' | 'retiredAt'>;
  /** The versions of the requirements' structure (requirement_versions). */
  readonly requirements: Columns<'id' | 'frameworkId' | 'parentId' | 'withdrawn' | 'validFrom' | 'validTo'>;
  /** `toStatus`: index in IMPLEMENTATION_STATUSES, NaN for a cleared override. */
  readonly controlStatusChanges: Columns<'id' | 'controlId' | 'aiSystemId' | 'toStatus' | 'changedAt'>;
  readonly mappings: Columns<'id' | 'requirementId' | 'controlId' | 'createdAt' | 'retiredAt'>;
  /** `relationship`: index in RELATIONSHIPS. */
  readonly mappingRevisions: Columns<'id' | 'mappingId' | 'relationship' | 'validFrom'>;
  /** `relationship`: index in RELATIONSHIPS. */
  readonly requirementLinks: Columns<'id' | 'sourceRequirementId' | 'targetRequirementId' | 'relationship' | 'createdAt' | 'retiredAt'>;
  readonly evidence: Columns<'id' | 'createdAt' | 'collectedAt' | 'validUntil' | 'aiSystemId'>;
  readonly evidenceControls: Columns<'evidenceId' | 'controlId'>;
  /** `status`: index in EVIDENCE_STATUSES. */
  readonly evidenceReviews: Columns<'id' | 'evidenceId' | 'status' | 'reviewedAt'>;
  readonly notApplicableMarks: MarkColumns;
  /** Optional, like {@link CoverageGraph.baselineExclusions}. */
  readonly baselineExclusions?: MarkColumns | null;
  readonly aiSystemFrameworks: Columns<'aiSystemId' | 'frameworkId' | 'createdAt' | 'retiredAt'>;
  readonly threats: Columns<'id' | 'frameworkId' | 'createdAt' | 'retiredAt'>;
  readonly threatRequirements: Columns<'threatId' | 'requirementId' | 'createdAt' | 'retiredAt'>;
}

export const isColumnar = (graph: CoverageGraph | ColumnarCoverageGraph): graph is ColumnarCoverageGraph =>
  (graph as ColumnarCoverageGraph).columnar === true;

/** Row count of a table given as columns. */
export const rowCount = (table: Columns<string>): number => {
  for (const key in table) return table[key]!.length;
  return 0;
};

const nullable = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

function table<T, K extends string>(rows: readonly T[], fields: { readonly [P in K]: (row: T) => number }): Columns<K> {
  const out = {} as Record<K, Float64Array>;
  for (const key in fields) {
    const f = fields[key];
    const column = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) column[i] = f(rows[i]!);
    out[key] = column;
  }
  return out;
}

const relationshipCode = (r: string): number => {
  const k = (RELATIONSHIPS as readonly string[]).indexOf(r);
  return k >= 0 ? k : RELATIONSHIPS.length;
};
const implementationCode = (s: string | null): number => {
  const k = s === null ? -1 : (IMPLEMENTATION_STATUSES as readonly string[]).indexOf(s);
  return k >= 0 ? k : NaN;
};
const PENDING = EVIDENCE_STATUSES.indexOf('PENDING_REVIEW');
const evidenceCode = (s: string): number => {
  const k = (EVIDENCE_STATUSES as readonly string[]).indexOf(s);
  return k >= 0 ? k : PENDING;
};

export const markColumns = (marks: readonly NotApplicableMarkInput[]): MarkColumns =>
  table(marks, {
    requirementId: (m) => m.requirementId,
    aiSystemId: (m) => nullable(m.aiSystemId),
    createdAt: (m) => m.createdAt,
    retiredAt: (m) => nullable(m.retiredAt),
  });

const lifespan = { createdAt: (row: Lifespan) => nullable(row.createdAt), retiredAt: (row: Lifespan) => nullable(row.retiredAt) };

/** The columnar form of a row-object graph. */
export function columnsOf(graph: CoverageGraph): ColumnarCoverageGraph {
  return {
    columnar: true,
    frameworks: table(graph.frameworks, { id: (f) => f.id, ...lifespan }),
    requirements: table(graph.requirements, {
      id: (r) => r.id,
      frameworkId: (r) => r.frameworkId,
      parentId: (r) => nullable(r.parentId),
      withdrawn: (r) => (r.withdrawn ? 1 : 0),
      validFrom: (r) => nullable(r.validFrom),
      validTo: (r) => nullable(r.validTo),
    }),
    controlStatusChanges: table(graph.controlStatusChanges, {
      id: (c) => c.id,
      controlId: (c) => c.controlId,
      aiSystemId: (c) => nullable(c.aiSystemId),
      toStatus: (c) => implementationCode(c.toStatus),
      changedAt: (c) => c.changedAt,
    }),
    mappings: table(graph.mappings, {
      id: (m) => m.id,
      requirementId: (m) => m.requirementId,
      controlId: (m) => m.controlId,
      createdAt: (m) => m.createdAt,
      retiredAt: (m) => nullable(m.retiredAt),
    }),
    mappingRevisions: table(graph.mappingRevisions, {
      id: (r) => r.id,
      mappingId: (r) => r.mappingId,
      relationship: (r) => relationshipCode(r.relationship),
      validFrom: (r) => r.validFrom,
    }),
    requirementLinks: table(graph.requirementLinks, {
      id: (l) => l.id,
      sourceRequirementId: (l) => l.sourceRequirementId,
      targetRequirementId: (l) => l.targetRequirementId,
      relationship: (l) => relationshipCode(l.relationship),
      createdAt: (l) => l.createdAt,
      retiredAt: (l) => nullable(l.retiredAt),
    }),
    evidence: table(graph.evidence, {
      id: (e) => e.id,
      createdAt: (e) => e.createdAt,
      collectedAt: (e) => e.collectedAt,
      validUntil: (e) => nullable(e.validUntil),
      aiSystemId: (e) => nullable(e.aiSystemId),
    }),
    evidenceControls: table(graph.evidenceControls, { evidenceId: (l) => l.evidenceId, controlId: (l) => l.controlId }),
    evidenceReviews: table(graph.evidenceReviews, {
      id: (r) => r.id,
      evidenceId: (r) => r.evidenceId,
      status: (r) => evidenceCode(r.status),
      reviewedAt: (r) => r.reviewedAt,
    }),
    notApplicableMarks: markColumns(graph.notApplicableMarks),
    baselineExclusions: graph.baselineExclusions?.length ? markColumns(graph.baselineExclusions) : null,
    aiSystemFrameworks: table(graph.aiSystemFrameworks, { aiSystemId: (a) => a.aiSystemId, frameworkId: (a) => a.frameworkId, ...lifespan }),
    threats: table(graph.threats, { id: (t) => t.id, frameworkId: (t) => t.frameworkId, ...lifespan }),
    threatRequirements: table(graph.threatRequirements, { threatId: (t) => t.threatId, requirementId: (t) => t.requirementId, ...lifespan }),
  };
}
