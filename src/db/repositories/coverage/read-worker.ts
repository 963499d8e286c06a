/**
 * The parallel full read of a large database file: a worker thread (coverage-read-worker.cjs)
 * reads the evidence table, about as much work as all the others (2.5 of the 6.4 million values at
 * the benchmark's M size), and the reviews with the last {@link WORKER_REVIEW_SHARE} of the ids, on
 * its own read-only connection, while the calling thread reads the rest. The two reads agree when
 * both saw the same change-log revision and schema (see CoverageRepository.refreshGraph).
 */
import { Worker } from 'node:worker_threads';
import { SOURCES, type Source } from './inputs.js';
import { sourceSql, type TableColumns } from './columnar-reads.js';

/** When a full read goes parallel (an option of CoverageRepository). */
export interface ParallelReadOptions {
  /** A full read of a database file with at least this many evidence items (by largest id) reads on two threads. */
  minEvidence: number;
  /**
   * Called as a parallel read begins: after the calling thread's read transaction has begun,
   * before the worker starts reading (tests commit a write here, and count the attempts).
   */
  beforeWorker?: () => void;
}

export const DEFAULT_PARALLEL_READ: ParallelReadOptions = { minEvidence: 100_000 };

/** The tables the worker reads whole; the calling thread reads the others. */
export const WORKER_TABLES: ReadonlySet<string> = new Set(['evidence']);
/** The table the two threads share by id: the worker reads the ids above the cut. */
export const SPLIT_TABLE = 'evidence_reviews';
const WORKER_REVIEW_SHARE = 0.3;

export interface WorkerReply {
  id: number;
  error?: string;
  revision: number;
  schema: number;
  /** The tables of {@link WORKER_TABLES} in SOURCES order, then the split table's share. */
  tables: TableColumns[];
}

/** The split table's id cut: the calling thread reads ids ≤ cut, the worker the others. */
export const reviewCut = (reviews: number): number => Math.floor(reviews * (1 - WORKER_REVIEW_SHARE));

const split = (): Source => SOURCES.find((s) => s.table === SPLIT_TABLE)!;

/** The worker's statements for a read cut at `cut`. */
export const workerStatements = (cut: number): string[] => [
  ...SOURCES.filter((s) => WORKER_TABLES.has(s.table)).map((s) => sourceSql(s)),
  sourceSql(split(), `id > ${cut}`),
];

/**
 * One read worker for the process, started on first use and kept idle (unref'd: it never keeps
 * the process alive, except while a read is in flight). Its connection is opened and closed per
 * read, so it holds no file open in between.
 */
class ReadWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: unknown) => void }>();
  /** Set when the worker cannot start or fails: reads stay on the calling thread from then on. */
  failed = false;

  read(file: string, statements: readonly string[]): Promise<WorkerReply> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    const reply = new Promise<WorkerReply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, file, tables: statements.map((s) => ({ sql: s })) });
    return reply;
  }

  private start(): Worker {
    const worker = new Worker(new URL('../coverage-read-worker.cjs', import.meta.url), { name: 'crosswalk-coverage-read' });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error) waiting?.reject(new Error(`coverage read worker: ${reply.error}`));
      else waiting?.resolve(reply);
    });
    const fail = (error: unknown) => {
      if (this.worker === worker) this.worker = null;
      this.failed = true;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`coverage read worker exited (${code})`)));
    return worker;
  }
}

export const readWorker = new ReadWorker();
