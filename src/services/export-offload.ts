/**
 * The export worker, main-thread side: one worker thread for the process (export-worker.ts,
 * started through export-worker-boot.mjs), started on first use and unref'd while idle. Requests
 * are answered in order; the export gate already runs one export at a time. If the worker cannot
 * start or dies, exports run in-process from then on (`available` false).
 */
import { Worker } from 'node:worker_threads';
import type { Actor } from '../domain/actor.js';
import type { ExportRequest, ProducedDocument } from './export-service.js';

export interface WorkerExport {
  /** The database file to read. */
  file: string;
  /** The service's "now" (epoch ms) for the document's generatedAt and file name. */
  now: number;
  actor: Actor;
  request: ExportRequest;
}

type Reply = { id: number; document: ProducedDocument } | { id: number; error: string; forbidden?: boolean };

class ExportWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (doc: ProducedDocument) => void; reject: (error: unknown) => void }>();
  available = true;

  produce(job: WorkerExport): Promise<ProducedDocument> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    const reply = new Promise<ProducedDocument>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, ...job });
    return reply;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./export-worker-boot.mjs', import.meta.url), { name: 'crosswalk-export' });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiting?.reject(new Error(`export worker: ${reply.error}`));
      else waiting?.resolve(reply.document);
    });
    const fail = (error: unknown) => {
      if (this.worker === worker) this.worker = null;
      this.available = false;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`export worker exited (${code})`)));
    return worker;
  }
}

export const exportWorker = new ExportWorker();
