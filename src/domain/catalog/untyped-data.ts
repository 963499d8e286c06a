/**
 * Guards for reading parsed JSON/YAML whose shape is not yet known. Every failure names the
 * path of the offending value (`$.catalog.groups[3].id`) so a broken source file is easy to fix.
 */

export type UntypedObject = Record<string, unknown>;

export function isObject(value: unknown): value is UntypedObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** The value as an object; throws `<path>: expected an object, found …` otherwise. */
export function objectAt(value: unknown, path: string): UntypedObject {
  if (!isObject(value)) throw new Error(`${path}: expected an object, found ${describe(value)}`);
  return value;
}

/** The value as an array; absent (`undefined`) reads as empty, anything else throws. */
export function optionalArrayAt(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${path}: expected an array, found ${describe(value)}`);
  return value;
}

/** The value as a non-empty string; throws otherwise. */
export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${path}: expected a non-empty string, found ${describe(value)}`);
  }
  return value;
}

/** The value as a string, or undefined when absent or not a string. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value if it is an array, else an empty array (for optional, already-validated data). */
export function arrayOrEmpty(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
