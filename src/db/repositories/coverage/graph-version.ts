/**
 * The coverage graph's version: what tells the coverage cache that its rows are stale. With the
 * change-log triggers in place (`tracked`: every trigger of inputs.ts exists), the version is the
 * change log's last sequence number, which only writes to what the engine reads move. Without
 * them (a database whose triggers a later table rebuild dropped), any commit counts: SQLite's data
 * version plus this connection's own row count; PostgreSQL's snapshot. The SQL of each dialect is
 * in dialect-reads.ts.
 */
import type { Db } from '../../store.js';
import { readsOf, run, runSync, step, TRIGGER_COUNT, type Read, type VersionColumns } from './dialect-reads.js';

export interface GraphVersion {
  tracked: boolean;
  /** Last change-log sequence number (0 when untracked). */
  revision: number;
  /** SQLite: `PRAGMA schema_version`; PostgreSQL: the applied migrations and the triggers (dialect-reads.ts). Any schema change reloads everything. */
  schema: number;
  /** SQLite: `data_version:total_changes()`; PostgreSQL: the snapshot. What untracked versions compare. */
  data: string;
}

/** True when `now` names the same graph as `loaded`, or a graph `loaded` already includes. */
export function graphIncludes(loaded: GraphVersion, now: GraphVersion): boolean {
  if (!loaded.tracked) return loaded.data === now.data;
  return loaded.schema === now.schema && loaded.revision >= now.revision;
}

/**
 * An opaque value that differs after any commit to the database. SQLite: `PRAGMA data_version`
 * changes on this connection whenever another connection (of this process or another one, e.g.
 * the CLI) commits; `total_changes()` grows with every row this connection itself writes (an
 * in-memory store reads and writes through one connection). PostgreSQL: the snapshot's text
 * (`xmin:xmax:in-progress`), which a commit always changes. In a transaction, as of its snapshot.
 */
export function* dataVersionRead(db: Db): Read<string> {
  return (yield* step((r) => r.version(db))).data;
}

/** {@link dataVersionRead} on a SQLite handle, synchronously. */
export const dataVersionIn = (db: Db): string => runSync(db, dataVersionRead(db));

/** {@link dataVersionRead} on either backend. */
export const dataVersionOf = (db: Db): Promise<string> => run(db, dataVersionRead(db));

/**
 * The graph version, and (with `checkTriggers`, which also tells whether it is tracked) the
 * largest evidence and review ids, which tell whether a parallel read pays off.
 */
export function* graphVersionAndSize(tx: Db, checkTriggers: boolean): Read<{ version: GraphVersion; evidence: number; reviews: number }> {
  const row = yield* step((r) => r.version(tx));
  const more = checkTriggers ? yield* step((r) => r.tracking(tx)) : null;
  const tracked = more !== null && more.triggers === TRIGGER_COUNT;
  return {
    version: { tracked, revision: row.revision, schema: row.schema, data: row.data },
    evidence: more?.evidence ?? 0,
    reviews: more?.reviews ?? 0,
  };
}

/**
 * The columns of the handle's graph-version statement, for a statement that reads the version
 * along with another lookup (one round trip on PostgreSQL); {@link graphVersionIn} reads them back.
 */
export const graphVersionColumns = (db: Db): VersionColumns => readsOf(db).versionColumns;

/** The graph version (as {@link graphVersionAndSize} without the trigger check) in a row that selected {@link graphVersionColumns}. */
export function graphVersionIn(db: Db, row: Record<string, unknown>): GraphVersion {
  const v = readsOf(db).versionOf(row);
  return { tracked: false, revision: v.revision, schema: v.schema, data: v.data };
}
