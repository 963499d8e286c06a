/**
 * The export worker thread (see export-offload.ts): builds export documents from its own
 * connections to the database (the SQLite file, or a small PostgreSQL pool of its own: a pool
 * cannot cross threads), with its own coverage cache, and writes each to a file of
 * the exports directory (export-files.ts), so a large document is evaluated, formatted, written
 * and hashed without holding the server's event loop, and only its description (id, name,
 * SHA-256, size) crosses to the main thread.
 * The permission was checked by the caller; the instant and "now" come with the request, so the
 * document is the one the main thread would have built.
 */
import { parentPort } from 'node:worker_threads';
import { SqliteStore } from '../db/sqlite-store.js';
import type { Store } from '../db/store.js';
import { CoverageService } from './coverage-service.js';
import { ExportBuilder, produceDocument } from './export-builder.js';
import { failureReply, workerDatabaseKey, type WorkerDatabase, type WorkerExport } from './export-offload.js';
import { MutationRunner } from './mutation-runner.js';

/** The worker closes its connections (and drops its coverage cache) after this long without a request. */
const IDLE_CLOSE_MS = 30_000;
/**
 * The worker keeps one evaluation (and its time slice): the exports of one request share their
 * instant and arrive one after the other, so they evaluate once; an evaluation of an earlier
 * request's instant is let go instead of filling the worker's heap limit (at size M each one
 * weighs tens of MiB). It reads the graph on its own thread: the parallel read's second thread
 * would add its own heap to the export's.
 */
const WORKER_COVERAGE_CACHE = { slices: 1, answers: 1, parallelRead: false };

/** Connections of the worker's PostgreSQL pool: one snapshot and the coverage reads beside it. */
const WORKER_POOL_SIZE = 2;

let open: { key: string; store: Store; builder: ExportBuilder } | null = null;
let idle: NodeJS.Timeout | undefined;
/** The request's instant (set from each message before its export is built). */
let now = 0;
const clock = () => new Date(now);

async function builderFor(database: WorkerDatabase): Promise<ExportBuilder> {
  const key = workerDatabaseKey(database);
  if (open?.key === key) return open.builder;
  if (open) await closeStore();
  const store = await storeOf(database);
  const coverage = new CoverageService(store, new MutationRunner(store, clock), clock, WORKER_COVERAGE_CACHE);
  open = { key, store, builder: new ExportBuilder(store, coverage, clock) };
  return open.builder;
}

/** The worker's store: the SQLite file, or a pool of its own on the PostgreSQL database (loaded only then; already migrated by the server). */
async function storeOf(database: WorkerDatabase): Promise<Store> {
  if ('file' in database) return SqliteStore.open(database.file);
  const { PostgresStore } = await import('../db/pg-store.js');
  return PostgresStore.connect(database.url, { poolSize: WORKER_POOL_SIZE, statementTimeoutMs: database.statementTimeoutMs });
}

async function closeStore(): Promise<void> {
  const closing = open;
  open = null;
  await closing?.store.close();
}

// One request at a time, in arrival order.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: WorkerExport & { id: number }) => {
  clearTimeout(idle);
  queue = queue.then(async () => {
    try {
      const builder = await builderFor(message.database);
      now = message.now;
      const document = await produceDocument(builder, message.directory, message.actor, message.request, false, message.exportId);
      parentPort!.postMessage({ id: message.id, document });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, failure: failureReply(error) });
    }
    clearTimeout(idle);
    idle = setTimeout(() => void (queue = queue.then(closeStore)), IDLE_CLOSE_MS).unref();
  });
});
