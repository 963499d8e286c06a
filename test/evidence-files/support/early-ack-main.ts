/**
 * TEST ONLY — a deliberately broken server for the crash test's negative control. It runs the
 * real server (src/main.ts) over the real store (SQLite or PostgreSQL), except that every write
 * transaction hands its result to the caller as soon as the work is done and COMMITs 250 ms later.
 * So the server acknowledges uploads and attaches before they are committed, and a SIGKILL in
 * between loses acknowledged work. The crash test must detect that, proving the harness catches loss.
 */
import { SqliteStore } from '../../../src/db/sqlite-store.js';
import { PostgresStore } from '../../../src/db/pg-store.js';

for (const Store of [SqliteStore, PostgresStore]) {
  type TransactionFn = SqliteStore['transaction'];
  const commit = Store.prototype.transaction as TransactionFn;
  Store.prototype.transaction = function acknowledgeEarly<T>(this: SqliteStore, fn: Parameters<TransactionFn>[0]): Promise<T> {
    return new Promise<T>((acknowledge, reject) => {
      commit
        .call(this, async (tx) => {
          const result = (await fn(tx)) as T;
          acknowledge(result); // before COMMIT: the bug under test
          await new Promise((resolve) => setTimeout(resolve, 250));
          return result;
        })
        .catch(reject);
    });
  } as TransactionFn;
}

await import('../../../src/main.js');
