/** Enforces the "refId unique within its framework" rule on parser output. */

/**
 * Rules: the first item with a given refId is kept, in input order; each later one is dropped
 * with a warning `<frameworkRefId>: duplicate refId "<refId>"; the later entry is ignored`.
 */
export function keepFirstByRefId<T extends { refId: string }>(
  items: readonly T[],
  frameworkRefId: string,
  warnings: string[],
): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (!seen.has(item.refId)) {
      seen.add(item.refId);
      return true;
    }
    warnings.push(`${frameworkRefId}: duplicate refId "${item.refId}"; the later entry is ignored`);
    return false;
  });
}
