/**
 * The instant columns of the engine's input, declared once, by the role each plays:
 * - `recorded`: when the row entered the history (rule 10: the earliest of them all is the
 *   earliest instant an answer can be given for, AS_OF_BEFORE_HISTORY);
 * - `until`: when a row with a lifespan stops being live (NaN: never);
 * - `also`: other instants the rules compare "at or before T" (an evidence item's collection and
 *   end of validity);
 * - `structure`: the table is part of the structure as of T (structure.ts cuts it to the rows
 *   live at T, over [recorded, until)).
 * Every instant column of the input is one of these: the coverage cache splits its epochs on all
 * of them (db/repositories/coverage/inputs.ts reads the tables and lists them for the cache from
 * here; test/coverage/inputs.test.ts fails when a column the schema stores as an instant is
 * missing).
 */
import type { ColumnarCoverageGraph } from './columns.js';

type TimedField = Exclude<keyof ColumnarCoverageGraph, 'columnar' | 'evidenceControls'>;
type ColumnOf<F extends TimedField> = keyof NonNullable<ColumnarCoverageGraph[F]> & string;

/** The instant columns of one table, by role. */
export interface TimeColumns<F extends TimedField> {
  readonly recorded: ColumnOf<F>;
  readonly until?: ColumnOf<F>;
  readonly also?: readonly ColumnOf<F>[];
  readonly structure?: true;
}

const lifespan = { recorded: 'createdAt', until: 'retiredAt' } as const;

/** The instant columns of every table of the engine's input that has any. */
export const TIME_COLUMNS: { readonly [F in TimedField]: TimeColumns<F> } = {
  frameworks: { ...lifespan, structure: true },
  requirements: { recorded: 'validFrom', until: 'validTo', structure: true },
  controlStatusChanges: { recorded: 'changedAt' },
  mappings: lifespan,
  mappingRevisions: { recorded: 'validFrom' },
  requirementLinks: lifespan,
  evidence: { recorded: 'createdAt', also: ['collectedAt', 'validUntil'] },
  evidenceReviews: { recorded: 'reviewedAt' },
  notApplicableMarks: lifespan,
  baselineExclusions: lifespan,
  aiSystemFrameworks: { ...lifespan, structure: true },
  threats: { ...lifespan, structure: true },
  threatRequirements: { ...lifespan, structure: true },
};

type Entry = readonly [TimedField, TimeColumns<TimedField>];
const ENTRIES = Object.entries(TIME_COLUMNS) as unknown as readonly Entry[];

/** Every instant column, as [table, column] of ColumnarCoverageGraph. */
export const INSTANT_COLUMNS: readonly (readonly [TimedField, string])[] = ENTRIES.flatMap(([field, t]) =>
  [t.recorded, ...(t.until ? [t.until] : []), ...(t.also ?? [])].map((name) => [field, name] as const),
);

/** The `recorded` column of every table, as [table, column]. */
export const RECORDED_COLUMNS: readonly (readonly [TimedField, string])[] = ENTRIES.map(([field, t]) => [field, t.recorded] as const);

/** The structure tables and their lifespans [from, to), as [table, from, to]. */
export const STRUCTURE_LIFESPANS: readonly (readonly [TimedField, string, string])[] = ENTRIES.flatMap(([field, t]) =>
  t.structure && t.until ? [[field, t.recorded, t.until] as const] : [],
);
