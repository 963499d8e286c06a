/** The OSCAL 1.2 mapping-collection import format (the parsing rules live in domain/catalog/parse-mapping-collection.ts). */
import { parseMappingCollection, resolveMappingIds, type MapItem, type SideResolution } from '../catalog/parse-mapping-collection.js';
import type { CatalogRequirementLink } from '../catalog/types.js';
import { existingFramework, inferFramework, jsonRoot } from './oscal-shared.js';
import { emptyPlan, ImportDocumentError, WarningTally, type ImportFormatHandler, type UnresolvedIds } from './types.js';

/**
 * OSCAL 1.2 mapping-collection → crosswalk links (see parse-mapping-collection.ts for the rules
 * and the tolerated defects). The source framework is `frameworkRefId` and the target
 * `targetFrameworkRefId`; each one not given is inferred per mapping from its ids (the unique
 * framework holding most of them, with a warning). Ids that resolve to nothing are rejected at
 * their JSON path and listed together in `unresolved`. REPLACE retires the live links from the
 * source framework to the target framework that the file no longer contains.
 */
export const mappingCollectionFormat: ImportFormatHandler = {
  format: 'OSCAL_MAPPING_COLLECTION',
  syntax: 'json',
  description: 'OSCAL 1.2 mapping-collection (JSON, XML or YAML) → crosswalk links between two frameworks',
  detect: (document) => jsonRoot(document, 'mapping-collection') || jsonRoot(document, 'mapping_collection'),
  async read(document, request, lookup) {
    if (document.syntax !== 'json') throw new ImportDocumentError('$', 'an OSCAL mapping-collection is JSON');
    const pause = () => lookup.pause();
    const parsed = await parseMappingCollection(document.value, request.sourceSha256, pause);
    const plan = emptyPlan();
    plan.warnings.push(...parsed.warnings);
    plan.rejected.push(...parsed.rejected);
    const explicitSource = request.frameworkRefId
      ? await existingFramework(lookup, request.frameworkRefId, 'frameworkRefId', 'the source of the mappings')
      : null;
    const explicitTarget = request.targetFrameworkRefId
      ? await existingFramework(lookup, request.targetFrameworkRefId, 'targetFrameworkRefId', 'the target of the mappings')
      : null;
    const unresolved = new Map<string, Set<string>>(); // framework refId ('' = unknown) → ids
    const noteUnresolved = (frameworkRefId: string | null, id: string) => {
      const key = frameworkRefId ?? '';
      unresolved.set(key, (unresolved.get(key) ?? new Set()).add(id));
    };
    const seen = new Map<string, { link: CatalogRequirementLink; location: string }>();
    const tally = new WarningTally();
    const locations: string[] = [];

    for (const entry of parsed.mappings) {
      const sourceItems = entry.maps.flatMap((m) => m.sources);
      const targetItems = entry.maps.flatMap((m) => m.targets);
      const side = async (explicit: string | null, items: MapItem[], where: string, what: string): Promise<{ refId: string | null; problem?: string; ambiguous?: boolean }> => {
        if (explicit) return { refId: explicit };
        const inferred = await inferFramework(lookup, items.map((i) => i.id), `${entry.location}.${where}`, what);
        if (inferred.refId) plan.warnings.push(inferred.warning);
        return inferred;
      };
      const source = await side(explicitSource, sourceItems, 'source-resource', 'the source ids');
      const target = await side(explicitTarget, targetItems, 'target-resource', 'the target ids');
      if (source.refId && source.refId === target.refId) {
        plan.rejected.push({
          location: entry.location,
          reason: `source and target both resolve to framework "${source.refId}"; crosswalk links join two frameworks (give frameworkRefId and targetFrameworkRefId)`,
        });
        continue;
      }
      const resolve = async (refId: string | null, items: MapItem[]): Promise<SideResolution> => {
        if (refId) return resolveMappingIds(items, await lookup.requirements(refId), refId, pause);
        // No framework for this side: say, id by id, why (found nowhere, in several frameworks, withdrawn).
        const holders = await lookup.holdersOfIds([...new Set(items.map((i) => i.id))]);
        const failed = new Map(items.map((i) => [i.id, whyNoFramework(i.id, holders.get(i.id) ?? [])]));
        return { resolved: new Map(), failed, warnings: [] };
      };
      for (const [who, inferred] of [['source-resource', source], ['target-resource', target]] as const) {
        // An ambiguous inference is a rejection of its own; ids found nowhere are reported one by one below.
        if (!inferred.refId && inferred.ambiguous) {
          plan.rejected.push({ location: `${entry.location}.${who}`, reason: `${inferred.problem}; name the framework` });
        }
      }
      const sources = await resolve(source.refId, sourceItems);
      const targets = await resolve(target.refId, targetItems);
      plan.warnings.push(...sources.warnings, ...targets.warnings);
      /** The items that resolved; each that did not is rejected at its location and noted as unresolved. */
      const resolvedItems = (items: MapItem[], resolution: SideResolution, frameworkRefId: string | null) =>
        items.filter((item) => {
          const reason = resolution.failed.get(item.id);
          if (reason) {
            plan.rejected.push({ location: item.location, reason });
            noteUnresolved(frameworkRefId, item.id);
          }
          return !reason;
        });
      for (const map of entry.maps) {
        await pause();
        const fromIds = resolvedItems(map.sources, sources, source.refId);
        const toIds = resolvedItems(map.targets, targets, target.refId);
        for (const from of fromIds) {
          for (const to of toIds) {
            const s = sources.resolved.get(from.id)!;
            const t = targets.resolved.get(to.id)!;
            const link: CatalogRequirementLink = {
              source: { frameworkRefId: source.refId!, refId: s.refId },
              target: { frameworkRefId: target.refId!, refId: t.refId },
              relationship: map.relationship,
              strength: map.strength,
              rationale: map.rationale,
              provenance: parsed.provenance,
            };
            const key = JSON.stringify([link.source, link.target]);
            const earlier = seen.get(key);
            if (earlier) {
              if (earlier.link.relationship === link.relationship && earlier.link.strength === link.strength) {
                tally.note('a source → target pair is mapped again with the same relationship; the repeat is ignored', map.location);
              } else {
                plan.rejected.push({
                  location: map.location,
                  reason: `maps "${from.id}" → "${to.id}" again, differently from ${earlier.location}; which one is meant is ambiguous`,
                });
              }
              continue;
            }
            seen.set(key, { link, location: map.location });
            plan.bundle.links.push(link);
            locations.push(map.location);
          }
        }
      }
      if (source.refId && target.refId) {
        plan.replace.push({ kind: 'links', sourceFrameworkRefId: source.refId, targetFrameworkRefId: target.refId });
      }
    }
    plan.locations.links = locations;
    plan.warnings.push(...tally.warnings());
    plan.unresolved = [...unresolved].map(
      ([frameworkRefId, ids]): UnresolvedIds => ({ kind: 'REQUIREMENT', frameworkRefId: frameworkRefId || null, ids: [...ids].sort() }),
    );
    return plan;
  },
};

/** Why an id of a side whose framework could not be determined is not linked. */
function whyNoFramework(id: string, holders: readonly { frameworkRefId: string; withdrawn: boolean }[]): string {
  if (holders.length === 0) return `"${id}" is not a requirement of any framework here`;
  const names = holders.map((h) => `"${h.frameworkRefId}"`).join(', ');
  if (holders.every((h) => h.withdrawn)) return `"${id}" is withdrawn in ${holders.length === 1 ? 'framework' : 'frameworks'} ${names} and cannot be linked`;
  if (holders.length > 1) return `"${id}" is a requirement of ${holders.length} frameworks (${names}); name the framework of this side (frameworkRefId or targetFrameworkRefId)`;
  return `"${id}" is a requirement of framework ${names}, but the side's other ids put it elsewhere or nowhere; name the framework of this side (frameworkRefId or targetFrameworkRefId)`;
}
