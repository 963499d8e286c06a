/** Small input checks shared by services; each returns a UserError or null. */
import { userError, type UserError } from '../domain/errors.js';
import { keyProblem } from '../domain/keys.js';

/** A required identifier-like string (see domain/keys.ts for the rule). */
export function checkKey(value: string, field: string[], max = 100): UserError | null {
  const problem = keyProblem(value, max);
  return problem ? userError('INVALID', problem, field) : null;
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
