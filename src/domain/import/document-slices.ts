/**
 * A parsed document (plain data: objects, arrays, strings, numbers, booleans, null) cut into
 * slices of a bounded number of values, and put back together from them, so that a document
 * parsed on another thread reaches the main thread a slice at a time: each slice is deserialized
 * and placed in its own turn of the event loop, and no turn handles more than `maxValues` values
 * (however large the file).
 *
 * Rules:
 * - Every value counts 1 (a string or number too, whatever its length); a container counts 1 plus
 *   its contents.
 * - A container of at most `maxValues` values travels whole, as one piece; a larger one travels as
 *   an empty shell (1 value) followed by its members, each naming the shell (by piece number) and
 *   its key. Pieces come in document order, so objects keep their key order and arrays their order.
 * - A slice holds pieces of at most `maxValues` values in all.
 * - Keys are placed as own properties (a `__proto__` key stays a key, as JSON.parse makes it).
 */

/**
 * One value placed in the document: the root (`parent` -1), or member `key` of the container
 * sent as piece number `parent` (pieces are numbered in the order sent, from 0).
 */
export interface DocumentPiece {
  parent: number;
  key: string | number;
  value: unknown;
}
export type DocumentSlice = DocumentPiece[];

/** Values per slice for imports (a few milliseconds of work on a busy core). */
export const SLICE_VALUES = 2_000;

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null;
const membersOf = (value: Record<string, unknown> | unknown[]): unknown[] => (Array.isArray(value) ? value : Object.values(value));

/** The number of values in `value` (see the rules), memoised per container; no recursion. */
function counter(): (value: unknown) => number {
  const counts = new Map<object, number>();
  return (root: unknown): number => {
    if (!isContainer(root)) return 1;
    const stack: [Record<string, unknown> | unknown[], boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [node, membersCounted] = stack.pop()!;
      if (counts.has(node)) continue;
      if (!membersCounted) {
        stack.push([node, true]);
        for (const member of membersOf(node)) if (isContainer(member) && !counts.has(member)) stack.push([member, false]);
        continue;
      }
      let n = 1;
      for (const member of membersOf(node)) n += isContainer(member) ? counts.get(member)! : 1;
      counts.set(node, n);
    }
    return counts.get(root)!;
  };
}

/** The slices of `document`, in order (at least one). */
export function* sliceDocument(document: unknown, maxValues: number = SLICE_VALUES): Generator<DocumentSlice, void, undefined> {
  if (!(maxValues >= 1)) throw new RangeError('maxValues must be at least 1');
  const count = counter();
  let slice: DocumentSlice = [];
  let size = 0;
  let sent = 0;
  // Depth-first, in document order; an explicit stack so that deep nesting needs no call stack.
  const stack: DocumentPiece[] = [{ parent: -1, key: '', value: document }];
  while (stack.length > 0) {
    const { parent, key, value } = stack.pop()!;
    const n = count(value);
    const whole = n <= maxValues || !isContainer(value);
    const pieceSize = whole ? n : 1;
    if (size + pieceSize > maxValues && slice.length > 0) {
      yield slice;
      slice = [];
      size = 0;
    }
    const index = sent++;
    if (whole) slice.push({ parent, key, value });
    else {
      slice.push({ parent, key, value: Array.isArray(value) ? [] : {} });
      const members: DocumentPiece[] = Array.isArray(value)
        ? value.map((member, i) => ({ parent: index, key: i, value: member }))
        : Object.entries(value).map(([k, member]) => ({ parent: index, key: k, value: member }));
      for (let i = members.length - 1; i >= 0; i--) stack.push(members[i]!);
    }
    size += pieceSize;
  }
  yield slice;
}

/** Puts a document back together from its slices, given in order. */
export class DocumentAssembler {
  private root: unknown = undefined;
  private started = false;
  private received = 0;
  /** The containers sent empty (shells), by piece number, to place their members in. */
  private readonly shells = new Map<number, Record<string | number, unknown>>();

  add(slice: DocumentSlice): void {
    for (const { parent, key, value } of slice) {
      const index = this.received++;
      if (isContainer(value) && membersOf(value).length === 0) this.shells.set(index, value as Record<string | number, unknown>);
      if (parent === -1) {
        this.root = value;
        this.started = true;
        continue;
      }
      const container = this.shells.get(parent);
      if (!container) throw new Error(`a document slice names container ${parent}, which was not sent`);
      Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
    }
  }

  /** The document (throws when no slice placed its root). */
  result(): unknown {
    if (!this.started) throw new Error('no document slice was received');
    return this.root;
  }
}

/** The number of values a slice carries (see the rules), for tests and statistics. */
export function sliceValues(slice: DocumentSlice): number {
  const count = counter();
  return slice.reduce((n, piece) => n + count(piece.value), 0);
}
