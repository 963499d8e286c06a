/**
 * The strength of a mapping or a crosswalk link: a whole number from 1 to 10 (an OSCAL
 * confidence × 10), or none. One rule for the API, the CSV importers and bundle checks.
 */
export const MIN_STRENGTH = 1;
export const MAX_STRENGTH = 10;

export const isStrength = (value: number): boolean => Number.isInteger(value) && value >= MIN_STRENGTH && value <= MAX_STRENGTH;

/** A CSV strength cell: empty is none (null); anything but a strength adds a problem and gives null. */
export function readStrengthCell(text: string, problems: string[]): number | null {
  if (!text) return null;
  const value = Number(text);
  if (isStrength(value)) return value;
  problems.push(`strength "${text}" is not a whole number from ${MIN_STRENGTH} to ${MAX_STRENGTH}`);
  return null;
}
