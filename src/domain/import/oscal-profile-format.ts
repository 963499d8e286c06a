/** The OSCAL profile import format (the selection rules live in domain/catalog/parse-oscal-profile.ts). */
import { parseOscalProfile, resolveProfile, type ProfileImport, type ProfileResource } from '../catalog/parse-oscal-profile.js';
import { checkRefId, existingFramework, inferFramework, jsonRoot, sourceNote } from './oscal-shared.js';
import { emptyPlan, ImportDocumentError, type CatalogLookup, type ImportFormatHandler, type LookupFramework } from './types.js';

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
