/**
 * The export worker, main-thread side: one worker thread for the process (export-worker.ts,
 * started through export-worker-boot.mjs), started on first use and unref'd while idle. Requests
 * are answered in order; the export gate already runs one export at a time. The worker's heap is
 * limited (`resourceLimits`, EXPORT_WORKER_HEAP_MIB by default) so that one export cannot grow the
 * process without bound: an export that needs more fails with ExportTooLargeError and the next
 * export starts a fresh worker. If the worker cannot start or dies otherwise, exports run
 * in-process from then on (`available` false).
 */
import { Worker } from 'node:worker_threads';
import type { Actor } from '../domain/actor.js';
import { AsOfBeforeHistoryError } from '../domain/errors.js';
import type { ExportRequest, ProducedDocument } from './export-builder.js';

/** The database the worker reads: a SQLite file, or a PostgreSQL URL (the worker opens a small pool of its own). */
export type WorkerDatabase = { file: string } | { url: string; statementTimeoutMs?: number };

/** A stable name of a WorkerDatabase (the worker keeps one store open per name). */
export const workerDatabaseKey = (database: WorkerDatabase): string => ('file' in database ? `file:${database.file}` : `url:${database.url}`);

export interface WorkerExport {
  /** The database to read. */
  database: WorkerDatabase;
  /** The exports directory the document is written to (export-files.ts). */
  directory: string;
  /** The document's id (its file's name), chosen by the main thread so that it can remove the file if the worker dies. */
  exportId: string;
  /** The service's "now" (epoch ms) for the document's generatedAt and file name. */
  now: number;
  actor: Actor;
  request: ExportRequest;
}

/** Default heap limit of the export worker (old generation, MiB); CROSSWALK_EXPORT_WORKER_MIB. */
export const EXPORT_WORKER_HEAP_MIB = 256;
/** The worker's young generation (MiB): small, so that garbage of finished exports is collected early. */
const YOUNG_GENERATION_MIB = 8;

/** An export whose document does not fit in the export worker's heap limit. */
export class ExportTooLargeError extends Error {
  readonly code = 'EXPORT_TOO_LARGE';
  constructor(readonly limitMib: number) {
    super(
      `the document is too large to produce within the export worker's ${limitMib} MiB: narrow it (frameworkIds, a scope) ` +
        'or ask the operator to raise CROSSWALK_EXPORT_WORKER_MIB',
    );
  }
}

/**
 * An export's failure as it crosses from the worker: the one refusal a document build can meet
 * (an `asOf` before the recorded history; permissions are checked before) keeps its type and
 * fields, so the answer is the one an in-process export gives; anything else is an internal error,
 * masked as usual.
 */
export type FailureReply = { kind: 'asOfBeforeHistory'; asOf: number; earliest: number } | { kind: 'internal'; stack: string };

export function failureReply(error: unknown): FailureReply {
  if (error instanceof AsOfBeforeHistoryError) return { kind: 'asOfBeforeHistory', asOf: error.asOf.getTime(), earliest: error.earliest.getTime() };
  return { kind: 'internal', stack: String((error as Error)?.stack ?? error) };
}

function errorOf(failure: FailureReply): Error {
  if (failure.kind === 'asOfBeforeHistory') return new AsOfBeforeHistoryError(new Date(failure.asOf), new Date(failure.earliest));
  return new Error(`export worker: ${failure.stack}`);
}

type Reply = { id: number; document: ProducedDocument } | { id: number; failure: FailureReply };

class ExportWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (doc: ProducedDocument) => void; reject: (error: unknown) => void }>();
  available = true;
  /** The worker's heap limit (MiB), set before the first export (server start); null: none (the CLI). */
  heapMib: number | null = EXPORT_WORKER_HEAP_MIB;
  /** The limit the running worker was started with. */
  private workerHeapMib: number | null = null;
  /** Workers ended because the limit changed: their exit is no failure. */
  private readonly retired = new WeakSet<Worker>();

  produce(job: WorkerExport): Promise<ProducedDocument> {
    // The limit changed since the worker started (a later server in this process set another):
    // an idle worker is replaced, so that every export runs within the limit set last.
    if (this.worker && this.workerHeapMib !== this.heapMib && this.pending.size === 0) {
      this.retired.add(this.worker);
      void this.worker.terminate();
      this.worker = null;
    }
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    const reply = new Promise<ProducedDocument>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, ...job });
    return reply;
  }

  private start(): Worker {
    const heapMib = this.heapMib;
    this.workerHeapMib = heapMib;
    const worker = new Worker(new URL('./export-worker-boot.mjs', import.meta.url), {
      name: 'crosswalk-export',
      resourceLimits: heapMib === null ? {} : { maxOldGenerationSizeMb: heapMib, maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('failure' in reply) waiting?.reject(errorOf(reply.failure));
      else waiting?.resolve(reply.document);
    });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed || this.retired.has(worker)) return; // 'error' is followed by 'exit'
      failed = true;
      if (this.worker === worker) this.worker = null;
      // Out of its heap limit: that export was too large; the next one gets a fresh worker.
      const tooLarge = (error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!tooLarge) this.available = false;
      for (const waiting of this.pending.values()) waiting.reject(tooLarge ? new ExportTooLargeError(heapMib ?? 0) : error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`export worker exited (${code})`)));
    return worker;
  }
}

export const exportWorker = new ExportWorker();
