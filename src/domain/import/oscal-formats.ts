/**
 * The OSCAL import formats: catalog (1.0 to 1.2), profile → baseline, and 1.2 mapping-collection
 * → crosswalk links. The parsing rules live with the parsers in `domain/catalog/`; this file
 * turns their results into import plans.
 */
import { keyProblem } from '../keys.js';
import { parseMappingCollection, resolveMappingIds, type MapItem, type SideResolution } from '../catalog/parse-mapping-collection.js';
import { parseOscalCatalog } from '../catalog/parse-oscal-catalog.js';
import { parseOscalProfile, resolveProfile, type ProfileImport, type ProfileResource } from '../catalog/parse-oscal-profile.js';
import type { CatalogFramework, CatalogRequirementLink, FrameworkSource } from '../catalog/types.js';
import { isObject, optionalString } from '../catalog/untyped-data.js';
import type { FrameworkKind } from '../vocabulary.js';
import {
  emptyPlan,
  ImportDocumentError,
  WarningTally,
  type CatalogLookup,
  type ImportDocument,
  type ImportFormatHandler,
  type ImportPlan,
  type ImportRequest,
  type LookupFramework,
  type UnresolvedIds,
} from './types.js';

const jsonRoot = (document: ImportDocument, key: string): boolean =>
  document.syntax === 'json' && isObject(document.value) && isObject(document.value[key]);

/** A framework refId given by the caller must look like one (the rule frameworkCreate checks). */
function checkRefId(value: string, field: string): string {
  const problem = keyProblem(value);
  if (problem) throw new ImportDocumentError('', `${field} ${problem}`, field);
  return value;
}

async function existingFramework(lookup: CatalogLookup, refId: string, field: string, what: string): Promise<string> {
  checkRefId(refId, field);
  if (!(await lookup.framework(refId))) {
    throw new ImportDocumentError('', `framework "${refId}" (${what}) does not exist: import its catalog first`, field);
  }
  return refId;
}

/**
 * Where an OSCAL document came from, for a sourceNote: `what`, then those of its version, OSCAL
 * version and uuid it has (else the SHA-256 of its text), comma-separated. The file name is not
 * part of it: the same content under another name is the same document.
 */
function sourceNote(what: string, from: { version?: string | null; oscalVersion?: string | null; uuid?: string | null; sha256: string }): string {
  return [
    what,
    from.version ? `version ${from.version}` : null,
    from.oscalVersion ? `OSCAL ${from.oscalVersion}` : null,
    from.uuid ? `uuid ${from.uuid}` : `sha256 ${from.sha256}`,
  ]
    .filter(Boolean)
    .join(', ');
}

// ---------------------------------------------------------------------------- catalog

/**
 * OSCAL catalog → one framework: groups → parent requirements, controls and enhancements →
 * requirements, statements with parameters rendered, withdrawn controls flagged (see
 * parse-oscal-catalog.ts). `frameworkRefId` is required: it names the framework the catalog is
 * written into. A new framework takes its name and version from the catalog's metadata (kind
 * STANDARD); an existing framework keeps its own name, kind, version and notes (change them with
 * frameworkUpdate) and gets its requirements created and updated. REPLACE marks the framework's
 * requirements the catalog no longer contains withdrawn.
 */
export const oscalCatalogFormat: ImportFormatHandler = {
  format: 'OSCAL_CATALOG',
  syntax: 'json',
  description: 'OSCAL catalog (JSON, XML or YAML, OSCAL 1.0 to 1.2) → a framework and its requirements',
  detect: (document) => jsonRoot(document, 'catalog'),
  async read(document, request, lookup) {
    if (document.syntax !== 'json') throw new ImportDocumentError('$', 'an OSCAL catalog is JSON');
    if (!request.frameworkRefId) {
      throw new ImportDocumentError('', 'give the refId of the framework the catalog is imported as (frameworkRefId, --framework)', 'frameworkRefId');
    }
    const refId = checkRefId(request.frameworkRefId, 'frameworkRefId');
    const value = document.value as { catalog?: { metadata?: Record<string, unknown>; uuid?: unknown } };
    const metadata = isObject(value.catalog?.metadata) ? value.catalog.metadata : {};
    const existing = await lookup.framework(refId);
    const title = optionalString(metadata.title)?.trim() || refId;
    const framework: CatalogFramework = existing
      ? { ...existing, kind: existing.kind as FrameworkKind }
      : {
          refId,
          name: title.slice(0, 500),
          version: optionalString(metadata.version) ?? '',
          kind: 'STANDARD',
          description: '',
          sourceNote: sourceNote(`Imported from the OSCAL catalog "${title}"`, {
            version: optionalString(metadata.version),
            oscalVersion: optionalString(metadata['oscal-version']),
            uuid: optionalString(value.catalog?.uuid),
            sha256: request.sourceSha256,
          }),
          licenseNote: '',
        };
    const source = { uuid: optionalString(value.catalog?.uuid)?.trim() || null, title, sha256: request.sourceSha256, md5: request.sourceMd5 };
    if (existing && !request.replaceSource) {
      const problem = sourceConflict(existing, source);
      if (problem) throw new ImportDocumentError('$.catalog', `${problem} (framework "${refId}")`, 'replaceSource');
    }
    let parsed;
    try {
      parsed = parseOscalCatalog(document.value, framework);
    } catch (error) {
      const message = (error as Error).message;
      const match = /^(\$[^:]*): (.*)$/s.exec(message);
      throw new ImportDocumentError(match ? match[1]! : '$.catalog', match ? match[2]! : message);
    }
    const paths = catalogNodePaths(document.value);
    const pathByRefId = new Map(parsed.entry.requirements.map((r, i) => [r.refId, paths[i] ?? '$.catalog']));
    const plan = emptyPlan();
    plan.bundle.frameworks.push({ ...parsed.entry, source });
    plan.locations.frameworks = ['$.catalog'];
    plan.locations.requirements = [parsed.entry.requirements.map((r) => pathByRefId.get(r.refId)!)];
    plan.warnings = parsed.warnings.map((warning) => {
      const text = warning.startsWith(`${refId}: `) ? warning.slice(refId.length + 2) : warning;
      const subject = [...pathByRefId.keys()].find((id) => text.startsWith(`${id}: `));
      return { location: subject ? pathByRefId.get(subject)! : '$.catalog', message: text };
    });
    plan.replace.push({ kind: 'requirements', frameworkRefId: refId });
    return plan;
  },
};

/**
 * Why a catalog is not the document a framework was imported from (null: it is, or the framework
 * records none): its uuid or its title differ from the recorded ones.
 */
export function sourceConflict(framework: LookupFramework, catalog: FrameworkSource): string | null {
  const differs: string[] = [];
  if (framework.sourceUuid && catalog.uuid && framework.sourceUuid !== catalog.uuid) differs.push(`uuid ${catalog.uuid}, not ${framework.sourceUuid}`);
  if (framework.sourceTitle && catalog.title && framework.sourceTitle !== catalog.title) differs.push(`title "${catalog.title}", not "${framework.sourceTitle}"`);
  if (differs.length === 0) return null;
  return (
    `this catalog is another document than the one the framework was imported from (${differs.join('; ')}): ` +
    'import it as another framework (frameworkRefId), or give replaceSource: true (CLI --replace-source) to update this framework from it'
  );
}

/** JSON paths of the catalog's groups and controls in the order parseOscalCatalog lists them. */
function catalogNodePaths(document: unknown): string[] {
  const paths: string[] = [];
  const visit = (container: unknown, path: string, keys: readonly string[]): void => {
    if (!isObject(container)) return;
    for (const key of Object.keys(container).filter((k) => keys.includes(k))) {
      const children = container[key];
      if (!Array.isArray(children)) continue;
      children.forEach((child, i) => {
        const childPath = `${path}.${key}[${i}]`;
        paths.push(childPath);
        visit(child, childPath, key === 'groups' ? ['groups', 'controls'] : ['controls']);
      });
    }
  };
  if (isObject(document)) visit(document.catalog, '$.catalog', ['groups', 'controls']);
  return paths;
}

// ---------------------------------------------------------------------------- profile

/**
 * OSCAL profile → baselines: one per framework the profile imports from (see
 * parse-oscal-profile.ts for the selection rules).
 *
 * Each `imports[]` entry is matched to its own framework, the choice reported per import (a
 * warning at the import's path):
 * 1. `frameworkRefId` when given (only for a profile with one import);
 * 2. else by the catalog recorded at import: the href's `#uuid` or the back-matter resource's
 *    document ids naming a framework's recorded catalog uuid, a hash of the resource's rlinks
 *    (SHA-256 or MD5) equal to the recorded hash of the catalog's text, or the resource's title
 *    equal to the recorded catalog title;
 * 3. else by where its `with-ids` are found (the one framework holding most of them).
 * A step that finds several frameworks is not certain; an import not matched with certainty is
 * rejected by name (at its path) and never folded into another framework. When no import is
 * matched the profile is refused.
 *
 * The baseline's refId is `baselineRefId`, else derived from the profile's title; with several
 * frameworks each baseline is `<that refId>--<framework refId>`, all grouped by `profileRefId`
 * (the first). Its name is the title. REPLACE removes members the profile no longer selects.
 */
export const oscalProfileFormat: ImportFormatHandler = {
  format: 'OSCAL_PROFILE',
  syntax: 'json',
  description: 'OSCAL profile (JSON, XML or YAML) → baselines: the applicable selection of each imported framework\'s requirements',
  detect: (document) => jsonRoot(document, 'profile'),
  async read(document, request, lookup) {
    if (document.syntax !== 'json') throw new ImportDocumentError('$', 'an OSCAL profile is JSON');
    const profile = parseOscalProfile(document.value);
    const plan = emptyPlan();
    plan.warnings.push(...profile.warnings);
    const byFramework = new Map<string, ProfileImport[]>();
    if (request.frameworkRefId) {
      if (profile.imports.length > 1) {
        throw new ImportDocumentError(
          '$.profile.imports',
          `the profile imports ${profile.imports.length} catalogs, each matched to its own framework: leave frameworkRefId (--framework) out`,
          'frameworkRefId',
        );
      }
      byFramework.set(await existingFramework(lookup, request.frameworkRefId, 'frameworkRefId', 'the framework the profile selects from'), profile.imports);
    } else {
      const frameworks = await lookup.frameworks();
      const refused: string[] = [];
      for (const [i, imp] of profile.imports.entries()) {
        const what = profile.imports.length === 1 ? "the profile's controls" : `the ids of import ${i + 1}`;
        const match = await matchImport(imp, profile.resources, frameworks, lookup, what);
        if (!match.refId) {
          const reason = `import "${imp.href}"${describeResource(imp, profile.resources)} cannot be matched to a framework with certainty: ${match.problem}; import its catalog first (its uuid, title and hashes are recorded), then the profile again`;
          refused.push(reason);
          plan.rejected.push({ location: imp.location, reason });
          continue;
        }
        plan.warnings.push({ location: imp.location, message: match.how });
        byFramework.set(match.refId, [...(byFramework.get(match.refId) ?? []), imp]);
      }
      if (byFramework.size === 0) {
        const problem = refused.length === 1 ? refused[0]!.replace(/; import its catalog first.*$/, '') : `none of its ${refused.length} imports can be matched to a framework with certainty`;
        throw new ImportDocumentError('$.profile.imports', `${problem}; give the framework the profile selects from (frameworkRefId, --framework)`, 'frameworkRefId');
      }
    }
    const groupRefId = request.baselineRefId ?? slug(profile.title);
    checkRefId(groupRefId, 'baselineRefId');
    for (const [frameworkRefId, imports] of byFramework) {
      const resolution = resolveProfile({ ...profile, imports }, await lookup.requirements(frameworkRefId), frameworkRefId);
      const baselineRefId = byFramework.size === 1 ? groupRefId : `${groupRefId}--${frameworkRefId}`;
      checkRefId(baselineRefId, 'baselineRefId');
      plan.baselines.push({
        refId: baselineRefId,
        name: profile.title.slice(0, 500),
        description: `The requirements of ${frameworkRefId} selected by the OSCAL profile "${profile.title}".`,
        sourceNote: sourceNote(`OSCAL profile "${profile.title}"`, {
          version: profile.version,
          oscalVersion: profile.oscalVersion,
          uuid: profile.uuid,
          sha256: request.sourceSha256,
        }),
        frameworkRefId,
        profileRefId: groupRefId,
        location: imports.length === 1 ? imports[0]!.location : '$.profile',
        members: resolution.members,
      });
      plan.rejected.push(...resolution.rejected);
      plan.warnings.push(...resolution.warnings);
      if (resolution.unknownIds.length) plan.unresolved.push({ kind: 'REQUIREMENT', frameworkRefId, ids: [...resolution.unknownIds].sort() });
      plan.replace.push({ kind: 'baselineMembers', baselineRefId });
    }
    return plan;
  },
};

type ImportMatch = { refId: string; how: string; problem?: undefined } | { refId: null; problem: string; how?: undefined };

/** The framework of one profile import (the rules above), or why none is certain. */
async function matchImport(
  imp: ProfileImport,
  resources: ReadonlyMap<string, ProfileResource>,
  frameworks: readonly LookupFramework[],
  lookup: CatalogLookup,
  what: string,
): Promise<ImportMatch> {
  const fragment = imp.href.startsWith('#') ? imp.href.slice(1) : null;
  const resource = fragment ? resources.get(fragment) : undefined;
  const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
  const steps: { how: string; test: (f: LookupFramework) => boolean }[] = [
    {
      how: 'the uuid of its catalog, recorded at import',
      test: (f) => same(f.sourceUuid, fragment) || (resource?.documentIds ?? []).some((id) => same(f.sourceUuid, id)),
    },
    {
      how: "the hash of its catalog's text, recorded at import",
      test: (f) =>
        (resource?.rlinks ?? []).some((l) =>
          l.hashes.some((h) => {
            const algorithm = h.algorithm.toUpperCase().replace(/[^A-Z0-9]/g, '');
            return (algorithm === 'SHA256' && same(f.sourceSha256, h.value)) || (algorithm === 'MD5' && same(f.sourceMd5, h.value));
          }),
        ),
    },
    { how: 'the title of its catalog, recorded at import', test: (f) => resource?.title != null && f.sourceTitle === resource.title },
  ];
  for (const step of steps) {
    const found = frameworks.filter(step.test);
    if (found.length === 1) return { refId: found[0]!.refId, how: `import "${imp.href}" is matched to framework "${found[0]!.refId}" by ${step.how}` };
    if (found.length > 1) return { refId: null, problem: `${step.how} names ${found.length} frameworks (${found.map((f) => `"${f.refId}"`).join(', ')})` };
  }
  const ids = [...imp.include, ...imp.exclude].flatMap((selector) => selector.withIds.map((w) => w.id));
  if (ids.length === 0) return { refId: null, problem: 'no recorded catalog matches it and it names no ids to find the framework by' };
  const inferred = await inferFramework(lookup, ids, imp.location, what);
  if (inferred.refId === null) return { refId: null, problem: inferred.problem };
  return { refId: inferred.refId, how: `import "${imp.href}": ${inferred.warning.message}` };
}

/** ` (its back-matter resource links to …)` for a `#uuid` href, else nothing. */
function describeResource(imp: ProfileImport, resources: ReadonlyMap<string, ProfileResource>): string {
  const resource = imp.href.startsWith('#') ? resources.get(imp.href.slice(1)) : undefined;
  if (!resource) return '';
  const link = resource.rlinks[0]?.href;
  return resource.title ? ` ("${resource.title}")` : link ? ` (${link})` : '';
}

/** A refId from a title: lowercase words joined by `-`, at most 100 characters. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 100).replace(/-+$/, '') || 'baseline';
}

type Inference =
  | { refId: string; warning: { location: string; message: string }; problem?: undefined; ambiguous?: undefined }
  | { refId: null; problem: string; ambiguous: boolean; warning?: undefined };

/** The framework holding most of `ids` (a unique best), or why there is none. */
async function inferFramework(lookup: CatalogLookup, ids: readonly string[], location: string, what: string): Promise<Inference> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return { refId: null, problem: `${what} name no ids to find the framework by`, ambiguous: false };
  let found = await lookup.frameworksHoldingIds(distinct);
  // Found nowhere as written: try again ignoring case (CSF's `de.ae-02` for `DE.AE-02`), saying so.
  const ignoringCase = found.length === 0;
  if (ignoringCase) found = await lookup.frameworksHoldingIds(distinct, { ignoreCase: true });
  const [best, second] = found;
  if (!best) return { refId: null, problem: `none of ${what} (${distinct.length} ids) is a requirement of any framework here`, ambiguous: false };
  if (second && second.matched === best.matched) {
    const tied = found.filter((f) => f.matched === best.matched).map((f) => `"${f.frameworkRefId}"`);
    return { refId: null, problem: `${what} are found equally in the frameworks ${tied.join(', ')} (${best.matched} ids each)`, ambiguous: true };
  }
  return {
    refId: best.frameworkRefId,
    warning: {
      location,
      message: `framework of ${what} inferred as "${best.frameworkRefId}" (${best.matched} of ${distinct.length} ids found there${ignoringCase ? ' when case is ignored' : ''}); name it to choose another`,
    },
  };
}

// ---------------------------------------------------------------------------- mapping-collection

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

export type { ImportPlan, ImportRequest };
