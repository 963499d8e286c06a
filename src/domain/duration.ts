/**
 * Durations as operators write them, one grammar for every option and argument that takes one
 * (the GC grace period, the expiring window, token lifetimes): a whole number of up to six
 * digits and a unit — `d` (days), `h` (hours), `m` (minutes) or `s` (seconds) — such as `90d`,
 * `12h`, `30m`, `45s`; or `0`. Each caller states the range it accepts.
 */
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

export const HOUR_MS = UNIT_MS.h;
export const DAY_MS = UNIT_MS.d;

/** The duration in milliseconds, or null when `text` is not one. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const match = /^([0-9]{1,6})([dhms])$/.exec(trimmed);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
