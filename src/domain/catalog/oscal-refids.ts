/** Chooses the human-facing `refId` of every group and control in an OSCAL catalog. */

export interface RefIdCandidate {
  oscalId: string;
  /** The `label` prop, if any. */
  label: string | undefined;
  /** Index of the parent in the same (parents-first) list, or null. */
  parentIndex: number | null;
}

/**
 * The base name of one item: its label, or its OSCAL id when it has none. A label of the form
 * `<name> (<oscal id>)`, as CSF 2.0 writes `Organizational Context (GV.OC)`, yields the id part
 * (`GV.OC`), which is what people write.
 */
export function baseRefId(candidate: Pick<RefIdCandidate, 'oscalId' | 'label'>): string {
  const label = candidate.label?.trim();
  if (!label) return candidate.oscalId;
  const suffix = ` (${candidate.oscalId})`;
  return label.endsWith(suffix) && label.length > suffix.length ? candidate.oscalId : label;
}

/**
 * Rules, for a list in which parents precede children:
 * 1. a base name used once in the catalog is the refId;
 * 2. a base name used more than once is prefixed with the parent's refId and a space
 *    (`Chapter III Section 1`); top-level items keep the bare name;
 * 3. if the result is still taken, the OSCAL id is appended in brackets (`Section 1 [s-1]`),
 *    then a counter, each with a warning.
 */
export function assignRefIds(candidates: readonly RefIdCandidate[], warn: (message: string) => void): string[] {
  const bases = candidates.map(baseRefId);
  const uses = new Map<string, number>();
  for (const base of bases) uses.set(base, (uses.get(base) ?? 0) + 1);
  const refIds: string[] = [];
  const taken = new Set<string>();
  candidates.forEach((candidate, index) => {
    const base = bases[index]!;
    const parent = candidate.parentIndex === null ? undefined : refIds[candidate.parentIndex];
    let refId = uses.get(base)! > 1 && parent !== undefined ? `${parent} ${base}` : base;
    if (taken.has(refId)) {
      const fallback = uniqueFallback(`${refId} [${candidate.oscalId}]`, taken);
      warn(`refId "${refId}" is not unique; "${candidate.oscalId}" becomes "${fallback}"`);
      refId = fallback;
    }
    taken.add(refId);
    refIds.push(refId);
  });
  return refIds;
}

function uniqueFallback(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  let counter = 2;
  while (taken.has(`${wanted} #${counter}`)) counter += 1;
  return `${wanted} #${counter}`;
}
