/**
 * OSCAL profile (JSON, OSCAL 1.0 to 1.2) → a control selection, and the selection resolved
 * against a framework's requirements → the members of a baseline. Pure.
 *
 * Selection rules (per `imports[]` entry, then the union of all entries):
 * - `include-all` selects every requirement of the framework that is not a group;
 *   `include-controls[]` selects by `with-ids` (OSCAL ids, or Crosswalk refIds) and `matching`
 *   (glob patterns with `*` and `?` on the OSCAL id); `with-child-controls: "yes"` adds every
 *   descendant (enhancements). `exclude-controls[]` (same shape) then removes.
 * - Withdrawn requirements are never members (they are never counted): one named by `with-ids`
 *   is left out with a warning; those reached by `include-all`, `matching` or child controls are
 *   left out and counted in one warning.
 * - A `with-ids` id that names no requirement as written is read as the one whose id or refId
 *   equals it ignoring case, with one warning giving the count (case-only-ids.ts).
 * - A `with-ids` id that names no requirement is rejected at its JSON path (and listed with the
 *   other unknown ids); an unknown id in `exclude-controls` only warns (nothing to remove).
 * - `merge` and `modify` (parameter settings, alterations) do not change the selection and are
 *   not kept (a warning says so for `modify`).
 * - Each import is resolved against its own framework (the import format matches each `href` to
 *   a framework, see domain/import/oscal-profile-format.ts); `resolveProfile` resolves the imports it is given.
 * - The back-matter's resources are read (uuid, title, document ids, rlinks with hashes): an
 *   import's `#uuid` href names one of them.
 */
import {
  ImportDocumentError,
  WarningTally,
  type ImportRejection,
  type ImportWarning,
  type LookupRequirement,
} from '../import/types.js';
import { byIdIgnoringCase, CaseOnlyMatches } from './case-only-ids.js';
import { arrayOrEmpty, isObject, optionalString, type UntypedObject } from './untyped-data.js';

export interface ProfileSelector {
  location: string;
  withIds: { id: string; location: string }[];
  matching: { pattern: string; location: string }[];
  withChildControls: boolean;
}

export interface ProfileImport {
  location: string;
  href: string;
  includeAll: boolean;
  include: ProfileSelector[];
  exclude: ProfileSelector[];
}

/** A back-matter resource: what a `#uuid` import href points to. */
export interface ProfileResource {
  uuid: string;
  title: string | null;
  /** `document-ids[].identifier`. */
  documentIds: string[];
  rlinks: { href: string; hashes: { algorithm: string; value: string }[] }[];
}

export interface ParsedProfile {
  uuid: string | null;
  title: string;
  version: string;
  oscalVersion: string;
  imports: ProfileImport[];
  /** Back-matter resources by uuid. */
  resources: Map<string, ProfileResource>;
  warnings: ImportWarning[];
}

/** Reads `$.profile`; throws ImportDocumentError (with the JSON path) when it is not an OSCAL profile. */
export function parseOscalProfile(document: unknown): ParsedProfile {
  if (!isObject(document) || !isObject(document.profile)) {
    const keys = isObject(document) ? Object.keys(document).join(', ') || 'none' : 'not an object';
    throw new ImportDocumentError('$.profile', `not an OSCAL profile: $.profile is missing or not an object (top-level keys: ${keys})`);
  }
  const profile = document.profile;
  const metadata = isObject(profile.metadata) ? profile.metadata : {};
  const tally = new WarningTally();
  if (!Array.isArray(profile.imports) || profile.imports.length === 0) {
    throw new ImportDocumentError('$.profile.imports', 'an OSCAL profile needs at least one import');
  }
  const imports = profile.imports.map((raw, i) => readImport(raw, `$.profile.imports[${i}]`, tally));
  if (profile.modify !== undefined) {
    tally.note('modify (parameter settings, alterations) does not change the selection and is not kept', '$.profile.modify');
  }
  return {
    uuid: optionalString(profile.uuid) ?? null,
    title: optionalString(metadata.title)?.trim() || 'Untitled profile',
    version: optionalString(metadata.version) ?? '',
    oscalVersion: optionalString(metadata['oscal-version']) ?? '',
    imports,
    resources: readResources(profile['back-matter']),
    warnings: tally.warnings(),
  };
}

function readResources(raw: unknown): Map<string, ProfileResource> {
  const resources = new Map<string, ProfileResource>();
  for (const r of isObject(raw) ? arrayOrEmpty(raw.resources) : []) {
    const uuid = isObject(r) ? optionalString(r.uuid) : undefined;
    if (!isObject(r) || !uuid) continue;
    resources.set(uuid, {
      uuid,
      title: optionalString(r.title)?.trim() || null,
      documentIds: arrayOrEmpty(r['document-ids']).flatMap((d) => (isObject(d) && optionalString(d.identifier) ? [optionalString(d.identifier)!] : [])),
      rlinks: arrayOrEmpty(r.rlinks).flatMap((l) =>
        isObject(l) && optionalString(l.href)
          ? [
              {
                href: optionalString(l.href)!,
                hashes: arrayOrEmpty(l.hashes).flatMap((h) =>
                  isObject(h) && optionalString(h.algorithm) && optionalString(h.value) ? [{ algorithm: optionalString(h.algorithm)!, value: optionalString(h.value)! }] : [],
                ),
              },
            ]
          : [],
      ),
    });
  }
  return resources;
}

function readImport(raw: unknown, path: string, tally: WarningTally): ProfileImport {
  if (!isObject(raw)) throw new ImportDocumentError(path, 'expected an object');
  const href = optionalString(raw.href) ?? '';
  if (!href) tally.note('an import has no href', `${path}.href`);
  let includeAll = false;
  if (raw['include-all'] !== undefined) {
    includeAll = raw['include-all'] !== false;
    if (!isObject(raw['include-all'])) tally.note('include-all should be an object ({}); read as selecting all', `${path}.include-all`);
  }
  const include = readSelectors(raw['include-controls'], `${path}.include-controls`, tally);
  const exclude = readSelectors(raw['exclude-controls'], `${path}.exclude-controls`, tally);
  if (includeAll && include.length > 0) tally.note('an import has both include-all and include-controls; the union is selected', path);
  if (!includeAll && include.length === 0) tally.note('an import selects nothing (no include-all, no include-controls)', path);
  return { location: path, href, includeAll, include, exclude };
}

function readSelectors(raw: unknown, path: string, tally: WarningTally): ProfileSelector[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ImportDocumentError(path, 'expected an array');
  return raw.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) throw new ImportDocumentError(at, 'expected an object');
    return {
      location: at,
      withIds: readWithIds(item, at),
      matching: arrayOrEmpty(item.matching).flatMap((m, j) => {
        const pattern = isObject(m) ? optionalString(m.pattern) : undefined;
        if (!pattern) throw new ImportDocumentError(`${at}.matching[${j}].pattern`, 'expected a non-empty string');
        return [{ pattern, location: `${at}.matching[${j}]` }];
      }),
      withChildControls: readYesNo(item['with-child-controls'], `${at}.with-child-controls`, tally),
    };
  });
}

function readWithIds(item: UntypedObject, at: string): { id: string; location: string }[] {
  const raw = item['with-ids'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ImportDocumentError(`${at}.with-ids`, 'expected an array of control ids');
  return raw.map((id, k) => {
    if (typeof id !== 'string' || id.trim() === '') throw new ImportDocumentError(`${at}.with-ids[${k}]`, 'expected a control id');
    return { id: id.trim(), location: `${at}.with-ids[${k}]` };
  });
}

function readYesNo(value: unknown, location: string, tally: WarningTally): boolean {
  if (value === undefined || value === 'no') return false;
  if (value === 'yes') return true;
  if (value === true || value === false || value === 'true' || value === 'false') {
    tally.note('with-child-controls should be "yes" or "no"; a boolean was read as such', location);
    return value === true || value === 'true';
  }
  throw new ImportDocumentError(location, `"${String(value)}" is neither "yes" nor "no"`);
}

export interface ProfileResolution {
  /** Requirement refIds in the baseline, in framework order, each with the place that selected it. */
  members: { refId: string; location: string }[];
  rejected: ImportRejection[];
  warnings: ImportWarning[];
  /** with-ids that named no requirement. */
  unknownIds: string[];
}

/** Resolves the selection against `requirements` (parents first, as `CatalogLookup.requirements` returns them). */
export function resolveProfile(profile: ParsedProfile, requirements: readonly LookupRequirement[], frameworkRefId: string): ProfileResolution {
  const bySourceId = new Map<string, LookupRequirement>();
  for (const r of requirements) if (r.sourceId !== null && !bySourceId.has(r.sourceId)) bySourceId.set(r.sourceId, r);
  const byRefId = new Map(requirements.map((r) => [r.refId, r]));
  const ignoringCase = byIdIgnoringCase(requirements);
  const caseOnly = new CaseOnlyMatches();
  const find = (id: string, location: string): LookupRequirement | undefined => {
    const exact = bySourceId.get(id) ?? byRefId.get(id);
    if (exact) return exact;
    const r = ignoringCase.get(id.toLowerCase());
    if (r) caseOnly.note(id, r, location);
    return r ?? undefined;
  };
  const children = new Map<string, LookupRequirement[]>();
  for (const r of requirements) {
    if (r.parentRefId === null) continue;
    children.set(r.parentRefId, [...(children.get(r.parentRefId) ?? []), r]);
  }
  const descendants = (refId: string): LookupRequirement[] =>
    (children.get(refId) ?? []).flatMap((c) => [...(c.kind === 'group' ? [] : [c]), ...descendants(c.refId)]);
  const selectable = requirements.filter((r) => r.kind !== 'group');

  const rejected: ImportRejection[] = [];
  const tally = new WarningTally();
  const unknownIds = new Set<string>();
  const chosen = new Map<string, { location: string; named: boolean }>();
  let withdrawnSkipped = 0;

  const select = (selector: ProfileSelector, exclude: boolean) => {
    const picked = new Map<string, { location: string; named: boolean }>();
    for (const { id, location } of selector.withIds) {
      const r = find(id, location);
      if (!r) {
        if (exclude) tally.note(`exclude-controls names "${id}", which is not in framework "${frameworkRefId}"`, location);
        else {
          unknownIds.add(id);
          rejected.push({ location, reason: `"${id}" is not a requirement of framework "${frameworkRefId}"` });
        }
        continue;
      }
      if (!exclude && r.kind === 'group') tally.note(`with-ids names a group ("${id}"); the group itself is a member`, location);
      picked.set(r.refId, { location, named: true });
      if (selector.withChildControls) for (const d of descendants(r.refId)) if (!picked.has(d.refId)) picked.set(d.refId, { location, named: false });
    }
    for (const { pattern, location } of selector.matching) {
      const regex = globToRegExp(pattern);
      const matches = selectable.filter((r) => regex.test(r.sourceId ?? r.refId));
      if (matches.length === 0) tally.note(`pattern "${pattern}" matches no requirement`, location);
      for (const r of matches) {
        if (!picked.has(r.refId)) picked.set(r.refId, { location, named: false });
        if (selector.withChildControls) for (const d of descendants(r.refId)) if (!picked.has(d.refId)) picked.set(d.refId, { location, named: false });
      }
    }
    return picked;
  };

  for (const imp of profile.imports) {
    const selected = new Map<string, { location: string; named: boolean }>();
    if (imp.includeAll) for (const r of selectable) selected.set(r.refId, { location: `${imp.location}.include-all`, named: false });
    for (const selector of imp.include) for (const [refId, at] of select(selector, false)) if (!selected.has(refId)) selected.set(refId, at);
    for (const selector of imp.exclude) for (const refId of select(selector, true).keys()) selected.delete(refId);
    for (const [refId, at] of selected) if (!chosen.has(refId)) chosen.set(refId, at);
  }

  const members: { refId: string; location: string }[] = [];
  for (const r of requirements) {
    const at = chosen.get(r.refId);
    if (!at) continue;
    if (r.withdrawn) {
      if (at.named) tally.note(`"${r.sourceId ?? r.refId}" is withdrawn: left out of the baseline (withdrawn requirements are never counted)`, at.location);
      else withdrawnSkipped++;
      continue;
    }
    members.push({ refId: r.refId, location: at.location });
  }
  const warnings = tally.warnings();
  const caseWarning = caseOnly.warning(frameworkRefId);
  if (caseWarning) warnings.unshift(caseWarning);
  if (withdrawnSkipped > 0) {
    warnings.push({
      location: '$.profile.imports',
      message: `${withdrawnSkipped} withdrawn requirement(s) reached by include-all, matching or child controls were left out of the baseline`,
    });
  }
  return { members, rejected, warnings, unknownIds: [...unknownIds] };
}

/** OSCAL `matching/@pattern`: `*` any run of characters, `?` one character; the rest literal. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
