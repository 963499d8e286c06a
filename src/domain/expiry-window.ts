/**
 * A window ahead of now, as operators write it: a whole number and a unit, `d` (days) or `h`
 * (hours): `30d`, `7d`, `12h`. From 1 hour to 3660 days (ten years).
 */
const UNIT_MS = { d: 86_400_000, h: 3_600_000 } as const;
export const MAX_WINDOW_MS = 3660 * UNIT_MS.d;

/** The window in milliseconds, or null when the text is not one. */
export function parseWindow(text: string): number | null {
  const match = /^([1-9][0-9]{0,5})([dh])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as 'd' | 'h'];
  return ms <= MAX_WINDOW_MS ? ms : null;
}
