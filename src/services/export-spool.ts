/**
 * A spool for values an export reads more than once while it writes one document (the evidence
 * of each control in assessment-results: its document uuid pass and its writing pass each read
 * it for the observations and again for the back-matter). The first read of a key asks the
 * database and appends the value to a file; later reads of the key read it back from that file,
 * so the database is asked once per key and only the value being used is held in memory.
 *
 * The file is created exclusively (mode 0600) in the given directory (the exports directory) and
 * unlinked at once: it lives while it is open, and nothing is left behind if the process dies.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

export class ExportSpool<K, V> {
  private readonly fd: number;
  private end = 0;
  private readonly where = new Map<K, { offset: number; length: number }>();
  private closed = false;
  /** Keys read from the database (the first read of each). */
  loads = 0;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const path = join(directory, `${randomBytes(16).toString('hex')}.spool`);
    this.fd = openSync(path, 'wx+', 0o600);
    unlinkSync(path);
  }

  /** The value of `key`: `load()` the first time (kept in the file), read back from the file afterwards. */
  read(key: K, load: () => V): V {
    const at = this.where.get(key);
    if (at) {
      const bytes = Buffer.allocUnsafe(at.length);
      for (let done = 0; done < at.length; ) {
        const n = readSync(this.fd, bytes, done, at.length - done, at.offset + done);
        if (n === 0) throw new Error('export spool: the file ended early');
        done += n;
      }
      return deserialize(bytes) as V;
    }
    const value = load();
    this.loads++;
    this.put(key, value);
    return value;
  }

  /** Keeps `value` under `key` in the file (a value read ahead, e.g. from a PostgreSQL snapshot). */
  put(key: K, value: V): void {
    const bytes = serialize(value);
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
    this.where.set(key, { offset: this.end, length: bytes.length });
    this.end += bytes.length;
  }

  /** Closes (and so frees) the file; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
