/**
 * All SQL of the coverage engine, behind one repository: the bulk snapshot of the compliance graph
 * the engine evaluates (read whole or patched from the change log, coverage/graph-snapshot.ts;
 * for a large file on two threads, coverage/read-worker.ts), the graph's version, which tells when
 * that snapshot is stale (coverage/graph-version.ts), and recorded coverage snapshots
 * (coverage/history.ts). What the engine reads is declared once, in coverage/inputs.ts.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../store.js';
import { sqliteFileOf, tablesOf } from '../dialect.js';
import type { Page, PageRequest } from '../../domain/paging.js';
import { concatTables, graphOf } from './coverage/columnar-reads.js';
import { patchSnapshot, readAll, type CoverageGraphSnapshot } from './coverage/graph-snapshot.js';
import { dataVersionOf, graphVersionAndSize, type GraphVersion } from './coverage/graph-version.js';
import { inReadTransaction, run, type Read } from './coverage/dialect-reads.js';
import { historyCount, historyPage, insertSnapshots, type CoverageHistoryFilter, type CoverageSnapshotInsert, type CoverageSnapshotRow } from './coverage/history.js';
import { SOURCES } from './coverage/inputs.js';
import {
  DEFAULT_PARALLEL_READ,
  SPLIT_TABLE,
  WORKER_TABLES,
  readWorker,
  reviewCut,
  workerStatements,
  type ParallelReadOptions,
  type WorkerReply,
} from './coverage/read-worker.js';

export type { CoverageGraphSnapshot } from './coverage/graph-snapshot.js';
export type { TableColumns } from './coverage/columnar-reads.js';
export { dataVersionIn, dataVersionOf, graphIncludes, type GraphVersion } from './coverage/graph-version.js';
export { type CoverageHistoryFilter, type CoverageSnapshotInsert, type CoverageSnapshotRow } from './coverage/history.js';
export { COVERAGE_CHANGE_TABLES } from './coverage/inputs.js';
export type { ParallelReadOptions } from './coverage/read-worker.js';

/**
 * PostgreSQL: a full read runs its statements on up to this many pooled connections at once,
 * which share one snapshot (dialect-reads.ts, together); fewer when the pool has fewer free.
 */
const FULL_READ_CONNECTIONS = 4;

export interface CoverageRepositoryOptions {
  /** When a full read of a database file goes parallel (default: from 100,000 evidence items). */
  parallelRead?: ParallelReadOptions;
}

export class CoverageRepository {
  private readonly parallelRead: ParallelReadOptions;

  constructor(
    private readonly db: Db,
    options: CoverageRepositoryOptions = {},
  ) {
    this.parallelRead = options.parallelRead ?? DEFAULT_PARALLEL_READ;
  }

  /**
   * An opaque value that differs after any commit to the database, by any connection; read it on
   * the read connection. Equal values mean the data did not change in between.
   */
  async dataVersion(): Promise<string> {
    return dataVersionOf(this.db);
  }

  /** The coverage graph's version now; one small statement (compare with graphIncludes). */
  async graphVersion(): Promise<GraphVersion> {
    return (await run(this.db, graphVersionAndSize(this.db, false))).version;
  }

  /** Everything the coverage engine reads (see {@link refreshGraph}). */
  async loadGraph(): Promise<CoverageGraphSnapshot> {
    return this.refreshGraph(null);
  }

  /**
   * Everything the coverage engine reads, in one read transaction so that every table is read at
   * the same commit, with the version it was read at. Given the previous snapshot, and when the
   * change log reaches back to it, only the rows changed since are read again and patched into
   * a copy of it (the previous snapshot is left as it is); otherwise every table is read, one
   * statement per table (for a large database file, on two threads: see below; on PostgreSQL on
   * several connections sharing the transaction's snapshot).
   */
  async refreshGraph(previous: CoverageGraphSnapshot | null): Promise<CoverageGraphSnapshot> {
    // A full read of a large database file reads the biggest table on a worker thread, in its own
    // read transaction: the two reads agree when both saw the same change-log revision (and
    // schema), which names the whole coverage graph (only tracked databases qualify). Otherwise,
    // e.g. a write committed between the two transactions began, it is read again.
    for (let attempt = 0; ; attempt++) {
      const file = attempt < 3 ? this.parallelFile() : null;
      let fromWorker: Promise<WorkerReply> | null = null;
      const parallelRead = this.parallelRead;
      function* read(tx: Db): Read<CoverageGraphSnapshot> {
        const { version, evidence, reviews } = yield* graphVersionAndSize(tx, true);
        if (previous && previous.version.tracked && version.tracked && previous.version.schema === version.schema) {
          if (previous.version.revision === version.revision) return { ...previous, version, read: { kind: 'patch', changes: 0, tables: [] } };
          const patched = yield* patchSnapshot(tx, previous, version);
          if (patched) return patched;
        }
        if (file && version.tracked && evidence >= parallelRead.minEvidence) {
          const cut = reviewCut(reviews);
          parallelRead.beforeWorker?.();
          fromWorker = readWorker.read(file, workerStatements(cut));
          // An unhandled rejection must not escape while this thread reads.
          fromWorker.catch(() => undefined);
          return yield* readAll(tx, version, { skip: WORKER_TABLES, splitRange: `id <= ${cut}` });
        }
        return yield* readAll(tx, version);
      }
      // Without a previous snapshot the read is a full one: its extra connections are taken at once.
      const snapshot = await inReadTransaction(this.db, read, { lanes: FULL_READ_CONNECTIONS, early: previous === null });
      if (!fromWorker) return snapshot;
      let reply: WorkerReply;
      try {
        reply = await (fromWorker as Promise<WorkerReply>);
      } catch {
        continue; // the worker failed: read again (here once the worker is gone or after three attempts)
      }
      if (reply.revision !== snapshot.version.revision || reply.schema !== snapshot.version.schema) continue;
      const tables = new Map(snapshot.tables);
      const whole = SOURCES.filter((s) => WORKER_TABLES.has(s.table));
      whole.forEach((s, i) => tables.set(s.table, reply.tables[i]!));
      tables.set(SPLIT_TABLE, concatTables(tables.get(SPLIT_TABLE)!, reply.tables[whole.length]!));
      return { ...snapshot, tables, graph: graphOf(tables, snapshot.baselineExclusions) };
    }
  }

  /** The database file a worker can read too; null on PostgreSQL, for an in-memory database or after a worker failure. */
  private parallelFile(): string | null {
    return readWorker.failed ? null : sqliteFileOf(this.db);
  }

  /** Ids of the controls whose domain is exactly `domain` (case-sensitive). */
  async controlIdsInDomain(domain: string): Promise<number[]> {
    const { controls } = tablesOf(this.db);
    const rows = await this.db.select({ id: controls.id }).from(controls).where(eq(controls.domain, domain));
    return rows.map((r) => r.id);
  }

  async insertSnapshots(rows: readonly CoverageSnapshotInsert[]): Promise<CoverageSnapshotRow[]> {
    return insertSnapshots(this.db, rows);
  }

  /** One page of a snapshot series, by (at, id). */
  async history(filter: CoverageHistoryFilter, page: PageRequest): Promise<Page<CoverageSnapshotRow>> {
    return historyPage(this.db, filter, page);
  }

  async historyCount(filter: CoverageHistoryFilter): Promise<number> {
    return historyCount(this.db, filter);
  }
}
