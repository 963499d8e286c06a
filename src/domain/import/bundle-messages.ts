/**
 * What a bundle import says besides restoring: why a bundle is refused (its problems, or a role
 * below ADMIN) and how many items of each kind it holds (the import report).
 */
import { isObject } from '../catalog/untyped-data.js';
import type { BundleProblem } from '../export/bundle-reader.js';
import type { Bundle } from '../export/bundle-schema.js';
import { ImportDocumentError, type ImportDocument } from './types.js';

/** Problems listed in the refusal message before "… and N more". */
const LISTED_PROBLEMS = 10;

/** Evidence items named in the refusal before "… and N more". */
const LISTED_EVIDENCE = 5;

/**
 * Why `role` may not restore this bundle: it names the evidence (JSON path, title, status and
 * claimed reviewer) and says what the role may import instead. Reads the raw document, so it
 * works on any bundle, valid or not.
 */
export function restoreNeedsAdmin(document: ImportDocument, role: string): string {
  const value = document.syntax === 'json' && isObject(document.value) ? document.value : {};
  const evidence = Array.isArray(value.evidence) ? value.evidence : [];
  const text = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 100)) : '?');
  const named = evidence.slice(0, LISTED_EVIDENCE).map((e: unknown, i) => {
    const item = isObject(e) ? e : {};
    const review = typeof item.reviewedBy === 'string' ? `, reviewed by ${text(item.reviewedBy)}` : '';
    return `${text(item.title)} ($.evidence[${i}], ${typeof item.status === 'string' ? item.status : 'no status'}${review})`;
  });
  const more = evidence.length > named.length ? `, … and ${evidence.length - named.length} more` : '';
  const what = evidence.length
    ? `its evidence section ($.evidence) holds ${evidence.length} item${evidence.length === 1 ? '' : 's'} with their reviews and authors: ${named.join('; ')}${more}; and `
    : '';
  return (
    `restoring a bundle needs ADMIN: ${what}a bundle restores the authors and instants recorded by another instance. ` +
    `A ${role} may import catalog content only (OSCAL catalogs, profiles and mapping-collections, CSV mappings and controls)`
  );
}

export function refusal(problems: readonly BundleProblem[]): ImportDocumentError {
  const [first, ...rest] = problems;
  const more = rest.slice(0, LISTED_PROBLEMS - 1).map((p) => `${p.location}: ${p.reason}`);
  const extra = rest.length > more.length ? `; … and ${rest.length - more.length} more` : '';
  const tail = rest.length ? ` (${rest.length} more problem${rest.length === 1 ? '' : 's'}: ${more.join('; ')}${extra})` : '';
  return new ImportDocumentError(first!.location, `not a usable Crosswalk bundle: ${first!.reason}${tail}`);
}

/** The report's kinds, with the number of items of each in a bundle. */
export function tallies(b: Bundle): [string, number][] {
  const sum = <T>(items: readonly T[], n: (item: T) => number) => items.reduce((total, item) => total + n(item), 0);
  return [
    ['frameworks', b.frameworks.length],
    ['requirements', b.requirements.length],
    ['controls', b.controls.length],
    ['mappings', b.mappings.length],
    ['links', b.links.length],
    ['threats', b.threats.length],
    ['threatLinks', sum(b.threats, (t) => t.addressedBy.length)],
    ['baselines', b.baselines.length],
    ['baselineMembers', sum(b.baselines, (x) => x.members.length)],
    ['baselineApplications', sum(b.baselines, (x) => x.applications.length)],
    ['aiSystems', b.aiSystems.length],
    ['aiSystemFrameworks', sum(b.aiSystems, (s) => s.frameworks.length)],
    ['controlStatusChanges', sum(b.controls, (c) => c.statusHistory.length)],
    ['aiSystemControlStatuses', sum(b.controls, (c) => c.systemStatuses.length)],
    ['mappingRevisions', sum(b.mappings, (m) => m.revisions.length)],
    ['notApplicableMarks', b.notApplicable.length],
    ['evidence', b.evidence.length],
    ['evidenceReviews', sum(b.evidence, (e) => e.reviews.length)],
    ['coverageSnapshots', b.coverageSnapshots.length],
  ];
}
