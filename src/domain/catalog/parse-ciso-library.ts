/**
 * CISO Assistant libraries (intuitem's YAML: top-level `urn`, `ref_id`, `name`, `version`,
 * `copyright`, …, `objects`) → a framework, or requirement mapping sets. Pure: the parsed
 * YAML in, requirements and mapping sets out; resolving URNs against the graph is the import
 * format's job (src/domain/import/ciso-format.ts).
 *
 * Framework library (`objects.framework.requirement_nodes[]`), rules:
 * - every node becomes a requirement; its URN is kept as the requirement's source id (what
 *   mapping libraries name it by); its refId is its `ref_id`, or the URN's last segment for a
 *   node without one (recitals, preambles); a refId given twice is rejected at the second node;
 * - the hierarchy comes from `parent_urn`; a node whose parent is not in the library is rejected;
 * - title: `name`, else the refId; statement: `description`, then `annotation` after a blank line;
 * - kind: `assessable` for assessable nodes, `informative` for the others (headings, recitals).
 *
 * Mapping library (`objects.requirement_mapping_sets[]`): each set's source and target framework
 * URNs and its mappings (source URN, target URN, relationship). A set is the **inverse** of an
 * earlier one when its URN (or ref_id) is the earlier one's plus `-revert` and its frameworks are
 * the earlier one's swapped (`revertOf` names it); the format imports it only where it adds to
 * the forward set.
 */
import type { Relationship } from '../vocabulary.js';
import type { CatalogRequirement } from './types.js';
import { isObject, optionalString } from './untyped-data.js';

export const CISO_RELATIONSHIPS: ReadonlyMap<string, Relationship | null> = new Map([
  ['equal', 'EQUAL'],
  ['subset', 'SUBSET_OF'],
  ['superset', 'SUPERSET_OF'],
  ['intersect', 'INTERSECTS_WITH'],
  ['not_related', null],
]);

/** The inverse relationship (source and target swapped). */
export const inverseRelationship = (r: Relationship): Relationship =>
  r === 'SUBSET_OF' ? 'SUPERSET_OF' : r === 'SUPERSET_OF' ? 'SUBSET_OF' : r;

/** The top level of a CISO Assistant library: `urn` and `objects` (what auto-detection looks for). */
export function isCisoLibrary(value: unknown): boolean {
  return isObject(value) && typeof value.urn === 'string' && isObject(value.objects);
}

/** The last `:`-separated segment of a URN (`urn:intuitem:risk:framework:iso42001-2023` → `iso42001-2023`). */
export const urnTail = (urn: string): string => urn.slice(urn.lastIndexOf(':') + 1);

export interface CisoLibraryInfo {
  urn: string;
  refId: string;
  name: string;
  description: string;
  version: string;
  publicationDate: string;
  provider: string;
  packager: string;
  copyright: string;
}

export interface CisoProblem {
  location: string;
  reason: string;
}

export interface CisoFramework {
  urn: string;
  name: string;
  description: string;
  /** Parents first; parallel to `locations`. */
  requirements: CatalogRequirement[];
  locations: string[];
  /** refIds of the assessable nodes, in document order. */
  assessable: string[];
  rejected: CisoProblem[];
  warnings: string[];
}

export interface CisoMapping {
  sourceUrn: string;
  targetUrn: string;
  /** null: `not_related` (nothing to link). */
  relationship: Relationship | null;
  location: string;
}

export interface CisoMappingSet {
  urn: string;
  refId: string;
  name: string;
  sourceFrameworkUrn: string;
  targetFrameworkUrn: string;
  mappings: CisoMapping[];
  location: string;
  /** Index of the set this one is the `-revert` (inverse) of, or null. */
  revertOf: number | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export function libraryInfo(value: Record<string, unknown>): CisoLibraryInfo {
  return {
    urn: text(value.urn),
    refId: text(value.ref_id),
    name: text(value.name).trim(),
    description: text(value.description).trim(),
    version: text(value.version),
    publicationDate: text(value.publication_date),
    provider: text(value.provider),
    packager: text(value.packager),
    copyright: text(value.copyright).trim(),
  };
}

/** What the library's `objects` hold that Crosswalk reads: a framework, mapping sets, or neither (with the keys found). */
export function libraryContent(value: Record<string, unknown>): 'framework' | 'mappings' | string[] {
  const objects = value.objects as Record<string, unknown>;
  if (isObject(objects.framework)) return 'framework';
  if (Array.isArray(objects.requirement_mapping_sets)) return 'mappings';
  return Object.keys(objects);
}

export function parseCisoFramework(value: Record<string, unknown>): CisoFramework {
  const framework = (value.objects as Record<string, unknown>).framework as Record<string, unknown>;
  const base = '$.objects.framework.requirement_nodes';
  const nodes = Array.isArray(framework.requirement_nodes) ? framework.requirement_nodes : [];
  const result: CisoFramework = {
    urn: text(framework.urn),
    name: text(framework.name).trim(),
    description: text(framework.description).trim(),
    requirements: [],
    locations: [],
    assessable: [],
    rejected: [],
    warnings: [],
  };
  const refIdOfUrn = new Map<string, string>();
  const rejectedUrns = new Set<string>();
  /** Where each urn was first given, accepted or not (a urn is one node). */
  const firstOfUrn = new Map<string, string>();
  const firstOfRefId = new Map<string, string>();
  const siblings = new Map<string | null, number>();
  let withoutRefId = 0;
  nodes.forEach((node: unknown, i: number) => {
    const location = `${base}[${i}]`;
    if (!isObject(node) || typeof node.urn !== 'string' || node.urn.trim() === '') {
      result.rejected.push({ location, reason: 'a requirement node needs a urn' });
      return;
    }
    const urn = node.urn.trim();
    const reject = (reason: string) => {
      rejectedUrns.add(urn);
      result.rejected.push({ location, reason });
    };
    const first = firstOfUrn.get(urn);
    if (first) {
      result.rejected.push({ location, reason: `urn "${urn}" is given again (first at ${first})` });
      return;
    }
    firstOfUrn.set(urn, location);
    if (typeof node.ref_id === 'number' && !Number.isInteger(node.ref_id)) {
      // YAML reads `ref_id: 4.10` as the number 4.1: the written id is lost.
      reject(`ref_id is the YAML number ${node.ref_id}, which loses how it was written (4.10 reads as 4.1); quote it ("${node.ref_id}" or as written)`);
      return;
    }
    const given = text(node.ref_id).trim();
    if (!given) withoutRefId++;
    const refId = given || urnTail(urn);
    const earlier = firstOfRefId.get(refId);
    if (earlier) {
      reject(`ref_id "${refId}" is already used by the node at ${earlier}; refIds must be unique in a framework`);
      return;
    }
    let parentRefId: string | null = null;
    const parentUrn = optionalString(node.parent_urn)?.trim();
    if (parentUrn) {
      const parent = refIdOfUrn.get(parentUrn);
      if (parent === undefined) {
        reject(
          rejectedUrns.has(parentUrn)
            ? `its parent "${parentUrn}" was rejected`
            : `parent_urn "${parentUrn}" is not a node given before this one`,
        );
        return;
      }
      parentRefId = parent;
    }
    refIdOfUrn.set(urn, refId);
    firstOfRefId.set(refId, location);
    const position = siblings.get(parentRefId) ?? 0;
    siblings.set(parentRefId, position + 1);
    const assessable = node.assessable === true;
    const description = text(node.description).trim();
    const annotation = text(node.annotation).trim();
    result.requirements.push({
      refId,
      sourceId: urn,
      title: (text(node.name).trim() || refId).slice(0, 500),
      statement: [description, annotation].filter(Boolean).join('\n\n'),
      parentRefId,
      kind: assessable ? 'assessable' : 'informative',
      withdrawn: false,
      sortOrder: position,
    });
    result.locations.push(location);
    if (assessable) result.assessable.push(refId);
  });
  if (withoutRefId > 0) {
    result.warnings.push(`${withoutRefId} requirement node(s) have no ref_id; each takes its URN's last segment as refId (e.g. "node2")`);
  }
  return result;
}

export function parseCisoMappingSets(value: Record<string, unknown>): { sets: CisoMappingSet[]; rejected: CisoProblem[] } {
  const raw = (value.objects as Record<string, unknown>).requirement_mapping_sets as unknown[];
  const sets: CisoMappingSet[] = [];
  const rejected: CisoProblem[] = [];
  raw.forEach((set, k) => {
    const location = `$.objects.requirement_mapping_sets[${k}]`;
    if (!isObject(set)) {
      rejected.push({ location, reason: 'a requirement mapping set must be an object' });
      return;
    }
    const source = text(set.source_framework_urn).trim();
    const target = text(set.target_framework_urn).trim();
    if (!source || !target) {
      rejected.push({ location, reason: 'a requirement mapping set needs source_framework_urn and target_framework_urn' });
      return;
    }
    const mappings: CisoMapping[] = [];
    const list = Array.isArray(set.requirement_mappings) ? set.requirement_mappings : [];
    list.forEach((m: unknown, j: number) => {
      const at = `${location}.requirement_mappings[${j}]`;
      const sourceUrn = isObject(m) ? text(m.source_requirement_urn).trim() : '';
      const targetUrn = isObject(m) ? text(m.target_requirement_urn).trim() : '';
      const word = isObject(m) ? text(m.relationship).trim().toLowerCase() : '';
      const problems = [
        !sourceUrn ? 'source_requirement_urn is missing' : null,
        !targetUrn ? 'target_requirement_urn is missing' : null,
        !CISO_RELATIONSHIPS.has(word) ? `relationship "${word}" is not one of ${[...CISO_RELATIONSHIPS.keys()].join(', ')}` : null,
      ].filter((p): p is string => p !== null);
      if (problems.length) rejected.push({ location: at, reason: problems.join('; ') });
      else mappings.push({ sourceUrn, targetUrn, relationship: CISO_RELATIONSHIPS.get(word)!, location: at });
    });
    const urn = text(set.urn).trim();
    const refId = text(set.ref_id).trim();
    const revertOf = sets.findIndex(
      (earlier) =>
        earlier.revertOf === null &&
        earlier.sourceFrameworkUrn === target &&
        earlier.targetFrameworkUrn === source &&
        ((urn !== '' && urn === `${earlier.urn}-revert`) || (refId !== '' && refId === `${earlier.refId}-revert`)),
    );
    sets.push({
      urn,
      refId,
      name: text(set.name).trim(),
      sourceFrameworkUrn: source,
      targetFrameworkUrn: target,
      mappings,
      location,
      revertOf: revertOf >= 0 ? revertOf : null,
    });
  });
  return { sets, rejected };
}
