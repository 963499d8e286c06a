/**
 * All SQL of the coverage engine: the bulk snapshot of the compliance graph the engine evaluates,
 * the database's data version (which tells when that snapshot is stale), and recorded coverage
 * snapshots.
 */
import { and, asc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { controls, coverageSnapshots } from '../schema/index.js';
import type { CoverageGraph } from '../../domain/coverage/index.js';
import type { Page, PageRequest, SortKey } from '../../domain/paging.js';
import { afterKey } from './sql-helpers.js';
import { BaselineRepository } from './baseline-repository.js';

export type CoverageSnapshotRow = typeof coverageSnapshots.$inferSelect;
export type CoverageSnapshotInsert = typeof coverageSnapshots.$inferInsert;

/** History order: (at, id). */
export const coverageSnapshotSortKey = (row: CoverageSnapshotRow): SortKey => [row.at.getTime(), row.id];

/** The engine's input plus what the service needs beside it, read in one read transaction. */
export interface CoverageGraphSnapshot {
  /** The data version the rows were read at (see {@link CoverageRepository.dataVersion}). */
  version: string;
  graph: CoverageGraph;
  /** Every AI system id, ascending (a scope naming another id is unknown). */
  aiSystemIds: number[];
}

export interface CoverageHistoryFilter {
  frameworkId: number;
  /** null: the organisation. */
  aiSystemId: number | null;
  viaCrosswalks: boolean;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Reads whole columns of a table in one statement: SQLite aggregates each column into a JSON
 * array (one string per column), JavaScript parses them and builds one object per row. That is
 * about three times faster than letting the driver build a row object per row (the snapshot has
 * over a million rows at the benchmark's M size). Table and column names are constants.
 */
function columns(db: Pick<Db, 'values'>, table: string, names: readonly string[], where = ''): unknown[][] {
  const select = names.map((n) => `json_group_array(${n})`).join(', ');
  const [row] = db.values<string[]>(sql.raw(`SELECT ${select} FROM ${table}${where ? ` WHERE ${where}` : ''}`));
  return row!.map((json) => JSON.parse(json) as unknown[]);
}

/** Builds `n` row objects from columns (typed by the caller, as the columns are). */
function rows<T>(cols: unknown[][], make: (c: any[][], k: number) => T): T[] {
  const n = cols[0]!.length;
  const out = new Array<T>(n);
  for (let k = 0; k < n; k++) out[k] = make(cols as any[][], k);
  return out;
}

/**
 * `PRAGMA data_version` changes on this connection whenever another connection (of this process
 * or another one, e.g. the CLI) commits; `total_changes()` grows with every row this connection
 * itself writes (an in-memory store reads and writes through one connection).
 */
const VERSION = sql`SELECT (SELECT data_version FROM pragma_data_version()) AS v, total_changes() AS c`;

export class CoverageRepository {
  constructor(private readonly db: Db) {}

  /**
   * An opaque value that differs after any commit to the database, by any connection; read it on
   * the read connection. Equal values mean the data did not change in between.
   */
  async dataVersion(): Promise<string> {
    return this.versionIn(this.db);
  }

  /**
   * Everything the coverage engine reads, one statement per table, inside one read transaction
   * so that every table is read at the same commit; the version is read in it too.
   */
  async loadGraph(): Promise<CoverageGraphSnapshot> {
    return this.db.transaction(
      (tx) => {
        // The first SELECT starts the read transaction's snapshot; the version read after it
        // belongs to that snapshot (or is older, which only costs one extra rebuild later).
        const frameworks = rows(columns(tx, 'frameworks', ['id'], "kind <> 'THREAT_CATALOG'"), (c, k) => ({ id: c[0]![k] }));
        const version = this.versionIn(tx);
        const graph: CoverageGraph = {
          frameworks,
          requirements: rows(columns(tx, 'requirements', ['id', 'framework_id', 'parent_id', 'withdrawn']), (c, k) => ({
            id: c[0]![k],
            frameworkId: c[1]![k],
            parentId: c[2]![k],
            withdrawn: c[3]![k] === 1,
          })),
          controlStatusChanges: rows(
            columns(tx, 'control_status_changes', ['id', 'control_id', 'ai_system_id', 'to_status', 'changed_at']),
            (c, k) => ({ id: c[0]![k], controlId: c[1]![k], aiSystemId: c[2]![k], toStatus: c[3]![k], changedAt: c[4]![k] }),
          ),
          mappings: rows(columns(tx, 'mappings', ['id', 'requirement_id', 'control_id', 'created_at', 'retired_at']), (c, k) => ({
            id: c[0]![k],
            requirementId: c[1]![k],
            controlId: c[2]![k],
            createdAt: c[3]![k],
            retiredAt: c[4]![k],
          })),
          mappingRevisions: rows(columns(tx, 'mapping_revisions', ['id', 'mapping_id', 'relationship', 'valid_from']), (c, k) => ({
            id: c[0]![k],
            mappingId: c[1]![k],
            relationship: c[2]![k],
            validFrom: c[3]![k],
          })),
          requirementLinks: rows(
            columns(tx, 'requirement_links', [
              'id',
              'source_requirement_id',
              'target_requirement_id',
              'relationship',
              'created_at',
              'retired_at',
            ]),
            (c, k) => ({
              id: c[0]![k],
              sourceRequirementId: c[1]![k],
              targetRequirementId: c[2]![k],
              relationship: c[3]![k],
              createdAt: c[4]![k],
              retiredAt: c[5]![k],
            }),
          ),
          evidence: rows(columns(tx, 'evidence', ['id', 'created_at', 'collected_at', 'valid_until', 'ai_system_id']), (c, k) => ({
            id: c[0]![k],
            createdAt: c[1]![k],
            collectedAt: c[2]![k],
            validUntil: c[3]![k],
            aiSystemId: c[4]![k],
          })),
          evidenceControls: rows(columns(tx, 'evidence_controls', ['evidence_id', 'control_id']), (c, k) => ({
            evidenceId: c[0]![k],
            controlId: c[1]![k],
          })),
          evidenceReviews: rows(columns(tx, 'evidence_reviews', ['id', 'evidence_id', 'status', 'reviewed_at']), (c, k) => ({
            id: c[0]![k],
            evidenceId: c[1]![k],
            status: c[2]![k],
            reviewedAt: c[3]![k],
          })),
          notApplicableMarks: rows(
            columns(tx, 'not_applicable_marks', ['requirement_id', 'ai_system_id', 'created_at', 'retired_at']),
            (c, k) => ({ requirementId: c[0]![k], aiSystemId: c[1]![k], createdAt: c[2]![k], retiredAt: c[3]![k] }),
          ),
          // What applied baselines (OSCAL profiles) leave out of scope.
          baselineExclusions: new BaselineRepository(tx as Db).readExclusionMarks(),
          aiSystemFrameworks: rows(columns(tx, 'ai_system_frameworks', ['ai_system_id', 'framework_id']), (c, k) => ({
            aiSystemId: c[0]![k],
            frameworkId: c[1]![k],
          })),
          threats: rows(columns(tx, 'threats', ['id', 'framework_id']), (c, k) => ({ id: c[0]![k], frameworkId: c[1]![k] })),
          threatRequirements: rows(columns(tx, 'threat_requirements', ['threat_id', 'requirement_id']), (c, k) => ({
            threatId: c[0]![k],
            requirementId: c[1]![k],
          })),
        };
        const aiSystemIds = (columns(tx, 'ai_systems', ['id'])[0] as number[]).sort((a, b) => a - b);
        return { version, graph, aiSystemIds };
      },
      { behavior: 'deferred' },
    );
  }

  private versionIn(tx: Pick<Db, 'get'>): string {
    const row = tx.get<{ v: number; c: number }>(VERSION);
    return `${row.v}:${row.c}`;
  }

  /** Ids of the controls whose domain is exactly `domain` (case-sensitive). */
  async controlIdsInDomain(domain: string): Promise<number[]> {
    return this.db
      .select({ id: controls.id })
      .from(controls)
      .where(eq(controls.domain, domain))
      .all()
      .map((r) => r.id);
  }

  async insertSnapshots(rows: readonly CoverageSnapshotInsert[]): Promise<CoverageSnapshotRow[]> {
    if (rows.length === 0) return [];
    return this.db.insert(coverageSnapshots).values([...rows]).returning().all();
  }

  /** One page of a snapshot series, by (at, id). */
  async history(filter: CoverageHistoryFilter, page: PageRequest): Promise<Page<CoverageSnapshotRow>> {
    const rows = this.db
      .select()
      .from(coverageSnapshots)
      .where(and(this.where(filter), afterKey([coverageSnapshots.at, coverageSnapshots.id], page.after)))
      .orderBy(asc(coverageSnapshots.at), asc(coverageSnapshots.id))
      .limit(page.first + 1)
      .all();
    return { items: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
  }

  async historyCount(filter: CoverageHistoryFilter): Promise<number> {
    const row = this.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${coverageSnapshots} WHERE ${this.where(filter)}`);
    return row.n;
  }

  private where(filter: CoverageHistoryFilter): SQL {
    return and(
      eq(coverageSnapshots.frameworkId, filter.frameworkId),
      filter.aiSystemId === null ? isNull(coverageSnapshots.aiSystemId) : eq(coverageSnapshots.aiSystemId, filter.aiSystemId),
      eq(coverageSnapshots.viaCrosswalks, filter.viaCrosswalks),
      filter.from ? gte(coverageSnapshots.at, filter.from) : undefined,
      filter.to ? lte(coverageSnapshots.at, filter.to) : undefined,
    )!;
  }
}
