/**
 * The fields of frameworks, requirements and controls that are copied as they are between a
 * database row, a catalog entry and a bundle item: everything but the natural key (refId,
 * framework), the parent link and the timestamps. A catalog load compares and updates exactly
 * these (a control's status apart: it goes through the status history).
 */
import type { CatalogControl, CatalogFramework, CatalogRequirement } from './types.js';

export type FrameworkFields = Omit<CatalogFramework, 'refId'>;
export type RequirementFields = Omit<CatalogRequirement, 'refId' | 'parentRefId'>;

/** A framework's fields (see above), in this order. */
export function frameworkFields(f: FrameworkFields): FrameworkFields {
  return {
    name: f.name,
    version: f.version,
    kind: f.kind,
    description: f.description,
    sourceNote: f.sourceNote,
    licenseNote: f.licenseNote,
  };
}

/** A requirement's fields (see above), in this order. */
export function requirementFields(r: RequirementFields): RequirementFields {
  return {
    sourceId: r.sourceId,
    title: r.title,
    statement: r.statement,
    kind: r.kind,
    withdrawn: r.withdrawn,
    sortOrder: r.sortOrder,
  };
}

export type ControlFields = Omit<CatalogControl, 'refId'>;

/** A control's fields (see above), in this order. */
export function controlFields(c: ControlFields): ControlFields {
  return {
    title: c.title,
    description: c.description,
    domain: c.domain,
    type: c.type,
    implementationStatus: c.implementationStatus,
    owner: c.owner,
  };
}
