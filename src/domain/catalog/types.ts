/**
 * The normalised shape every catalog parser produces (OSCAL catalogs, the AI RMF core, MITRE
 * ATLAS, the CoSAI risk map, the project's own starter catalog). Parsers are pure: text in,
 * `CatalogBundle` out. The catalog loader writes a bundle into the database idempotently,
 * matching rows by `refId`.
 */
import type {
  ControlType,
  FrameworkKind,
  ImplementationStatus,
  Relationship,
} from '../vocabulary.js';

export interface CatalogFramework {
  /** Unique, stable, e.g. `nist-ai-rmf-1.0`. */
  refId: string;
  name: string;
  version: string;
  kind: FrameworkKind;
  description: string;
  /** Where the content came from (publisher, repository, commit). */
  sourceNote: string;
  licenseNote: string;
}

export interface CatalogRequirement {
  /** Unique within its framework; what people write, e.g. `GOVERN 1.1`, `AC-2(1)`, `Art. 15`. */
  refId: string;
  /** The identifier the source file uses when it differs from `refId` (OSCAL id `ac-2.1`). */
  sourceId: string | null;
  title: string;
  statement: string;
  /** `refId` of the parent requirement in the same framework, or null for a top-level one. */
  parentRefId: string | null;
  /** The source's own level name: `function`, `category`, `subcategory`, `group`, `control`... */
  kind: string | null;
  /** Withdrawn items are kept (other items point at them) but are never counted. */
  withdrawn: boolean;
  /** Position among its siblings, in document order. */
  sortOrder: number;
}

export interface CatalogThreat {
  /** Unique within its threat catalog, e.g. `AML.T0020`. */
  refId: string;
  name: string;
  description: string;
  parentRefId: string | null;
  /** Requirements (typically mitigations in a CONTROL_CATALOG framework) that address it. */
  addressedBy: RequirementRef[];
}

/** The document a framework's requirements come from (recorded by catalog imports; see the frameworks table). */
export interface FrameworkSource {
  uuid: string | null;
  title: string | null;
  sha256: string | null;
  md5: string | null;
}

export interface CatalogFrameworkEntry {
  framework: CatalogFramework;
  /** Recorded on the framework when given (catalog imports); left as it is when absent. */
  source?: FrameworkSource;
  /** Parents always precede their children. */
  requirements: CatalogRequirement[];
  /** Only for THREAT_CATALOG frameworks. Parents precede children. */
  threats: CatalogThreat[];
}

export interface RequirementRef {
  frameworkRefId: string;
  refId: string;
}

export interface CatalogControl {
  refId: string;
  title: string;
  description: string;
  domain: string;
  type: ControlType;
  implementationStatus: ImplementationStatus;
  owner: string | null;
}

export interface CatalogMapping {
  requirement: RequirementRef;
  controlRefId: string;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
}

export interface CatalogRequirementLink {
  source: RequirementRef;
  target: RequirementRef;
  relationship: Relationship;
  strength: number | null;
  rationale: string;
  /** Where the link came from, e.g. the file it was imported from. */
  provenance: string;
}

export interface CatalogBundle {
  frameworks: CatalogFrameworkEntry[];
  controls: CatalogControl[];
  mappings: CatalogMapping[];
  links: CatalogRequirementLink[];
}
