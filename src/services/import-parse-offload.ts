/**
 * Reading an import's text off the main thread. `JSON.parse` (or reading OSCAL XML or YAML, or
 * CSV) of a whole file runs without a pause: tens of milliseconds for a 5 MiB JSON file on an idle
 * core, far more for XML. So a text of PARSE_OFF_THREAD_FROM characters or more is read by the
 * import parse worker (import-parse-worker.ts, one thread for the process, started on first use
 * and unref'd while idle), which hands the document back in slices of at most SLICE_VALUES values
 * (document-slices.ts). The main thread places one slice per turn of its event loop, with one more
 * in flight, so other requests are answered between slices.
 *
 * A smaller text is read in-process (JSON of that size takes well under a millisecond). If the worker cannot start or
 * dies, texts are read in-process from then on (`available` false), as before.
 */
import { threadId, Worker } from 'node:worker_threads';
import { DocumentAssembler, sliceValues, type DocumentSlice } from '../domain/import/document-slices.js';
import { readDocument } from '../domain/import/formats.js';
import { ImportDocumentError, type ImportDocument } from '../domain/import/types.js';

/** Texts of at least this many characters are read by the worker. */
export const PARSE_OFF_THREAD_FROM = 16 * 1024;

export type ParseRequest =
  | { id: number; kind: 'parse'; text: string; syntax: 'json' | 'csv' | null }
  | { id: number; kind: 'next' }
  | { id: number; kind: 'cancel' };

export type ParseReply =
  | { id: number; slice: DocumentSlice; done: boolean; threadId: number }
  | { id: number; documentError: { location: string; reason: string; field: string | null } }
  | { id: number; failure: string };

/** How the last documents were read (tests check where and in what slices, not how fast). */
export interface ParseRecord {
  /** The thread that ran the parse (the main thread's id when read in-process). */
  threadId: number;
  characters: number;
  slices: number;
  /** The most values one slice placed on the main thread. */
  largestSliceValues: number;
}

class ImportParseWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (reply: ParseReply) => void; reject: (error: unknown) => void }>();
  available = true;
  /** The last few reads, newest last. */
  readonly recent: ParseRecord[] = [];

  /** The document of `text` (readDocument's rules), read off the main thread when the text is large. */
  async read(text: string, syntax: 'json' | 'csv' | null): Promise<ImportDocument> {
    if (text.length < PARSE_OFF_THREAD_FROM || !this.available) {
      const document = readDocument(text, syntax);
      this.record({ threadId, characters: text.length, slices: 0, largestSliceValues: 0 });
      return document;
    }
    let worker: Worker;
    try {
      worker = this.worker ??= this.start();
    } catch {
      this.available = false;
      return this.read(text, syntax);
    }
    const id = this.next++;
    const assembler = new DocumentAssembler();
    const record: ParseRecord = { threadId: -1, characters: text.length, slices: 0, largestSliceValues: 0 };
    let reply: ParseReply;
    try {
      reply = await this.ask(worker, { id, kind: 'parse', text, syntax });
    } catch (error) {
      // The worker could not start or died: read in-process (from now on, unless it ran out of memory).
      if (!this.available) return this.read(text, syntax);
      throw error;
    }
    for (;;) {
      if ('documentError' in reply) {
        const { location, reason, field } = reply.documentError;
        throw new ImportDocumentError(location, reason, field);
      }
      if ('failure' in reply) throw new Error(`import parse worker: ${reply.failure}`);
      record.threadId = reply.threadId;
      record.slices++;
      record.largestSliceValues = Math.max(record.largestSliceValues, sliceValues(reply.slice));
      // The next slice is asked for at once (one in flight: the worker prepares it meanwhile), and
      // is received, at most one per turn, only after this one is placed and the loop has turned.
      const following = reply.done ? null : this.ask(worker, { id, kind: 'next' });
      try {
        assembler.add(reply.slice);
      } catch (error) {
        if (following) {
          following.catch(() => undefined);
          worker.postMessage({ id, kind: 'cancel' } satisfies ParseRequest);
        }
        throw error;
      }
      if (!following) break;
      // One slice per turn: pending I/O and timers (other requests) run before the next.
      await new Promise<void>((resolve) => setImmediate(resolve));
      reply = await following;
    }
    this.record(record);
    return assembler.result() as ImportDocument;
  }

  private record(entry: ParseRecord): void {
    this.recent.push(entry);
    if (this.recent.length > 10) this.recent.shift();
  }

  private ask(worker: Worker, request: ParseRequest): Promise<ParseReply> {
    const reply = new Promise<ParseReply>((resolve, reject) => this.pending.set(request.id, { resolve, reject }));
    worker.ref();
    worker.postMessage(request);
    return reply;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./import-parse-worker-boot.mjs', import.meta.url), { name: 'crosswalk-import-parse' });
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      waiting?.resolve(reply);
    });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return; // 'error' is followed by 'exit'
      failed = true;
      if (this.worker === worker) this.worker = null;
      const outOfMemory = (error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!outOfMemory) this.available = false;
      for (const waiting of this.pending.values()) {
        waiting.reject(outOfMemory ? new ImportDocumentError('', 'the document is too large to read in the memory an import may use; split it into smaller files') : error);
      }
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`import parse worker exited (${code})`)));
    return worker;
  }
}

export const importParseWorker = new ImportParseWorker();
