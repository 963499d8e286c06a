/**
 * The binary COPY reader (src/db/pg-copy-columns.ts) without a server: the messages PostgreSQL
 * sends for `COPY … TO STDOUT (FORMAT binary)` are written here, cut into socket chunks at random
 * places (inside a message header, a row, a field, the copy header) and fed to the reader through a
 * stand-in of node-postgres's connection. Whatever the cuts and the notices in between, the
 * columns are the rows' values (NULL as NaN), and the bytes after the copy go back to
 * node-postgres's parser unchanged; an ErrorResponse goes back whole, with what follows it. Data
 * that is not a binary copy of doubles of the expected width is refused with a CopyReadError.
 */
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { BinaryCopyDecoder, copyColumns, CopyReadError } from '../../src/db/pg-copy-columns.js';

/** The columns of a whole binary COPY's data, given in one piece. */
function parseBinaryCopy(data: Uint8Array, width: number) {
  const decoder = new BinaryCopyDecoder(width);
  decoder.push(new DataView(data.buffer, data.byteOffset, data.byteLength), 0, data.length);
  return decoder.finish();
}

type Row = (number | null)[];

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

function message(code: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(code, 0, 'latin1');
  header.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** A binary copy's header: signature, flags, extension area. */
function copyHeader(extension: Uint8Array = Buffer.alloc(0)): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt32BE(extension.length, 4);
  return Buffer.concat([SIGNATURE, fixed, extension]);
}

/** One row of doubles as the binary format writes it. */
function rowBytes(row: Row): Buffer {
  const parts = [Buffer.alloc(2)];
  parts[0]!.writeInt16BE(row.length);
  for (const value of row) {
    const field = Buffer.alloc(value === null ? 4 : 12);
    field.writeInt32BE(value === null ? -1 : 8);
    if (value !== null) field.writeDoubleBE(value, 4);
    parts.push(field);
  }
  return Buffer.concat(parts);
}

const TRAILER = Buffer.from([0xff, 0xff]);

/** The whole data of a copy of `rows`. */
const copyData = (rows: readonly Row[], extension?: Uint8Array): Buffer => Buffer.concat([copyHeader(extension), ...rows.map(rowBytes), TRAILER]);

/**
 * What PostgreSQL sends for the copy of `rows`: CopyOutResponse, the header with the first row, a
 * CopyData per row, the trailer, CopyDone. With `messageCuts`, the data is cut into CopyData
 * messages at those places instead (rows across messages, several in one: the format allows it).
 */
function copyMessages(rows: readonly Row[], width: number, notices: ReadonlySet<number> = new Set(), messageCuts?: readonly number[]): Buffer {
  const out = Buffer.alloc(3 + 2 * width);
  out.writeInt8(1, 0);
  out.writeInt16BE(width, 1);
  for (let i = 0; i < width; i++) out.writeInt16BE(1, 3 + 2 * i);
  const messages = [message('H', out)];
  const notice = message('N', Buffer.from('SNOTICE\0Mhello\0\0', 'latin1'));
  if (messageCuts) {
    cut(copyData(rows), messageCuts).forEach((data, i) => {
      if (notices.has(i)) messages.push(notice);
      messages.push(message('d', data));
    });
    messages.push(message('c', Buffer.alloc(0)));
    return Buffer.concat(messages);
  }
  rows.forEach((row, i) => {
    if (notices.has(i)) messages.push(notice);
    messages.push(message('d', i === 0 ? Buffer.concat([copyHeader(), rowBytes(row)]) : rowBytes(row)));
  });
  if (rows.length === 0) messages.push(message('d', copyHeader()));
  messages.push(message('d', TRAILER), message('c', Buffer.alloc(0)));
  return Buffer.concat(messages);
}

/** What follows a copy: CommandComplete and ReadyForQuery. */
const AFTER = Buffer.concat([message('C', Buffer.from('COPY 3\0', 'latin1')), message('Z', Buffer.from('I', 'latin1'))]);

/** `bytes` cut at the given places (any order, duplicates allowed). */
function cut(bytes: Buffer, places: readonly number[]): Buffer[] {
  const at = [...new Set(places.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return chunks;
}

/**
 * A stand-in for node-postgres: a client whose connection's socket has one data listener (its
 * parser, here recording what it is given); the query is started with `copyColumns`, the chunks
 * are emitted, and `end` plays what node-postgres does once its parser has the rest.
 */
function standIn() {
  const socket = new EventEmitter();
  const parsed: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => parsed.push(Buffer.from(chunk)));
  const sent: string[] = [];
  let query: { handleReadyForQuery(): void; handleError(error: Error): void } | null = null;
  const client = {
    query(submittable: { submit(connection: unknown): Error | void }) {
      query = submittable as unknown as typeof query;
      // As node-postgres does: an Error returned by submit is reported through handleError.
      const error = submittable.submit({ stream: socket, query: (text: string) => sent.push(text) });
      if (error) process.nextTick(() => query!.handleError(error));
    },
  } as unknown as pg.ClientBase;
  return { socket, parsed, sent, client, end: () => query!.handleReadyForQuery(), fail: (error: Error) => query!.handleError(error) };
}

const value = fc.oneof(
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.double({ noNaN: true }),
  fc.constant(null),
);
const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.record({ width: fc.constant(width), rows: fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 1500, size: 'max' }) }),
);

const expectColumns = (got: { n: number; columns: Float64Array[] }, rows: readonly Row[], width: number) => {
  expect(got.n).toBe(rows.length);
  expect(got.columns).toHaveLength(width);
  for (let c = 0; c < width; c++) {
    const wanted = rows.map((r) => (r[c] === null ? NaN : r[c]!));
    expect(Array.from(got.columns[c]!)).toEqual(wanted);
    // -0 stays -0 (toEqual does not tell them apart).
    wanted.forEach((v, i) => expect(Object.is(got.columns[c]![i], v)).toBe(true));
  }
};

describe('the binary COPY reader', () => {
  it('decodes the rows whatever the socket chunks, the messages and the estimate of their number, skips notices, and hands the rest back to node-postgres', async () => {
    const cuts = fc.array(fc.nat(), { maxLength: 40 });
    // A message per row (as PostgreSQL sends them), or the data cut into messages anywhere.
    const messageCuts = fc.option(fc.array(fc.nat(), { maxLength: 20 }), { nil: undefined });
    const notices = fc.uniqueArray(fc.nat({ max: 60 }), { maxLength: 3 });
    // The estimate: none, or any number up to twice the rows (room too small, right, too big).
    const about = fc.option(fc.nat({ max: 2500 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(table, cuts, notices, about, messageCuts, async ({ width, rows }, places, noticed, rowsAbout, messagePlaces) => {
        const { socket, parsed, sent, client, end } = standIn();
        const read = copyColumns(client, 'SELECT x', width, rowsAbout);
        expect(sent).toEqual(['COPY (SELECT x) TO STDOUT (FORMAT binary)']);
        const stream = Buffer.concat([copyMessages(rows, width, new Set(noticed), messagePlaces), AFTER]);
        for (const chunk of cut(stream, places)) socket.emit('data', chunk);
        expect(Buffer.concat(parsed)).toEqual(AFTER);
        end();
        expectColumns(await read, rows, width);
        // The parser has the socket again.
        socket.emit('data', Buffer.from('x'));
        expect(Buffer.concat(parsed)).toEqual(Buffer.concat([AFTER, Buffer.from('x')]));
      }),
    );
  });

  it('hands an ErrorResponse and what follows back to node-postgres, and rejects with the error it reports', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.nat(), fc.array(fc.nat(), { maxLength: 10 }), async ({ width, rows }, at, places) => {
        const { socket, parsed, client, fail } = standIn();
        const read = copyColumns(client, 'SELECT x', width);
        const copy = copyMessages(rows, width);
        // The error comes after some whole messages of the copy (or before its first).
        const starts: number[] = [0];
        for (let p = 0; p < copy.length; p += 1 + copy.readUInt32BE(p + 1)) starts.push(p);
        const cutAt = starts[at % starts.length]!;
        const error = Buffer.concat([message('E', Buffer.from('SERROR\0C22012\0Mdivision by zero\0\0', 'latin1')), message('Z', Buffer.from('I', 'latin1'))]);
        const stream = Buffer.concat([copy.subarray(0, cutAt), error]);
        for (const chunk of cut(stream, places)) socket.emit('data', chunk);
        expect(Buffer.concat(parsed)).toEqual(error);
        const reported = new Error('division by zero');
        fail(reported);
        await expect(read).rejects.toBe(reported);
      }),
    );
  });

  it("an error node-postgres reports during the copy (its read timeout) rejects the read at once; the socket is handed back at the copy's end", async () => {
    const { socket, parsed, client, fail, end } = standIn();
    const read = copyColumns(client, 'SELECT x', 1);
    const stream = Buffer.concat([copyMessages([[1], [2]], 1), AFTER]);
    socket.emit('data', stream.subarray(0, 30));
    const timeout = new Error('Query read timeout');
    fail(timeout);
    await expect(read).rejects.toBe(timeout);
    // The rest of the copy still arrives: node-postgres's parser gets what follows it, from a message's start.
    expect(parsed).toEqual([]);
    socket.emit('data', stream.subarray(30));
    expect(Buffer.concat(parsed)).toEqual(AFTER);
    end();
    await expect(read).rejects.toBe(timeout);
  });

  it('a socket that is not as node-postgres leaves it (another data listener) is left alone: the read is refused, nothing sent', async () => {
    const { socket, sent, client } = standIn();
    const other = () => undefined;
    socket.on('data', other);
    await expect(copyColumns(client, 'SELECT x', 1)).rejects.toThrow(/2 data listeners/);
    expect(sent).toEqual([]);
    expect(socket.listeners('data')).toHaveLength(2);
  });

  it('refuses a copy of another width or in text, and a statement that is not a copy, once node-postgres ended the query', async () => {
    const cases: { stream: Buffer; error: RegExp }[] = [
      { stream: copyMessages([[1, 2]], 2), error: /binary copy of 1 columns, got binary of 2/ },
      { stream: Buffer.concat([message('T', Buffer.alloc(2)), message('D', Buffer.alloc(2))]), error: /unexpected message 'T'/ },
    ];
    for (const { stream, error } of cases) {
      const { socket, client, end } = standIn();
      const read = copyColumns(client, 'SELECT x', 1);
      socket.emit('data', Buffer.concat([stream, AFTER]));
      end();
      await expect(read).rejects.toThrow(error);
      await read.catch((e: unknown) => expect(e).toBeInstanceOf(CopyReadError));
    }
  });

  it('parses a header extension, and refuses data that is not a binary copy of doubles of the width', () => {
    expectColumns(parseBinaryCopy(copyData([[1, null]], Buffer.from('ext')), 2), [[1, null]], 2);
    const refused: [Buffer, RegExp][] = [
      [Buffer.concat([Buffer.from('PGCOPZ'), copyData([[1]]).subarray(6)]), /signature/],
      [copyData([[1, 2]]), /a row of 2 fields, expected 1/],
      [Buffer.concat([copyHeader(), Buffer.from([0, 1, 0, 0, 0, 4, 0, 0, 0, 7]), TRAILER]), /a field of 4 bytes is not a double/],
      [Buffer.concat([copyHeader(), rowBytes([1])]), /ends before its trailer/],
      [copyData([[1]]).subarray(0, 20), /ends before its trailer/],
      [Buffer.concat([copyData([[1]]), rowBytes([2])]), /data follows the trailer/],
    ];
    for (const [data, error] of refused) expect(() => parseBinaryCopy(data, 1)).toThrow(error);
  });
});
