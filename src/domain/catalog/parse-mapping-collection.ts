/**
 * OSCAL 1.2 mapping-collection (JSON) → crosswalk links. Pure: `parseMappingCollection` reads the
 * document; `resolveMappingIds` matches the ids of one side against a framework's requirements.
 *
 * Published mapping files break the schema in small ways. The rule: accept what is unambiguous
 * (with one warning per kind of defect, naming how often and where first), reject the rest at its
 * JSON path.
 *
 * Accepted with a warning:
 * - `id_ref` (or `idRef`, `idref`) for `id-ref`, `mapping_collection` for `mapping-collection`;
 * - relationship spelled with other case, `_` or spaces (`Subset Of`), or Crosswalk's own names
 *   (`EQUAL`, `SUBSET_OF` …); `no-relationship` maps are skipped (counted in a warning);
 * - `provenance.method` outside human|automation|hybrid (`manual` is read, and stored, as human); other
 *   provenance vocabulary outside the spec is kept as written;
 * - a confidence percentage written as a string ("0.95"), or as a percentage above 1 (95);
 * - repeated map uuids; item types other than control/statement;
 * - at resolution: an id naming a group while typed `control` (linked to the group requirement);
 *   an id that matches nothing as written but exactly one requirement once repeated separators
 *   are collapsed (`iso-iec-42001_7--2` → `iso-iec-42001_7-2`) or case is ignored.
 * Rejected (with the JSON path): a map whose relationship is not one of the above, a source or
 * target without an id (or with two different ones), a confidence that is not a number from 0
 * to 1 (or 1 to 100), ids that name no requirement (also listed together in `unresolved`),
 * withdrawn requirements, and pairs repeated with a different relationship.
 *
 * Translation: equal-to / equivalent-to → EQUAL, subset-of → SUBSET_OF, superset-of →
 * SUPERSET_OF, intersects-with → INTERSECTS_WITH; every (source, target) pair of a map is one
 * link. Strength = confidence × 10 rounded (1 to 10; a category high/medium/low gives 8/5/2), the
 * map's own confidence first, else the collection's. The rationale names the matching rationale,
 * coverage and remarks; the provenance names the collection (title, version, uuid — else the SHA-256 of its text, never the file name) and its
 * provenance (method, matching rationale, status).
 */
import { ImportDocumentError, WarningTally, type ImportRejection, type ImportWarning, type LookupRequirement } from '../import/types.js';
import type { Relationship } from '../vocabulary.js';
import { CaseOnlyMatches } from './case-only-ids.js';
import { isObject, optionalString, type UntypedObject } from './untyped-data.js';

export interface MapItem {
  id: string;
  type: string | null;
  location: string;
}

export interface ParsedMap {
  location: string;
  relationship: Relationship;
  sources: MapItem[];
  targets: MapItem[];
  strength: number | null;
  rationale: string;
}

export interface ParsedMappingEntry {
  location: string;
  maps: ParsedMap[];
}

export interface ParsedMappingCollection {
  title: string;
  version: string;
  uuid: string | null;
  /** For each link's provenance. */
  provenance: string;
  mappings: ParsedMappingEntry[];
  warnings: ImportWarning[];
  rejected: ImportRejection[];
}

const RELATIONSHIPS = new Map<string, Relationship | null>([
  ['equal-to', 'EQUAL'],
  ['equivalent-to', 'EQUAL'],
  ['subset-of', 'SUBSET_OF'],
  ['superset-of', 'SUPERSET_OF'],
  ['intersects-with', 'INTERSECTS_WITH'],
  ['no-relationship', null],
]);
/** Not OSCAL but unambiguous: Crosswalk's names and short forms. */
const TOLERATED_RELATIONSHIPS = new Map<string, Relationship>([
  ['equal', 'EQUAL'],
  ['equivalent', 'EQUAL'],
  ['subset', 'SUBSET_OF'],
  ['superset', 'SUPERSET_OF'],
  ['intersects', 'INTERSECTS_WITH'],
]);
const METHODS = ['human', 'automation', 'hybrid'];
const CATEGORY_STRENGTH = new Map([
  ['high', 8],
  ['medium', 5],
  ['moderate', 5],
  ['low', 2],
]);
const ID_KEY_VARIANTS = ['id_ref', 'idRef', 'idref', 'id-Ref'];

/** A pause between items of a long read (the import service lets the event loop run; none by default). */
export type Pause = () => Promise<void>;
const noPause: Pause = async () => {};

/** `sha256`: of the document's text; it names the collection in the links' provenance when the collection has no uuid. */
export async function parseMappingCollection(document: unknown, sha256: string | null = null, pause: Pause = noPause): Promise<ParsedMappingCollection> {
  const tally = new WarningTally();
  const rejected: ImportRejection[] = [];
  let root: UntypedObject;
  if (isObject(document) && isObject(document['mapping-collection'])) root = document['mapping-collection'];
  else if (isObject(document) && isObject(document.mapping_collection)) {
    root = document.mapping_collection;
    tally.note('"mapping_collection" is read as "mapping-collection"', '$.mapping_collection');
  } else {
    const keys = isObject(document) ? Object.keys(document).join(', ') || 'none' : 'not an object';
    throw new ImportDocumentError('$.mapping-collection', `not an OSCAL mapping-collection: $.mapping-collection is missing (top-level keys: ${keys})`);
  }
  const rootPath = isObject(document) && document['mapping-collection'] ? '$.mapping-collection' : '$.mapping_collection';
  const metadata = isObject(root.metadata) ? root.metadata : {};
  const title = optionalString(metadata.title)?.trim() || 'Untitled mapping-collection';
  const version = optionalString(metadata.version) ?? '';
  const uuid = optionalString(root.uuid) ?? null;

  const prov = isObject(root.provenance) ? root.provenance : {};
  const written = optionalString(prov.method);
  // What the warning says is what is stored: `manual` becomes human.
  const method = written === 'manual' ? 'human' : written;
  if (written !== undefined && !METHODS.includes(written)) {
    tally.note(
      written === 'manual'
        ? 'provenance.method "manual" is not in the OSCAL 1.2 vocabulary (human, automation, hybrid); read and stored as human'
        : `provenance.method "${written}" is not in the OSCAL 1.2 vocabulary (human, automation, hybrid); kept as written`,
      `${rootPath}.provenance.method`,
    );
  }
  const defaultStrength = readConfidence(prov['confidence-score'], `${rootPath}.provenance.confidence-score`, tally);
  if (typeof defaultStrength === 'string') rejected.push({ location: `${rootPath}.provenance.confidence-score`, reason: `${defaultStrength}; the collection's confidence is not used` });
  const collectionRationale = optionalString(prov['matching-rationale']);
  const provenance = [
    `OSCAL mapping-collection "${title}"${version ? ` version ${version}` : ''}${uuid ? ` (uuid ${uuid})` : sha256 ? ` (sha256 ${sha256})` : ''}`,
    method ? `method ${method}` : null,
    collectionRationale ? `matching rationale ${collectionRationale}` : null,
    optionalString(prov.status) ? `status ${optionalString(prov.status)}` : null,
  ]
    .filter(Boolean)
    .join('; ');

  if (!Array.isArray(root.mappings)) throw new ImportDocumentError(`${rootPath}.mappings`, 'expected an array of mappings');
  const seenUuids = new Set<string>();
  const mappings: ParsedMappingEntry[] = [];
  let skipped = 0;
  for (const [mi, rawMapping] of (root.mappings as unknown[]).entries()) {
    const mPath = `${rootPath}.mappings[${mi}]`;
    if (!isObject(rawMapping)) {
      rejected.push({ location: mPath, reason: 'expected an object' });
      continue;
    }
    if (!Array.isArray(rawMapping.maps)) {
      rejected.push({ location: `${mPath}.maps`, reason: 'a mapping needs an array of maps' });
      continue;
    }
    const maps: ParsedMap[] = [];
    for (const [i, rawMap] of (rawMapping.maps as unknown[]).entries()) {
      await pause();
      const path = `${mPath}.maps[${i}]`;
      if (!isObject(rawMap)) {
        rejected.push({ location: path, reason: 'expected an object' });
        continue;
      }
      const mapUuid = optionalString(rawMap.uuid);
      if (mapUuid !== undefined) {
        if (seenUuids.has(mapUuid)) tally.note(`map uuid ${mapUuid} is used more than once`, `${path}.uuid`);
        seenUuids.add(mapUuid);
      }
      const relationship = readRelationship(rawMap.relationship, `${path}.relationship`, tally);
      if (typeof relationship === 'object' && relationship !== null) {
        rejected.push(relationship.rejection);
        continue;
      }
      if (relationship === null) {
        skipped++;
        continue;
      }
      const sources = readItems(rawMap.sources, `${path}.sources`, tally, rejected);
      const targets = readItems(rawMap.targets, `${path}.targets`, tally, rejected);
      const confidence = readConfidence(rawMap['confidence-score'], `${path}.confidence-score`, tally);
      if (typeof confidence === 'string') {
        rejected.push({ location: `${path}.confidence-score`, reason: confidence });
        continue;
      }
      if (sources.length === 0 || targets.length === 0) continue; // the items' rejections say why
      maps.push({
        location: path,
        relationship,
        sources,
        targets,
        strength: confidence ?? (typeof defaultStrength === 'number' ? defaultStrength : null),
        rationale: rationaleOf(rawMap, collectionRationale),
      });
    }
    mappings.push({
      location: mPath,
      maps,
    });
  }
  const warnings = tally.warnings();
  if (skipped > 0) warnings.push({ location: `${rootPath}.mappings`, message: `${skipped} map(s) with relationship no-relationship were skipped (nothing to link)` });
  return { title, version, uuid, provenance, mappings, warnings, rejected };
}

type RelationshipRead = Relationship | null | { rejection: ImportRejection };

function readRelationship(raw: unknown, location: string, tally: WarningTally): RelationshipRead {
  let text: string | undefined;
  if (typeof raw === 'string') text = raw;
  else if (isObject(raw)) {
    text = optionalString(raw.type) ?? optionalString(raw.value);
    const ns = optionalString(raw.ns);
    if (ns && ns !== 'http://csrc.nist.gov/ns/oscal') tally.note(`relationship in namespace ${ns} is read by its name`, location);
  }
  if (text === undefined || text.trim() === '') return { rejection: { location, reason: 'a map needs a relationship' } };
  if (RELATIONSHIPS.has(text)) return RELATIONSHIPS.get(text)!;
  const normalised = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const known = RELATIONSHIPS.has(normalised) ? RELATIONSHIPS.get(normalised)! : TOLERATED_RELATIONSHIPS.get(normalised.replace(/-(to|of|with)$/, ''));
  if (known !== undefined) {
    tally.note(`relationship "${text}" is not written as OSCAL spells it; read as ${known ?? 'no-relationship'}`, location);
    return known;
  }
  return {
    rejection: {
      location,
      reason: `relationship "${text}" is not an OSCAL relationship (equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship)`,
    },
  };
}

function readItems(raw: unknown, path: string, tally: WarningTally, rejected: ImportRejection[]): MapItem[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    rejected.push({ location: path, reason: 'a map needs at least one item here' });
    return [];
  }
  const items: MapItem[] = [];
  raw.forEach((item, i) => {
    const location = `${path}[${i}]`;
    if (!isObject(item)) {
      rejected.push({ location, reason: 'expected an object with "id-ref"' });
      return;
    }
    const proper = optionalString(item['id-ref'])?.trim();
    const variants = ID_KEY_VARIANTS.flatMap((key) => {
      const value = optionalString(item[key])?.trim();
      return value ? [{ key, value }] : [];
    });
    const values = new Set([...(proper ? [proper] : []), ...variants.map((v) => v.value)]);
    if (values.size === 0) {
      rejected.push({ location, reason: 'has no "id-ref"' });
      return;
    }
    if (values.size > 1) {
      rejected.push({ location, reason: `gives different ids (${[...values].map((v) => `"${v}"`).join(', ')}); which one is meant is ambiguous` });
      return;
    }
    if (!proper) tally.note(`"${variants[0]!.key}" is read as "id-ref"`, location);
    const type = optionalString(item.type) ?? null;
    if (type !== null && type !== 'control' && type !== 'statement') tally.note(`item type "${type}" is not control or statement; the id is used as is`, location);
    items.push({ id: [...values][0]!, type, location });
  });
  return items;
}

/** A strength 1..10, null when absent, or a rejection reason. */
function readConfidence(raw: unknown, location: string, tally: WarningTally): number | null | string {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) return 'confidence-score must be an object with "percentage" or "category"';
  let value: unknown = raw.percentage;
  if (value !== undefined) {
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      tally.note('confidence percentage written as a string; read as a number', `${location}.percentage`);
      value = Number(value);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      return `confidence percentage ${JSON.stringify(raw.percentage)} is not a number from 0 to 1`;
    }
    if (value > 1) {
      tally.note('confidence percentage above 1 read as a percentage (95 = 0.95)', `${location}.percentage`);
      value /= 100;
    }
    return Math.min(10, Math.max(1, Math.round((value as number) * 10)));
  }
  const category = optionalString(raw.category)?.trim().toLowerCase();
  if (category !== undefined) {
    const strength = CATEGORY_STRENGTH.get(category);
    if (strength !== undefined) return strength;
    return `confidence category "${optionalString(raw.category)}" is not high, medium or low`;
  }
  return null;
}

function rationaleOf(map: UntypedObject, collectionRationale: string | undefined): string {
  const parts: string[] = [];
  const matching = optionalString(map['matching-rationale']) ?? collectionRationale;
  if (matching) parts.push(`${matching} match`);
  const coverage = isObject(map.coverage) ? map.coverage : undefined;
  const targetCoverage = coverage ? Number(coverage['target-coverage']) : NaN;
  if (Number.isFinite(targetCoverage)) parts.push(`target coverage ${Math.round(targetCoverage * 100)}%`);
  const remarks = optionalString(map.remarks)?.trim();
  if (remarks) parts.push(remarks);
  return parts.join('; ');
}

const GROUP_TYPED_CONTROL = 'an id typed "control" names a group of the catalog (e.g. a subcategory); linked to that group requirement';

export interface SideResolution {
  /** id → requirement refId, for the ids that resolved. */
  resolved: Map<string, LookupRequirement>;
  warnings: ImportWarning[];
  /** id → reason, for the ids that did not. */
  failed: Map<string, string>;
}

/**
 * Matches the ids of one side (all its items) against the framework's requirements: the OSCAL id
 * (sourceId) or refId as written, else — when exactly one requirement matches — with repeated
 * `-`/`_` collapsed or ignoring case (with a warning). Withdrawn requirements fail.
 */
export async function resolveMappingIds(
  items: readonly MapItem[],
  requirements: readonly LookupRequirement[],
  frameworkRefId: string,
  pause: Pause = noPause,
): Promise<SideResolution> {
  const exact = new Map<string, LookupRequirement>();
  for (const r of requirements) {
    if (r.sourceId !== null && !exact.has(r.sourceId)) exact.set(r.sourceId, r);
  }
  for (const r of requirements) if (!exact.has(r.refId)) exact.set(r.refId, r);
  const loose = (id: string) => id.toLowerCase().replace(/([-_])[-_]+/g, '$1');
  const byLoose = new Map<string, LookupRequirement[]>();
  for (const r of requirements) {
    for (const key of new Set([r.sourceId, r.refId].filter((k): k is string => k !== null).map(loose))) {
      byLoose.set(key, [...(byLoose.get(key) ?? []), r]);
    }
  }
  const tally = new WarningTally();
  const resolved = new Map<string, LookupRequirement>();
  const failed = new Map<string, string>();
  const caseOnly = new CaseOnlyMatches();
  for (const item of items) {
    await pause();
    if (resolved.has(item.id) || failed.has(item.id)) {
      const r = resolved.get(item.id);
      if (r && item.type === 'control' && r.kind === 'group') tally.note(GROUP_TYPED_CONTROL, item.location);
      continue;
    }
    let r = exact.get(item.id);
    if (!r) {
      const candidates = byLoose.get(loose(item.id)) ?? [];
      if (candidates.length === 1) {
        r = candidates[0]!;
        const read = [r.sourceId, r.refId].find((k) => k !== null && k.toLowerCase() === item.id.toLowerCase());
        if (read) caseOnly.note(item.id, r, item.location);
        else tally.note(`"${item.id}" matches no id as written; read as "${r.sourceId ?? r.refId}"`, item.location);
      }
    }
    if (!r) {
      failed.set(item.id, `"${item.id}" is not a requirement of framework "${frameworkRefId}"`);
      continue;
    }
    if (r.withdrawn) {
      failed.set(item.id, `"${item.id}" is withdrawn in framework "${frameworkRefId}" and cannot be linked`);
      continue;
    }
    if (item.type === 'control' && r.kind === 'group') tally.note(GROUP_TYPED_CONTROL, item.location);
    resolved.set(item.id, r);
  }
  const warnings = tally.warnings();
  const caseWarning = caseOnly.warning(frameworkRefId);
  if (caseWarning) warnings.unshift(caseWarning);
  return { resolved, failed, warnings };
}
