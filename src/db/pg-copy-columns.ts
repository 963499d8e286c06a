/**
 * Columns of doubles read with `COPY (SELECT …) TO STDOUT (FORMAT binary)` on one node-postgres
 * connection. PostgreSQL sends each row as a CopyData message of its values' binary forms; while
 * the copy lasts the connection's socket is read here, and each row is decoded straight from the
 * socket's chunks into a Float64Array per column ({@link BinaryCopyDecoder}).
 *
 * Why not a SELECT: node-postgres decodes every field as UTF-8 text, so each column had to be
 * aggregated and encoded in PostgreSQL (base64 of its doubles), which cost PostgreSQL about twice
 * the CPU of the copy. Why not node-postgres's own parser for the copy's messages, or the
 * pg-copy-streams package: both handle each message (a row) as an event or a Buffer of its own,
 * which cost more CPU in Node than the copy saved in PostgreSQL. Measured at the benchmark's M
 * size: docs/performance.md "PostgreSQL".
 *
 * The socket is taken over as node-postgres lets a Submittable do (pg-copy-streams does the same):
 * from the query's first message until its CopyDone, or an ErrorResponse, whose bytes and
 * everything after them go back to node-postgres's parser, which then ends the query as usual
 * (CommandComplete and ReadyForQuery; or the error). Notices and notifications that arrive during
 * the copy are skipped. Used on a client checked out of the pool for a read transaction.
 */
import type pg from 'pg';

/** A table's columns as read; NULL as NaN. */
export interface CopiedColumns {
  readonly n: number;
  readonly columns: Float64Array[];
}

const COPY_OUT_RESPONSE = 0x48; // 'H'
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const ERROR_RESPONSE = 0x45; // 'E'
/** Sent at any time: notices, notifications, parameter changes; skipped. */
const ASYNCHRONOUS = new Set([0x4e /* N */, 0x41 /* A */, 0x53 /* S */]);

/** The most rows room is made for before any came (a stale estimate must not allocate without bound); beyond, the room doubles as rows come. */
const MOST_ROOM_AHEAD = 1 << 22;

/** The binary copy format's signature: "PGCOPY\n\377\r\n\0". */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/** What node-postgres's Client calls on the query it runs (the Submittable protocol of pg). */
interface Connection {
  stream: NodeJS.ReadableStream & { listeners(event: 'data'): ((chunk: Buffer) => void)[] };
  query(text: string): void;
}

/** A copy whose messages or data are not what this reader asked for (the connection stays usable). */
export class CopyReadError extends Error {}

/** The statement {@link copyColumns} sends for `select`. */
export const copyStatement = (select: string): string => `COPY (${select}) TO STDOUT (FORMAT binary)`;

/**
 * The rows of `select` (a SELECT without parameters of `width` columns, each a float8) as columns,
 * in the rows' order. `about`: how many rows are likely (room for them is made at once).
 */
export function copyColumns(client: pg.ClientBase, select: string, width: number, about = 0): Promise<CopiedColumns> {
  return new Promise((resolve, reject) => {
    client.query(new CopyColumnsQuery(copyStatement(select), new BinaryCopyDecoder(width, about), resolve, reject) as unknown as pg.Submittable);
  });
}

class CopyColumnsQuery {
  private stream: Connection['stream'] | null = null;
  private parserOnData: ((chunk: Buffer) => void) | null = null;
  /** The first bytes of a message whose header (or, but for CopyData, whole body) the last chunk cut short. */
  private carry: Buffer | null = null;
  /** Bytes of the current CopyData message still to come in later chunks. */
  private dataLeft = 0;
  private started = false;
  private failure: Error | null = null;

  constructor(
    readonly text: string,
    private readonly decoder: BinaryCopyDecoder,
    private readonly resolve: (columns: CopiedColumns) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  /** Set by node-postgres when the query has a callback of its own (its read timeout wraps one): called once, when the query ends. */
  callback?: (error: Error | null, result?: CopiedColumns) => void;
  private settled = false;

  /** node-postgres reports an Error returned here through handleError (a throw would leave the client waiting). */
  submit(connection: Connection): Error | void {
    const listeners = connection.stream.listeners('data');
    if (listeners.length !== 1) return new CopyReadError(`COPY: the connection's socket has ${listeners.length} data listeners, expected node-postgres's one`);
    this.stream = connection.stream;
    this.parserOnData = listeners[0]!;
    this.stream.removeListener('data', this.parserOnData);
    this.stream.on('data', this.onData);
    connection.query(this.text);
  }

  /** Splits a chunk of the socket into messages; CopyData goes to the decoder as it comes, even a message cut between chunks. */
  private readonly onData = (chunk: Buffer): void => {
    let bytes = chunk;
    if (this.carry) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = bytes.length;
    let p = 0;
    if (this.dataLeft > 0) {
      const stop = Math.min(length, this.dataLeft);
      this.decode(view, 0, stop);
      this.dataLeft -= stop;
      p = stop;
    }
    while (p < length && this.stream) {
      const code = bytes[p]!;
      if (code === ERROR_RESPONSE) return this.handBack(bytes.subarray(p));
      if (length - p < 5) break;
      const end = p + 1 + view.getUint32(p + 1);
      if (code === COPY_DATA && this.started) {
        // PostgreSQL sends each row as one message: whole ones are decoded in place.
        if (end <= length && this.decodeWhole(view, p + 5, end)) {
          p = end;
          continue;
        }
        const stop = Math.min(end, length);
        this.decode(view, p + 5, stop);
        this.dataLeft = end - stop;
        p = stop;
        continue;
      }
      if (end > length) break;
      if (code === COPY_OUT_RESPONSE) {
        this.checkFormat(bytes, p + 5);
        this.started = true;
      } else if (code === COPY_DONE && this.started) return this.handBack(bytes.subarray(end));
      else if (!ASYNCHRONOUS.has(code)) {
        // Not a copy (this reader's statements always are): node-postgres ends the query.
        this.failure ??= new CopyReadError(`COPY: unexpected message '${String.fromCharCode(code)}'`);
        return this.handBack(bytes.subarray(p));
      }
      p = end;
    }
    if (p < length && this.stream) this.carry = Buffer.from(bytes.subarray(p));
  };

  /** Whether the bytes were one whole row, decoded (or a malformed one, which failed the read); see BinaryCopyDecoder.wholeRow. */
  private decodeWhole(view: DataView, from: number, to: number): boolean {
    if (this.failure) return false;
    try {
      return this.decoder.wholeRow(view, from, to);
    } catch (error) {
      this.failure = error as Error;
      return true;
    }
  }

  private decode(view: DataView, from: number, to: number): void {
    if (this.failure) return;
    try {
      this.decoder.push(view, from, to);
    } catch (error) {
      this.failure = error as Error;
    }
  }

  /** Fails the read unless the CopyOutResponse announces a binary copy of the decoder's width. */
  private checkFormat(bytes: Buffer, at: number): void {
    const binary = bytes[at] === 1;
    const columns = bytes.readUInt16BE(at + 1);
    if (!binary || columns !== this.decoder.width) {
      this.failure ??= new CopyReadError(`COPY: expected a binary copy of ${this.decoder.width} columns, got ${binary ? 'binary' : 'text'} of ${columns}`);
    }
  }

  /** Gives the socket back to node-postgres's parser, with `rest` (the bytes it has not seen). */
  private handBack(rest: Buffer): void {
    const stream = this.stream;
    const parserOnData = this.parserOnData;
    if (!stream || !parserOnData) return;
    this.stream = null;
    this.parserOnData = null;
    this.carry = null;
    stream.removeListener('data', this.onData);
    stream.on('data', parserOnData);
    if (rest.length) parserOnData(rest);
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (this.failure) return this.settle(this.failure);
    let columns: CopiedColumns;
    try {
      columns = this.decoder.finish();
    } catch (error) {
      return this.settle(error as Error);
    }
    this.settle(null, columns);
  }

  /**
   * An ErrorResponse (already handed back to node-postgres's parser), the connection failing, or
   * node-postgres's read timeout (`query_timeout`) while the copy goes on. The read fails at once;
   * a socket still taken over stays so until the copy's CopyDone or ErrorResponse, so that
   * node-postgres's parser starts again at the start of a message.
   */
  handleError(error: Error): void {
    this.failure ??= error;
    this.settle(error);
  }

  private settle(error: Error | null, columns?: CopiedColumns): void {
    if (this.settled) return;
    this.settled = true;
    this.callback?.(error, columns);
    if (error) this.reject(error);
    else this.resolve(columns!);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  handleCopyInResponse(connection: { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('crosswalk: a COPY FROM was not expected');
  }
}

/**
 * The columns of a binary COPY's data (PostgreSQL's documentation, COPY, "Binary Format"), given
 * in pieces of any size: the header, then each row as its field count and each field's length and
 * bytes (-1: NULL), then -1. Every field is a double (float8). Rows are decoded straight from the
 * pieces; only a row cut between two pieces is copied.
 */
export class BinaryCopyDecoder {
  private header = true;
  private ended = false;
  /** The start of a row (or of the header) that the last piece cut short. */
  private pending: Uint8Array | null = null;
  private columns: Float64Array[];
  private capacity: number;
  private n = 0;

  /** `about`: how many rows are likely; room for them (and a twentieth more) is made at once, and doubled when it runs out. */
  constructor(
    readonly width: number,
    about = 0,
  ) {
    this.capacity = Math.min(MOST_ROOM_AHEAD, Math.max(1024, Math.ceil(about * 1.05)));
    this.columns = Array.from({ length: width }, () => new Float64Array(this.capacity));
  }

  /** Decodes the bytes `from`–`to` of `view`. */
  push(view: DataView, from: number, to: number): void {
    if (this.pending) {
      const joined = new Uint8Array(this.pending.length + to - from);
      joined.set(this.pending);
      joined.set(new Uint8Array(view.buffer, view.byteOffset + from, to - from), this.pending.length);
      this.pending = null;
      view = new DataView(joined.buffer);
      from = 0;
      to = joined.length;
    }
    let p = from;
    if (this.header) {
      if (to - p < 19 || to - p < 19 + view.getUint32(p + 15)) return this.keep(view, p, to);
      for (let i = 0; i < SIGNATURE.length; i++) if (view.getUint8(p + i) !== SIGNATURE[i]) fail('the data does not start with the binary format signature');
      p += 19 + view.getUint32(p + 15);
      this.header = false;
    }
    while (p < to) {
      if (this.ended) fail('data follows the trailer');
      if (to - p < 2) break;
      const fields = view.getInt16(p);
      if (fields === -1) {
        this.ended = true;
        p += 2;
        continue;
      }
      if (fields !== this.width) fail(`a row of ${fields} fields, expected ${this.width}`);
      const after = this.fields(view, p + 2, to);
      // A row cut short leaves its slots to be written again when the rest of it comes.
      if (after < 0) break;
      this.n++;
      p = after;
    }
    if (p < to) this.keep(view, p, to);
  }

  /**
   * Decodes the bytes `from`–`to` when they are exactly one row of this width, nothing cut before
   * it, and says whether they were; otherwise decodes nothing ({@link push} then takes them).
   * Throws on a field that is not a double, as push does.
   */
  wholeRow(view: DataView, from: number, to: number): boolean {
    if (this.pending || this.header || this.ended || to - from < 2 || view.getInt16(from) !== this.width) return false;
    if (this.fields(view, from + 2, to) !== to) return false;
    this.n++;
    return true;
  }

  /**
   * Writes the fields of a row starting at `q` (after its field count) into the next slot of each
   * column: the position after the row, or −1 when the bytes end before it does (the slots are
   * then written again with the whole row).
   */
  private fields(view: DataView, q: number, to: number): number {
    if (this.n === this.capacity) this.grow();
    const columns = this.columns;
    const n = this.n;
    for (let c = 0; c < this.width; c++) {
      if (to - q < 4) return -1;
      const length = view.getInt32(q);
      if (length === 8) {
        if (to - q < 12) return -1;
        columns[c]![n] = view.getFloat64(q + 4);
        q += 12;
      } else if (length === -1) {
        columns[c]![n] = NaN;
        q += 4;
      } else fail(`a field of ${length} bytes is not a double`);
    }
    return q;
  }

  /** The columns, once the trailer came. */
  finish(): CopiedColumns {
    if (!this.ended || this.pending) fail('the data ends before its trailer');
    const n = this.n;
    // The columns as they are when at most an eighth of their room is unused (a good estimate), else copies of the rows.
    return { n, columns: this.columns.map((c) => (c.length - n <= c.length >>> 3 ? c.subarray(0, n) : c.slice(0, n))) };
  }

  private keep(view: DataView, from: number, to: number): void {
    this.pending = new Uint8Array(view.buffer.slice(view.byteOffset + from, view.byteOffset + to));
  }

  private grow(): void {
    this.capacity *= 2;
    this.columns = this.columns.map((c) => {
      const grown = new Float64Array(this.capacity);
      grown.set(c);
      return grown;
    });
  }
}

function fail(what: string): never {
  throw new CopyReadError(`COPY: ${what}`);
}
