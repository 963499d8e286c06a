/**
 * What an export weighs in the query cost: one cost unit per row the document is made of, from
 * the data's current size (the query cost caps it, see graphql/cost.ts):
 * - coverageReport: the evaluated requirements of the frameworks asked for and their mappings
 *   and crosswalk links (the frameworks' share of them);
 * - assessmentResults: the same plus the evidence links and reviews of that share;
 * - mappingsExport: the share of live mappings; linksExport: the share of live links;
 * - controlsExport: the live controls; evidenceExport: the evidence and its control links;
 * - bundleExport: every row the bundle carries.
 * A framework id naming nothing counts nothing; `null` means every framework.
 */
import type { DataSize } from '../db/repositories/data-size-repository.js';

export interface ExportWeights {
  /** The data version the weights were computed at (part of the cost memo key). */
  version: string;
  coverageReport(frameworkIds: readonly number[] | null): number;
  assessmentResults(frameworkIds: readonly number[] | null): number;
  mappings(frameworkIds: readonly number[] | null): number;
  links(frameworkIds: readonly number[] | null): number;
  controls(): number;
  evidence(): number;
  bundle(): number;
}

export function exportWeights(version: string, size: DataSize): ExportWeights {
  /** The frameworks' share of all live requirements, and their requirement count. */
  const part = (frameworkIds: readonly number[] | null) => {
    if (frameworkIds === null) return { requirements: size.requirements, share: 1 };
    let requirements = 0;
    for (const id of new Set(frameworkIds)) requirements += size.requirementsByFramework.get(id) ?? 0;
    return { requirements, share: size.requirements > 0 ? requirements / size.requirements : 0 };
  };
  const coverageRows = (frameworkIds: readonly number[] | null) => {
    const { requirements, share } = part(frameworkIds);
    return requirements + (size.mappings + size.links) * share;
  };
  return {
    version,
    coverageReport: (ids) => 1 + Math.ceil(coverageRows(ids)),
    assessmentResults: (ids) => 1 + Math.ceil(coverageRows(ids) + (size.evidenceLinks + size.evidenceReviews) * part(ids).share),
    mappings: (ids) => 1 + Math.ceil(size.mappings * part(ids).share),
    links: (ids) => 1 + Math.ceil(size.links * part(ids).share),
    controls: () => 1 + size.controls,
    evidence: () => 1 + size.evidence + size.evidenceLinks,
    bundle: () => 1 + size.bundleRows,
  };
}
