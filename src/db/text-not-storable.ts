/**
 * PostgreSQL text cannot hold the character U+0000 (NUL): a value or search term with it fails
 * with SQLSTATE 22021 (character_not_in_repertoire). That is bad input on this backend, answered
 * as BAD_USER_INPUT with what to change, never as a 500 (SQLite stores and searches it as is).
 */
const CHARACTER_NOT_IN_REPERTOIRE = '22021';

export const NUL_NOT_STORABLE_MESSAGE = 'text containing the character U+0000 (NUL) cannot be stored or searched in this database: remove it from the input';

/** True when `error` (or an error it wraps as `cause`) is PostgreSQL refusing a NUL character in text. */
export function nulInText(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === CHARACTER_NOT_IN_REPERTOIRE) return true;
  }
  return false;
}
