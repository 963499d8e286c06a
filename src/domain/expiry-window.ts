/**
 * A window ahead of now, for what expires next: a duration (domain/duration.ts: `30d`, `7d`,
 * `12h`) from 1 hour to 3660 days (ten years).
 */
import { DAY_MS, HOUR_MS, parseDuration } from './duration.js';

export const MIN_WINDOW_MS = HOUR_MS;
export const MAX_WINDOW_MS = 3660 * DAY_MS;

/** What a window must be, for error messages ("… must be <WINDOW_RULE>; got …"). */
export const WINDOW_RULE = 'a duration from 1h to 3660d, e.g. 30d, 7d or 12h';

/** The window in milliseconds, or null when the text is not one. */
export function parseWindow(text: string): number | null {
  const ms = parseDuration(text);
  return ms !== null && ms >= MIN_WINDOW_MS && ms <= MAX_WINDOW_MS ? ms : null;
}
