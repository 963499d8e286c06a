/**
 * The port the native bundle's restore (bundle-format.ts) writes through, besides the control and
 * mapping writers every path shares: it inserts the graph's other rows with their recorded
 * instants and authors. The import service binds it to the import's transaction (the bundle
 * repository implements it); the domain imports nothing from the database for it.
 */
import type { buildBundle } from '../export/bundle.js';

/** Every row of the graph, as the bundle reads it. */
type GraphRows = Parameters<typeof buildBundle>[0];

/** The columns of a row of `table` to insert (its id is assigned). */
type Insert<Table extends keyof GraphRows> = Partial<Omit<GraphRows[Table][number], 'id'>>;

export interface BundleRestorePort {
  /** How many frameworks, controls, AI systems and evidence items the instance holds. */
  holdingsNow(): { frameworks: number; controls: number; aiSystems: number; evidence: number };
  readAllNow(): GraphRows;
  insertFramework(values: Insert<'frameworks'>): Promise<number>;
  insertRequirement(values: Insert<'requirements'>): Promise<number>;
  setRequirementParent(id: number, parentId: number): Promise<void>;
  setRequirementVersions(id: number, versions: readonly Omit<Insert<'requirementVersions'>, 'requirementId'>[]): Promise<void>;
  insertThreat(values: Insert<'threats'>): Promise<number>;
  setThreatParent(id: number, parentId: number): Promise<void>;
  insertAiSystem(values: Insert<'aiSystems'>): Promise<number>;
  insertEvidence(values: Insert<'evidence'>): Promise<number>;
  insertBaseline(values: Insert<'baselines'>): Promise<number>;
  insertThreatRequirements(rows: Insert<'threatRequirements'>[]): Promise<void>;
  insertAiSystemFrameworks(rows: Insert<'aiSystemFrameworks'>[]): Promise<void>;
  insertAiSystemControlStatuses(rows: Insert<'aiSystemControlStatuses'>[]): Promise<void>;
  insertRequirementLinks(rows: Insert<'requirementLinks'>[]): Promise<void>;
  insertNotApplicableMarks(rows: Insert<'notApplicableMarks'>[]): Promise<void>;
  insertEvidenceControls(rows: Insert<'evidenceControls'>[]): Promise<void>;
  insertEvidenceReviews(rows: Insert<'evidenceReviews'>[]): Promise<void>;
  insertBaselineRequirements(rows: Insert<'baselineRequirements'>[]): Promise<void>;
  insertBaselineApplications(rows: Insert<'baselineApplications'>[]): Promise<void>;
  insertCoverageSnapshots(rows: Insert<'coverageSnapshots'>[]): Promise<void>;
}

declare module './types.js' {
  interface StepWriters {
    /** The native bundle's restore (see above). */
    bundle: BundleRestorePort;
  }
}
