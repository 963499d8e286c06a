/**
 * The coverage graph's version: what tells the coverage cache that its rows are stale. With the
 * change-log triggers in place (`tracked`: every trigger of inputs.ts exists), the version is the
 * change log's last sequence number, which only writes to what the engine reads move. Without
 * them (a database whose triggers a later table rebuild dropped), any commit counts: SQLite's data
 * version plus this connection's own row count.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../store.js';
import { preparedPerConnection } from '../sql-helpers.js';
import { REVISION_SQL, SCHEMA_VERSION_SQL } from '../json-number-column.cjs';
import { COVERAGE_CHANGE_TABLES } from './inputs.js';

export interface GraphVersion {
  tracked: boolean;
  /** Last change-log sequence number (0 when untracked). */
  revision: number;
  /** `PRAGMA schema_version`: any schema change reloads everything. */
  schema: number;
  /** `data_version:total_changes()`, what untracked versions compare. */
  data: string;
}

/** True when `now` names the same graph as `loaded`, or a graph `loaded` already includes. */
export function graphIncludes(loaded: GraphVersion, now: GraphVersion): boolean {
  if (!loaded.tracked) return loaded.data === now.data;
  return loaded.schema === now.schema && loaded.revision >= now.revision;
}

/**
 * The graph version; reading sqlite_sequence also starts a read transaction's snapshot. Every
 * coverage read runs it, so it is prepared once per connection (compiling it cost more than
 * running it); in a transaction it reads the transaction's snapshot.
 */
const graphVersionStatement = preparedPerConnection((db: Db) =>
  db
    .select({
      r: sql<number>`${sql.raw(REVISION_SQL)}`,
      s: sql<number>`${sql.raw(SCHEMA_VERSION_SQL)}`,
      d: sql<number>`(SELECT data_version FROM pragma_data_version())`,
      c: sql<number>`total_changes()`,
    })
    .from(sql`(SELECT 1)`)
    .prepare(),
);

/**
 * An opaque value that differs after any commit to the database: `PRAGMA data_version` changes on
 * this connection whenever another connection (of this process or another one, e.g. the CLI)
 * commits; `total_changes()` grows with every row this connection itself writes (an in-memory
 * store reads and writes through one connection). In a transaction, as of its snapshot.
 */
export function dataVersionIn(db: Db): string {
  const row = graphVersionStatement(db).get()!;
  return `${row.d}:${row.c}`;
}

const TRIGGER_NAMES = COVERAGE_CHANGE_TABLES.flatMap((t) => ['insert', 'update', 'delete'].map((op) => `coverage_changes_${t}_${op}`));
const TRIGGER_COUNT = sql.raw(
  `SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGER_NAMES.map((n) => `'${n}'`).join(', ')})) AS n,
  (SELECT coalesce(max(rowid), 0) FROM evidence) AS e, (SELECT coalesce(max(id), 0) FROM evidence_reviews) AS rv`,
);

/**
 * The graph version, and (with `checkTriggers`, which also tells whether it is tracked) the
 * largest evidence and review ids, which tell whether a parallel read pays off.
 */
export function graphVersionAndSize(tx: Db, checkTriggers: boolean): { version: GraphVersion; evidence: number; reviews: number } {
  const row = graphVersionStatement(tx).get()!;
  const more = checkTriggers ? tx.get<{ n: number; e: number; rv: number }>(TRIGGER_COUNT) : null;
  const tracked = more !== null && more.n === TRIGGER_NAMES.length;
  return {
    version: { tracked, revision: row.r, schema: row.s, data: `${row.d}:${row.c}` },
    evidence: more?.e ?? 0,
    reviews: more?.rv ?? 0,
  };
}
