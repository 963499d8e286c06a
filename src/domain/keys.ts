/**
 * The rule for identifier-like strings (refIds, names used as keys, idempotency keys): 1 to `max`
 * characters, no surrounding spaces, no control characters, and no zero-width or bidirectional
 * formatting characters (in identifiers they let two different keys look the same, or reorder
 * what a reviewer reads: "Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE_CHARACTERS = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** What is wrong with `value` as a key ("must …"), or null. */
export function keyProblem(value: string, max = 100): string | null {
  if (value.length === 0 || value.length > max) return `must be 1 to ${max} characters`;
  if (value.trim() !== value) return 'must not start or end with spaces';
  if (CONTROL_CHARACTERS.test(value)) return 'must not contain control characters';
  if (INVISIBLE_CHARACTERS.test(value)) return 'must not contain invisible or text-direction characters';
  return null;
}
