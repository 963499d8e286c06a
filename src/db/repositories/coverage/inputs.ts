/**
 * The coverage engine's inputs, declared once: every table the engine reads, the columns it reads
 * (by the engine's names, see ColumnarCoverageGraph), the key the change log names a changed row
 * by, and the tables other reads of the coverage cache depend on. Everything else derives from it:
 * - the statements that read the graph as columns (columnar-reads.ts) and patch it (patch.ts);
 * - the instant columns (whose values split the coverage cache's epochs, services/coverage-cache.ts,
 *   and give the structure's lifespans and the earliest recorded instant) are declared by role
 *   with the engine, in domain/coverage/time-columns.ts (INSTANT_COLUMNS), since the engine's
 *   rules read them; test/coverage/inputs.test.ts fails when a column read here that the schema
 *   stores as an instant is not declared there, or the other way round;
 * - the change-log triggers the migrations must hold ({@link CHANGE_TRIGGERS}: insert, update of
 *   a watched column, delete; test/coverage/inputs.test.ts reads them from sqlite_master and
 *   fails when one is missing or watches too little; {@link changeTriggerSql} writes the SQL of a
 *   new migration, drizzle-kit generate --custom).
 * A new input of the engine is one edit here (and its migration when the test asks for one).
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ColumnarCoverageGraph } from '../../../domain/coverage/index.js';
import { EVIDENCE_STATUSES, IMPLEMENTATION_STATUSES, RELATIONSHIPS } from '../../../domain/vocabulary.js';
import {
  // dialect-check: declarations only: table and column names, which both schemas share; nothing is queried through them
  aiSystemFrameworks,
  aiSystems,
  baselineApplications,
  baselineRequirements,
  baselines,
  controlStatusChanges,
  evidence,
  evidenceControls,
  evidenceReviews,
  frameworks,
  mappingRevisions,
  mappings,
  notApplicableMarks,
  requirementLinks,
  requirements,
  requirementVersions,
  threatRequirements,
  threats,
} from '../../schema/index.js';

/** An enum column read as its index in the vocabulary; a value outside it as `otherwise`. */
interface Coded {
  readonly column: AnySQLiteColumn;
  readonly vocabulary: readonly string[];
  readonly otherwise: number | 'NULL';
}

const coded = (column: AnySQLiteColumn, vocabulary: readonly string[], otherwise: number | 'NULL'): Coded => ({ column, vocabulary, otherwise });

type GraphField = Exclude<keyof ColumnarCoverageGraph, 'baselineExclusions' | 'columnar'>;
type ColumnsOf<F extends GraphField> = { readonly [K in keyof ColumnarCoverageGraph[F]]: AnySQLiteColumn | Coded };

/** One column as read: its SQL expression and the engine's name. */
export interface SourceColumn {
  readonly sql: string;
  readonly name: string;
  readonly column: AnySQLiteColumn;
}

/** One table the engine reads. */
export interface Source {
  readonly table: string;
  /** The engine's name of the table (`aiSystemIds`: the scope ids, not an engine table). */
  readonly field: GraphField | 'aiSystemIds';
  /** The column the change log names a row by; re-reading the rows with changed keys patches the table. */
  readonly key: string;
  /** Index of `key` in `columns`. */
  readonly keyIndex: number;
  readonly columns: readonly SourceColumn[];
  /** A constant condition on the rows read (SQL), if any. */
  readonly where?: string;
  /** Columns the rows are chosen by (those of `where`): the change log watches them too. */
  readonly whereColumns: readonly AnySQLiteColumn[];
}

function codedSql(c: Coded): string {
  return `CASE ${c.column.name} ${c.vocabulary.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE ${c.otherwise} END`;
}

function source<F extends GraphField | 'aiSystemIds'>(
  field: F,
  table: SQLiteTable,
  key: AnySQLiteColumn,
  columns: F extends GraphField ? ColumnsOf<F> : { readonly id: AnySQLiteColumn },
  except?: { column: AnySQLiteColumn; value: string },
): Source {
  const read = Object.entries(columns as unknown as Record<string, AnySQLiteColumn | Coded>).map(([name, c]): SourceColumn => {
    const column = 'vocabulary' in c ? c.column : c;
    return { sql: 'vocabulary' in c ? codedSql(c) : column.name, name, column };
  });
  const keyIndex = read.findIndex((c) => c.column === key);
  if (keyIndex < 0) throw new Error(`coverage inputs: the key of ${getTableName(table)} must be one of its columns`);
  return {
    table: getTableName(table),
    field,
    key: key.name,
    keyIndex,
    columns: read,
    where: except ? `${except.column.name} <> '${except.value}'` : undefined,
    whereColumns: except ? [except.column] : [],
  };
}

const lifespan = <T extends { createdAt: AnySQLiteColumn; retiredAt: AnySQLiteColumn }>(t: T) => ({ createdAt: t.createdAt, retiredAt: t.retiredAt });

/** Every table the engine reads, in the order they are read. */
export const SOURCES: readonly Source[] = [
  source('frameworks', frameworks, frameworks.id, { id: frameworks.id, ...lifespan(frameworks) }, { column: frameworks.kind, value: 'THREAT_CATALOG' }),
  source('requirements', requirementVersions, requirementVersions.requirementId, {
    id: requirementVersions.requirementId,
    frameworkId: requirementVersions.frameworkId,
    parentId: requirementVersions.parentId,
    withdrawn: requirementVersions.withdrawn,
    validFrom: requirementVersions.validFrom,
    validTo: requirementVersions.validTo,
  }),
  source('controlStatusChanges', controlStatusChanges, controlStatusChanges.id, {
    id: controlStatusChanges.id,
    controlId: controlStatusChanges.controlId,
    aiSystemId: controlStatusChanges.aiSystemId,
    toStatus: coded(controlStatusChanges.toStatus, IMPLEMENTATION_STATUSES, 'NULL'),
    changedAt: controlStatusChanges.changedAt,
  }),
  source('mappings', mappings, mappings.id, {
    id: mappings.id,
    requirementId: mappings.requirementId,
    controlId: mappings.controlId,
    ...lifespan(mappings),
  }),
  source('mappingRevisions', mappingRevisions, mappingRevisions.id, {
    id: mappingRevisions.id,
    mappingId: mappingRevisions.mappingId,
    relationship: coded(mappingRevisions.relationship, RELATIONSHIPS, RELATIONSHIPS.length),
    validFrom: mappingRevisions.validFrom,
  }),
  source('requirementLinks', requirementLinks, requirementLinks.id, {
    id: requirementLinks.id,
    sourceRequirementId: requirementLinks.sourceRequirementId,
    targetRequirementId: requirementLinks.targetRequirementId,
    relationship: coded(requirementLinks.relationship, RELATIONSHIPS, RELATIONSHIPS.length),
    ...lifespan(requirementLinks),
  }),
  source('evidence', evidence, evidence.id, {
    id: evidence.id,
    createdAt: evidence.createdAt,
    collectedAt: evidence.collectedAt,
    validUntil: evidence.validUntil,
    aiSystemId: evidence.aiSystemId,
  }),
  source('evidenceControls', evidenceControls, evidenceControls.evidenceId, {
    evidenceId: evidenceControls.evidenceId,
    controlId: evidenceControls.controlId,
  }),
  source('evidenceReviews', evidenceReviews, evidenceReviews.id, {
    id: evidenceReviews.id,
    evidenceId: evidenceReviews.evidenceId,
    status: coded(evidenceReviews.status, EVIDENCE_STATUSES, EVIDENCE_STATUSES.indexOf('PENDING_REVIEW')),
    reviewedAt: evidenceReviews.reviewedAt,
  }),
  source('notApplicableMarks', notApplicableMarks, notApplicableMarks.requirementId, {
    requirementId: notApplicableMarks.requirementId,
    aiSystemId: notApplicableMarks.aiSystemId,
    ...lifespan(notApplicableMarks),
  }),
  source('aiSystemFrameworks', aiSystemFrameworks, aiSystemFrameworks.aiSystemId, {
    aiSystemId: aiSystemFrameworks.aiSystemId,
    frameworkId: aiSystemFrameworks.frameworkId,
    ...lifespan(aiSystemFrameworks),
  }),
  source('threats', threats, threats.id, { id: threats.id, frameworkId: threats.frameworkId, ...lifespan(threats) }),
  source('threatRequirements', threatRequirements, threatRequirements.threatId, {
    threatId: threatRequirements.threatId,
    requirementId: threatRequirements.requirementId,
    ...lifespan(threatRequirements),
  }),
  source('aiSystemIds', aiSystems, aiSystems.id, { id: aiSystems.id }),
];

/**
 * The baseline exclusions (coverage/baseline-exclusions.ts, from these tables) are read
 * again whenever one of them changes; their marks' lifespans are instants like the tables'.
 */
export const EXCLUSION_TABLES: readonly string[] = [baselines, baselineRequirements, baselineApplications, requirements].map((t) => getTableName(t));

/** A change-log trigger set the migrations must hold: insert, update and delete of `table`. */
export interface ChangeTrigger {
  readonly table: string;
  /** The column the log names a row by (OLD and NEW values on an update that changes it). */
  readonly key: string;
  /** Columns whose update must be logged; every other update may be ignored. */
  readonly watched: readonly string[];
}

const names = (columns: readonly AnySQLiteColumn[]): string[] => [...new Set(columns.map((c) => c.name))];
const everyColumn = (table: SQLiteTable): AnySQLiteColumn[] => Object.values(getTableColumns(table)) as unknown as AnySQLiteColumn[];

/**
 * Every change-log trigger set: the engine's tables (their read columns; every column of a
 * framework, since coverage answers carry the framework rows read with the graph), the tables the
 * exclusions are read from (every column; of a requirement, its structure and `withdrawn`, which
 * the not-withdrawn count reads too).
 */
export const CHANGE_TRIGGERS: readonly ChangeTrigger[] = [
  ...SOURCES.map((s) => {
    const table = s.table === getTableName(frameworks) ? everyColumn(frameworks) : [...s.columns.map((c) => c.column), ...s.whereColumns];
    return { table: s.table, key: s.key, watched: names(table) };
  }),
  { table: getTableName(requirements), key: requirements.id.name, watched: names([requirements.id, requirements.frameworkId, requirements.parentId, requirements.withdrawn]) },
  ...[baselines, baselineRequirements, baselineApplications].map((t) => ({ table: getTableName(t), key: 'id', watched: names(everyColumn(t)) })),
];

/** Every table with change-log triggers (insert, update and delete). */
export const COVERAGE_CHANGE_TABLES: readonly string[] = CHANGE_TRIGGERS.map((t) => t.table);

/** The SQL of one trigger set (for a new migration: drizzle-kit generate --custom), statements split as drizzle-kit splits them. */
export function changeTriggerSql({ table, key, watched }: ChangeTrigger): string {
  const log = (row: 'NEW' | 'OLD') => `INSERT INTO coverage_changes (table_name, row_key) SELECT '${table}', ${row}.${key}`;
  return [
    `CREATE TRIGGER coverage_changes_${table}_insert AFTER INSERT ON ${table}\nBEGIN\n  ${log('NEW')};\nEND;`,
    `CREATE TRIGGER coverage_changes_${table}_delete AFTER DELETE ON ${table}\nBEGIN\n  ${log('OLD')};\nEND;`,
    `CREATE TRIGGER coverage_changes_${table}_update AFTER UPDATE OF ${watched.join(', ')} ON ${table}\n` +
      `  WHEN ${watched.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}\n` +
      `BEGIN\n  ${log('OLD')};\n  ${log('NEW')} WHERE NEW.${key} IS NOT OLD.${key};\nEND;`,
  ].join('\n--> statement-breakpoint\n');
}
