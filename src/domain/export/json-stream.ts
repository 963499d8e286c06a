/**
 * JSON written piece by piece, for documents too large to hold whole: a value may hold
 * *streamed* parts — an array whose items are produced one at a time ({@link streamArray}) and
 * the objects and arrays around it ({@link streamObject}) — and {@link jsonChunks} yields the
 * text as it goes, holding one item at a time.
 *
 * Rule: the text is exactly `JSON.stringify(value, null, indent)` of the same value with every
 * streamed part replaced by the plain array or object it stands for (same members in the same
 * order; members whose value is undefined, a function or a symbol left out of objects and written
 * as `null` in arrays, as JSON.stringify does). Every part that is not streamed is written by
 * JSON.stringify itself. A streamed part must only sit inside streamed parts: inside a plain
 * value JSON.stringify would meet it, and it refuses (throws) rather than write something else.
 */

/** An array whose items are produced when it is written; re-iterable (each writing reads them again). */
export class StreamedArray {
  constructor(readonly items: () => Iterable<unknown>) {}
  toJSON(): never {
    throw new Error('a streamed JSON array inside a plain value: stream its container too (json-stream.ts)');
  }
}

/** An object some of whose members are streamed parts. */
export class StreamedObject {
  constructor(readonly members: Readonly<Record<string, unknown>>) {}
  toJSON(): never {
    throw new Error('a streamed JSON object inside a plain value: stream its container too (json-stream.ts)');
  }
}

/** An array written item by item: the items as a list, or a function giving them afresh each time it is written. */
export const streamArray = (items: readonly unknown[] | (() => Iterable<unknown>)): StreamedArray =>
  new StreamedArray(typeof items === 'function' ? items : () => items);

/** An object whose members may be streamed parts (member order as given). */
export const streamObject = (members: Readonly<Record<string, unknown>>): StreamedObject => new StreamedObject(members);

/** Left out of objects and written as null in arrays, as JSON.stringify does. */
const absent = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The JSON text of `value` (see the rule above), with `indent` spaces per level (0: compact),
 * as a sequence of pieces; `depth` is the nesting level the value is written at.
 */
export function* jsonChunks(value: unknown, indent: number, depth = 0): Generator<string> {
  const inner = indent ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const outer = indent ? `\n${' '.repeat(indent * depth)}` : '';
  if (value instanceof StreamedArray) {
    let first = true;
    for (const item of value.items()) {
      yield first ? `[${inner}` : `,${inner}`;
      first = false;
      yield* jsonChunks(absent(item) ? null : item, indent, depth + 1);
    }
    yield first ? '[]' : `${outer}]`;
    return;
  }
  if (value instanceof StreamedObject) {
    let first = true;
    for (const [key, member] of Object.entries(value.members)) {
      if (absent(member)) continue;
      yield `${first ? '{' : ','}${inner}${JSON.stringify(key)}:${indent ? ' ' : ''}`;
      first = false;
      yield* jsonChunks(member, indent, depth + 1);
    }
    yield first ? '{}' : `${outer}}`;
    return;
  }
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) throw new Error(`json-stream: ${typeof value} has no JSON text`);
  // JSON text has line breaks only between tokens (a string's are escaped): indent the value's
  // own lines to where it stands.
  yield indent && depth && text.includes('\n') ? text.replaceAll('\n', outer) : text;
}

/** The plain value a value with streamed parts stands for (tests: compare with JSON.stringify). */
export function materialise(value: unknown): unknown {
  if (value instanceof StreamedArray) return [...value.items()].map((item) => (absent(item) ? null : materialise(item)));
  if (value instanceof StreamedObject) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value.members)) {
      // defineProperty: a member named `__proto__` stays a member, as JSON.parse makes it.
      if (!absent(member)) Object.defineProperty(out, key, { value: materialise(member), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
