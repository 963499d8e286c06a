/**
 * Coverage & gap engine: pure functions over an in-memory snapshot of the compliance graph
 * (see types.ts for the snapshot and the rules in each module's header). Code outside the engine
 * imports it from here only (the layer check holds it).
 */
export * from './types.js';
export { columnsOf, markColumns, rowCount, type ColumnarCoverageGraph, type Columns, type MarkColumns } from './columns.js';
export { prepareCoverageGraph, reviewsAppendedTo, type PreparedCoverageGraph } from './prepare.js';
export { earliestInstant } from './structure.js';
export { TIME_COLUMNS, INSTANT_COLUMNS, RECORDED_COLUMNS, type TimeColumns } from './time-columns.js';
export {
  evaluateCoverage,
  evaluateScope,
  evaluateScopes,
  controlStates,
  resultOf,
  TimeSlice,
  type CoverageResult,
  type ScopeEvaluation,
} from './evaluate.js';
export { simulate, impact, impactOn, simulationOn, compareEvaluations } from './what-if.js';
export { evidenceExpiringAt, expiryOn } from './expiry.js';
export { gapIndexOf, type GapIndex } from './gaps.js';
export { summaryOf, sumOfSummaries } from './roll-up.js';
export { LruMap } from './lru.js';
