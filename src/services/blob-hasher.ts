/**
 * SHA-256 of uploads on worker threads, so that hashing (the slowest step of an upload: a few
 * hundred MB/s) runs on another core while the main thread reads the socket and writes the file.
 *
 * Bytes are handed over in blocks backed by SharedArrayBuffers: the worker reads the block the
 * file write reads from, nothing is copied again. A block must not change until `update`
 * resolved (the worker has hashed it). Messages of one session are processed in order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** The worker, as CommonJS source (eval: works under tsx, vitest and plain node alike). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const sessions = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'start') sessions.set(m.id, createHash('sha256'));
  else if (m.type === 'update') {
    sessions.get(m.id)?.update(new Uint8Array(m.buffer, m.offset, m.length));
    parentPort.postMessage({ type: 'ack', id: m.id });
  } else if (m.type === 'digest') {
    const hash = sessions.get(m.id);
    sessions.delete(m.id);
    parentPort.postMessage({ type: 'digest', id: m.id, hex: hash ? hash.digest('hex') : null });
  } else if (m.type === 'abort') sessions.delete(m.id);
});
`;

type Reply = { type: 'ack'; id: number } | { type: 'digest'; id: number; hex: string | null };

interface Pending {
  acks: { resolve: () => void; reject: (error: unknown) => void }[];
  digest: { resolve: (hex: string) => void; reject: (error: unknown) => void } | null;
}

class HashWorker {
  readonly sessions = new Map<number, Pending>();
  readonly worker: Worker;
  failed: unknown = null;

  constructor(onExit: (worker: HashWorker) => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, name: 'crosswalk-sha256' });
    this.worker.on('message', (reply: Reply) => {
      const pending = this.sessions.get(reply.id);
      if (!pending) return;
      if (reply.type === 'ack') pending.acks.shift()?.resolve();
      else {
        this.end(reply.id);
        if (reply.hex) pending.digest?.resolve(reply.hex);
        else pending.digest?.reject(new Error('hash session unknown to the worker'));
      }
    });
    const fail = (error: unknown) => {
      this.failed = error;
      for (const pending of this.sessions.values()) {
        for (const ack of pending.acks) ack.reject(error);
        pending.digest?.reject(error);
      }
      this.sessions.clear();
      onExit(this);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`hash worker exited (${code})`)));
    // An idle worker must not keep the process alive (unref after adding listeners: they ref).
    this.worker.unref();
  }

  begin(id: number, pending: Pending): void {
    if (this.sessions.size === 0) this.worker.ref();
    this.sessions.set(id, pending);
  }

  end(id: number): void {
    this.sessions.delete(id);
    if (this.sessions.size === 0) this.worker.unref();
  }
}

let nextId = 1;

/** One file's SHA-256, computed on a worker. */
export class HashSession {
  private readonly pending: Pending = { acks: [], digest: null };
  private done = false;

  constructor(
    private readonly owner: HashWorker,
    private readonly id = nextId++,
  ) {
    owner.begin(id, this.pending);
    owner.worker.postMessage({ type: 'start', id });
  }

  /** Hashes the bytes; resolves when the worker is done with them (the block may then change). */
  update(view: Uint8Array): Promise<void> {
    if (!(view.buffer instanceof SharedArrayBuffer)) throw new Error('HashSession.update needs a view of a SharedArrayBuffer');
    if (this.owner.failed) return Promise.reject(this.owner.failed);
    return new Promise<void>((resolve, reject) => {
      this.pending.acks.push({ resolve, reject });
      this.owner.worker.postMessage({ type: 'update', id: this.id, buffer: view.buffer, offset: view.byteOffset, length: view.byteLength });
    });
  }

  digest(): Promise<string> {
    this.done = true;
    if (this.owner.failed) return Promise.reject(this.owner.failed);
    return new Promise<string>((resolve, reject) => {
      this.pending.digest = { resolve, reject };
      this.owner.worker.postMessage({ type: 'digest', id: this.id });
    });
  }

  /** Forgets the session (after an error). */
  abort(): void {
    if (this.done) return;
    this.done = true;
    this.owner.end(this.id);
    if (!this.owner.failed) this.owner.worker.postMessage({ type: 'abort', id: this.id });
  }
}

/** A few hashing workers shared by all uploads of the process; sessions are spread over them. */
export class HashWorkerPool {
  private static instance: HashWorkerPool | null = null;
  private readonly workers: (HashWorker | null)[];
  private turn = 0;

  constructor(size = Math.max(1, Math.min(4, availableParallelism() - 1))) {
    this.workers = Array.from({ length: size }, () => null);
  }

  static shared(): HashWorkerPool {
    return (HashWorkerPool.instance ??= new HashWorkerPool());
  }

  session(): HashSession {
    const slot = this.turn++ % this.workers.length;
    const worker = (this.workers[slot] ??= new HashWorker((dead) => {
      if (this.workers[slot] === dead) this.workers[slot] = null;
    }));
    return new HashSession(worker);
  }
}
