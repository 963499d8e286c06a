/** Small input checks shared by services; each returns a UserError or null. */
import { userError, type UserError } from '../domain/errors.js';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Zero-width and bidirectional formatting characters: in identifiers they let two different keys
 * look the same (or reorder what a reviewer reads, "Trojan Source").
 */
const INVISIBLE_CHARACTERS = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** A required identifier-like string: trimmed, 1..max characters, no control characters. */
export function checkKey(value: string, field: string[], max = 100): UserError | null {
  if (value.length === 0 || value.length > max) {
    return userError('INVALID', `must be 1 to ${max} characters`, field);
  }
  if (value.trim() !== value) return userError('INVALID', 'must not start or end with spaces', field);
  if (CONTROL_CHARACTERS.test(value)) return userError('INVALID', 'must not contain control characters', field);
  if (INVISIBLE_CHARACTERS.test(value)) {
    return userError('INVALID', 'must not contain invisible or text-direction characters', field);
  }
  return null;
}

/** A required human text: not blank, at most `max` characters. */
export function checkText(value: string, field: string[], max = 500): UserError | null {
  if (value.trim().length === 0) return userError('INVALID', 'must not be blank', field);
  if (value.length > max) return userError('INVALID', `must be at most ${max} characters`, field);
  return null;
}

/** Optional long text (descriptions, statements, rationales). */
export function checkLongText(value: string | null | undefined, field: string[], max = 20_000): UserError | null {
  if (value != null && value.length > max) return userError('INVALID', `must be at most ${max} characters`, field);
  return null;
}

/** Collects the non-null errors. */
export const collect = (...checks: (UserError | null)[]): UserError[] =>
  checks.filter((e): e is UserError => e !== null);

/** Removes keys whose value is undefined or null (GraphQL omitted/null = "leave as is"). */
export function definedOnly<T extends object>(patch: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

/** An update input: every field optional; null or omitted means "leave as is". */
export type Patch<T> = { [K in keyof T]?: T[K] | null };
