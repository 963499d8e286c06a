/**
 * The port the native bundle's restore (bundle-format.ts) writes through, besides the control and
 * mapping writers every path shares: it inserts the graph's other rows with their recorded
 * instants and authors. The import service binds it to the import's transaction (the bundle
 * repository implements it); the domain imports nothing from the database for it.
 */
import type { BundleRows } from '../export/bundle-rows.js';

/** The columns of a row of `table` to insert (its id is assigned): the bundle's row shape. */
export type RestoreInsert<Table extends keyof BundleRows> = Partial<Omit<BundleRows[Table][number], 'id'>>;

/** Tables whose inserted row's id the restore needs (controls and mappings go through their writers). */
type WithId = 'frameworks' | 'requirements' | 'threats' | 'aiSystems' | 'evidence' | 'baselines';

/** Tables of rows inserted as they are. */
type Plain =
  | 'threatRequirements'
  | 'aiSystemFrameworks'
  | 'aiSystemControlStatuses'
  | 'requirementLinks'
  | 'notApplicableMarks'
  | 'evidenceControls'
  | 'evidenceReviews'
  | 'baselineRequirements'
  | 'baselineApplications'
  | 'coverageSnapshots';

export interface BundleRestorePort {
  /** How many frameworks, controls, AI systems and evidence items the instance holds. */
  holdings(): Promise<{ frameworks: number; controls: number; aiSystems: number; evidence: number }>;
  /** Every row a bundle carries, read in the restore's transaction. */
  readAllHere(): Promise<BundleRows>;
  /**
   * Inserts one row of `table` (the columns of RestoreInsert<table>) and gives its id. Typed loosely:
   * the repository checks the row against the table's own insert type.
   */
  insertRow(table: WithId, values: object): Promise<number>;
  /** Inserts rows of `table` in one batch, in order. */
  insertRows(table: Plain, rows: readonly object[]): Promise<void>;
  setRequirementParent(id: number, parentId: number): Promise<void>;
  setRequirementVersions(id: number, versions: readonly Omit<RestoreInsert<'requirementVersions'>, 'requirementId'>[]): Promise<void>;
  setThreatParent(id: number, parentId: number): Promise<void>;
}

declare module './types.js' {
  interface StepWriters {
    /** The native bundle's restore (see above). */
    bundle: BundleRestorePort;
  }
}
