/**
 * The rule for identifier-like strings (refIds, names used as keys, idempotency keys): 1 to `max`
 * characters, no surrounding spaces, no control characters, and no zero-width or bidirectional
 * formatting characters (in identifiers they let two different keys look the same, or reorder
 * what a reviewer reads: "Trojan Source").
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/** Zero-width and bidirectional formatting characters (soft hyphen, ALM, ZWSP…RLM, LRE…RLO, word joiners, LRI…PDI, BOM). */
export const INVISIBLE_CHARACTERS = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** The first invisible or text-direction character of `value` as `U+XXXX`, or null. */
export function invisibleCharacter(value: string): string | null {
  const match = INVISIBLE_CHARACTERS.exec(value);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** What is wrong with `value` as a key ("must …"), or null. */
export function keyProblem(value: string, max = 100): string | null {
  if (value.length === 0 || value.length > max) return `must be 1 to ${max} characters`;
  if (value.trim() !== value) return 'must not start or end with spaces';
  if (CONTROL_CHARACTERS.test(value)) return 'must not contain control characters';
  if (INVISIBLE_CHARACTERS.test(value)) return 'must not contain invisible or text-direction characters';
  return null;
}
