/**
 * The fallback every import that matches ids against a framework's requirements shares: an id
 * that names no requirement as written is read as the one requirement whose OSCAL id (sourceId)
 * or refId equals it when case is ignored (CSF's `de.ae-02` for `DE.AE-02`), and the import says
 * so in one warning giving the count and a first example. Several requirements equal when case is
 * ignored: no match (which one is meant is ambiguous).
 */
import type { ImportWarning, LookupRequirement } from '../import/types.js';

/** Requirements by lower-cased sourceId and refId; null when several share the key. */
export function byIdIgnoringCase<R extends Pick<LookupRequirement, 'refId' | 'sourceId'>>(requirements: readonly R[]): Map<string, R | null> {
  const index = new Map<string, R | null>();
  for (const r of requirements) {
    for (const key of new Set([r.sourceId, r.refId].filter((k): k is string => k !== null).map((k) => k.toLowerCase()))) {
      index.set(key, index.has(key) && index.get(key) !== r ? null : r);
    }
  }
  return index;
}

/** Collects the ids read case-insensitively; `warning` reports them. */
export class CaseOnlyMatches {
  private readonly matches: { id: string; read: string; location: string }[] = [];

  /** `id` (at `location`) was read as `r`. */
  note(id: string, r: Pick<LookupRequirement, 'refId' | 'sourceId'>, location: string): void {
    const read = [r.sourceId, r.refId].find((k) => k !== null && k.toLowerCase() === id.toLowerCase()) ?? r.refId;
    this.matches.push({ id, read, location });
  }

  /** The one warning naming the count, at the first id's location; null when there was none. */
  warning(frameworkRefId: string): ImportWarning | null {
    const first = this.matches[0];
    if (!first) return null;
    return {
      location: first.location,
      message: `${this.matches.length} id(s) match a requirement of framework "${frameworkRefId}" only when case is ignored (e.g. "${first.id}" → "${first.read}"); read case-insensitively`,
    };
  }
}
