/**
 * The CISO Assistant library import format (see parse-ciso-library.ts for how a library is
 * read). A framework library → a framework, its requirements (URNs kept as source ids) and a
 * baseline of its assessable requirements; a mapping library → crosswalk links, matched by URN.
 * A framework library records itself on the framework (its framework URN as identity, its name as
 * title) and is refused by an existing framework recorded from another document unless
 * `replaceSource` (framework-source.ts, the rule OSCAL catalogs follow).
 *
 * Mapping libraries, rules:
 * - each set's frameworks are found by URN: `frameworkRefId` / `targetFrameworkRefId` when given
 *   (for the first set's source and target), else the framework whose refId is the framework
 *   URN's last segment when it holds the set's requirement URNs, else the one framework holding
 *   most of them; a set whose framework is not here is rejected as a whole (import its framework
 *   library first);
 * - requirements are matched by URN exactly (the source id their framework library gave them);
 *   a URN that names nothing is rejected at its mapping and listed in `unresolved`;
 * - a `-revert` set (the inverse of an earlier set) is not imported twice: its mappings that are
 *   the forward ones reversed are counted in a warning, any it adds are imported as their inverse
 *   (in the forward direction), one that contradicts the forward set is rejected;
 * - `not_related` mappings are skipped with a warning; REPLACE retires the live links between
 *   each set's two frameworks that the library no longer contains.
 */
import { checkRefId } from './oscal-shared.js';
import {
  inverseRelationship,
  isCisoLibrary,
  libraryContent,
  libraryInfo,
  parseCisoFramework,
  parseCisoMappingSets,
  urnTail,
  type CisoLibraryInfo,
  type CisoMapping,
} from '../catalog/parse-ciso-library.js';
import type { CatalogFramework, CatalogRequirementLink } from '../catalog/types.js';
import type { FrameworkKind, Relationship } from '../vocabulary.js';
import { refuseOtherSource } from './framework-source.js';
import {
  emptyPlan,
  ImportDocumentError,
  WarningTally,
  type CatalogLookup,
  type ImportFormatHandler,
  type ImportPlan,
  type ImportRequest,
} from './types.js';

/** Where a library came from, for a framework's sourceNote and a link's provenance. */
function libraryNote(info: CisoLibraryInfo, detail: string): string {
  return [
    `CISO Assistant library ${info.urn}`,
    detail,
    info.version ? `version ${info.version}` : null,
    info.publicationDate ? `published ${info.publicationDate}` : null,
    info.provider ? `provider ${info.provider}` : null,
    info.packager ? `packager ${info.packager}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

export const cisoLibraryFormat: ImportFormatHandler = {
  format: 'CISO_ASSISTANT_LIBRARY',
  syntax: 'json',
  description: 'CISO Assistant library (YAML): a framework library → a framework; a mapping library → crosswalk links',
  detect: (document) => document.syntax === 'json' && isCisoLibrary(document.value),
  async read(document, request, lookup) {
    if (document.syntax !== 'json' || !isCisoLibrary(document.value)) {
      throw new ImportDocumentError('$', 'a CISO Assistant library is a YAML document with top-level urn and objects');
    }
    const value = document.value as Record<string, unknown>;
    const content = libraryContent(value);
    if (content === 'framework') return readFramework(value, request, lookup);
    if (content === 'mappings') return readMappingSets(value, request, lookup);
    throw new ImportDocumentError(
      '$.objects',
      `this library holds ${content.join(', ') || 'nothing'}; Crosswalk imports framework libraries (objects.framework) and mapping libraries (objects.requirement_mapping_sets)`,
    );
  },
};

async function readFramework(value: Record<string, unknown>, request: ImportRequest, lookup: CatalogLookup): Promise<ImportPlan> {
  const info = libraryInfo(value);
  const parsed = parseCisoFramework(value);
  if (!parsed.urn) throw new ImportDocumentError('$.objects.framework', 'the framework needs a urn');
  const refId = checkRefId(request.frameworkRefId ?? urnTail(parsed.urn), 'frameworkRefId');
  const existing = await lookup.framework(refId);
  const name = parsed.name || info.name || refId;
  const framework: CatalogFramework = existing
    ? { ...existing, kind: existing.kind as FrameworkKind }
    : {
        refId,
        name: name.slice(0, 500),
        version: info.version,
        kind: 'STANDARD',
        description: parsed.description || info.description,
        sourceNote: libraryNote(info, `framework ${parsed.urn}`),
        licenseNote: info.copyright,
      };
  // The framework's URN is the library's identity (in place of an OSCAL uuid): the same rule as a catalog's.
  const source = { uuid: parsed.urn, title: name, sha256: request.sourceSha256, md5: request.sourceMd5 };
  refuseOtherSource(existing, source, { refId, replaceSource: request.replaceSource, location: '$.objects.framework', what: 'this library' });
  const plan = emptyPlan();
  plan.bundle.frameworks.push({ framework, source, requirements: parsed.requirements, threats: [] });
  plan.locations.frameworks = ['$.objects.framework'];
  plan.locations.requirements = [parsed.locations];
  plan.rejected.push(...parsed.rejected);
  plan.warnings.push(...parsed.warnings.map((message) => ({ location: '$.objects.framework.requirement_nodes', message })));
  plan.replace.push({ kind: 'requirements', frameworkRefId: refId });
  if (parsed.assessable.length > 0 && parsed.assessable.length < parsed.requirements.length) {
    const baselineRefId = checkRefId(request.baselineRefId ?? `${refId}-assessable`.slice(0, 100), 'baselineRefId');
    const locationOf = new Map(parsed.requirements.map((r, i) => [r.refId, parsed.locations[i]!]));
    plan.baselines.push({
      refId: baselineRefId,
      name: `${name} — assessable requirements`.slice(0, 500),
      description: `The requirements of ${refId} that the CISO Assistant library marks assessable; apply it to leave headings and informative text out of coverage.`,
      sourceNote: libraryNote(info, `framework ${parsed.urn}, nodes with assessable: true`),
      frameworkRefId: refId,
      location: '$.objects.framework',
      members: parsed.assessable.map((r) => ({ refId: r, location: locationOf.get(r)! })),
    });
    plan.replace.push({ kind: 'baselineMembers', baselineRefId });
  }
  return plan;
}

type FrameworkMatch = { refId: string; byUrn: Map<string, string> } | { refId: null; problem: string };

async function readMappingSets(value: Record<string, unknown>, request: ImportRequest, lookup: CatalogLookup): Promise<ImportPlan> {
  const info = libraryInfo(value);
  const { sets, rejected } = parseCisoMappingSets(value);
  const plan = emptyPlan();
  plan.rejected.push(...rejected);
  const tally = new WarningTally();
  const explicit = new Map<string, { refId: string; field: string }>();
  const first = sets.find((s) => s.revertOf === null);
  if (first && request.frameworkRefId) explicit.set(first.sourceFrameworkUrn, { refId: checkRefId(request.frameworkRefId, 'frameworkRefId'), field: 'frameworkRefId' });
  if (first && request.targetFrameworkRefId) explicit.set(first.targetFrameworkUrn, { refId: checkRefId(request.targetFrameworkRefId, 'targetFrameworkRefId'), field: 'targetFrameworkRefId' });

  const matches = new Map<string, FrameworkMatch>();
  /** The framework a framework URN names here, and its requirements by URN. */
  const frameworkOf = async (frameworkUrn: string, urns: readonly string[]): Promise<FrameworkMatch> => {
    const known = matches.get(frameworkUrn);
    if (known) return known;
    const byUrnOf = async (refId: string) =>
      new Map((await lookup.requirements(refId)).flatMap((r) => (r.sourceId ? [[r.sourceId, r.refId] as const] : [])));
    let match: FrameworkMatch;
    const given = explicit.get(frameworkUrn);
    if (given) {
      if (!(await lookup.framework(given.refId))) throw new ImportDocumentError('', `framework "${given.refId}" does not exist: import its framework library first`, given.field);
      match = { refId: given.refId, byUrn: await byUrnOf(given.refId) };
    } else {
      const tail = urnTail(frameworkUrn);
      const byTail = (await lookup.framework(tail)) ? await byUrnOf(tail) : null;
      if (byTail && urns.some((u) => byTail.has(u))) match = { refId: tail, byUrn: byTail };
      else {
        const [best, second] = await lookup.frameworksHoldingIds([...new Set(urns)]);
        if (best && !(second && second.matched === best.matched)) match = { refId: best.frameworkRefId, byUrn: await byUrnOf(best.frameworkRefId) };
        else if (best) match = { refId: null, problem: `the requirement URNs of ${frameworkUrn} are found equally in several frameworks; name the framework` };
        else match = { refId: null, problem: `no framework here holds the requirements of ${frameworkUrn}: import its framework library first` };
      }
    }
    matches.set(frameworkUrn, match);
    return match;
  };

  const seen = new Map<string, { relationship: Relationship; location: string }>();
  const unresolved = new Map<string, Set<string>>();
  const links: CatalogRequirementLink[] = [];
  const locations: string[] = [];
  const scopes = new Set<string>();

  /** One mapping in the direction of its (forward) set, whose frameworks are `source` and `target`. */
  const add = (m: CisoMapping, source: { refId: string; byUrn: Map<string, string> }, target: { refId: string; byUrn: Map<string, string> }, provenance: string) => {
    if (m.relationship === null) {
      tally.note('not_related mappings are skipped (nothing to link)', m.location);
      return;
    }
    const from = source.byUrn.get(m.sourceUrn);
    const to = target.byUrn.get(m.targetUrn);
    if (!from || !to) {
      const missing = [!from ? [source.refId, m.sourceUrn] : null, !to ? [target.refId, m.targetUrn] : null].filter((x): x is string[] => x !== null);
      for (const [framework, urn] of missing) unresolved.set(framework!, (unresolved.get(framework!) ?? new Set()).add(urn!));
      plan.rejected.push({ location: m.location, reason: missing.map(([framework, urn]) => `"${urn}" is not a requirement of framework "${framework}"`).join('; ') });
      return;
    }
    const key = JSON.stringify([source.refId, from, target.refId, to]);
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.relationship === m.relationship) tally.note('a source → target pair is mapped again with the same relationship; the repeat is ignored', m.location);
      else plan.rejected.push({ location: m.location, reason: `maps "${m.sourceUrn}" → "${m.targetUrn}" again, differently from ${earlier.location}` });
      return;
    }
    seen.set(key, { relationship: m.relationship, location: m.location });
    links.push({
      source: { frameworkRefId: source.refId, refId: from },
      target: { frameworkRefId: target.refId, refId: to },
      relationship: m.relationship,
      strength: null,
      rationale: '',
      provenance,
    });
    locations.push(m.location);
  };

  for (const set of sets) {
    const forward = set.revertOf === null ? set : sets[set.revertOf]!;
    const source = await frameworkOf(forward.sourceFrameworkUrn, forward.mappings.map((m) => m.sourceUrn));
    const target = await frameworkOf(forward.targetFrameworkUrn, forward.mappings.map((m) => m.targetUrn));
    const problems = [source, target].flatMap((m) => (m.refId === null ? [m.problem] : []));
    if (source.refId !== null && source.refId === target.refId) problems.push(`source and target are both framework "${source.refId}"; crosswalk links join two frameworks`);
    if (problems.length || source.refId === null || target.refId === null) {
      plan.rejected.push({ location: set.location, reason: `${problems.join('; ')} (${set.mappings.length} mappings not imported)` });
      continue;
    }
    const provenance = libraryNote(info, `mapping set ${forward.urn || forward.refId}`);
    scopes.add(JSON.stringify([source.refId, target.refId]));
    if (set.revertOf === null) {
      for (const m of set.mappings) add(m, source, target, provenance);
      continue;
    }
    // The -revert set: each mapping reversed is compared with the forward set.
    const forwardByPair = new Map(forward.mappings.map((m) => [`${m.sourceUrn}\u0000${m.targetUrn}`, m]));
    let same = 0;
    let added = 0;
    for (const m of set.mappings) {
      const inverse: CisoMapping = {
        sourceUrn: m.targetUrn,
        targetUrn: m.sourceUrn,
        relationship: m.relationship === null ? null : inverseRelationship(m.relationship),
        location: m.location,
      };
      const counterpart = forwardByPair.get(`${inverse.sourceUrn}\u0000${inverse.targetUrn}`);
      if (counterpart && counterpart.relationship === inverse.relationship) same++;
      else if (counterpart) {
        plan.rejected.push({
          location: m.location,
          reason: `contradicts the forward set at ${counterpart.location} (${counterpart.relationship ?? 'not_related'} there, whose inverse is not ${m.relationship ?? 'not_related'})`,
        });
      } else {
        added++;
        add(inverse, source, target, provenance);
      }
    }
    plan.warnings.push({
      location: set.location,
      message:
        `set ${set.urn || set.refId} is the inverse (-revert) of ${forward.location}: ${same} of its ${set.mappings.length} mappings are the forward ones reversed and are not imported twice` +
        (added ? `; ${added} it adds are imported as their inverse` : ''),
    });
  }
  plan.bundle.links = links;
  plan.locations.links = locations;
  plan.warnings.push(...tally.warnings());
  plan.unresolved = [...unresolved].map(([frameworkRefId, ids]) => ({ kind: 'REQUIREMENT', frameworkRefId, ids: [...ids].sort() }));
  for (const scope of scopes) {
    const [sourceFrameworkRefId, targetFrameworkRefId] = JSON.parse(scope) as [string, string];
    plan.replace.push({ kind: 'links', sourceFrameworkRefId, targetFrameworkRefId });
  }
  return plan;
}
