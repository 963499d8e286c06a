/**
 * Coverage & gap engine: pure functions over an in-memory snapshot of the compliance graph
 * (see types.ts for the snapshot and the rules in each module's header).
 */
export * from './types.js';
export { columnsOf, markColumns, type ColumnarCoverageGraph, type Columns, type MarkColumns } from './columns.js';
export { prepareCoverageGraph, type PreparedCoverageGraph } from './prepare.js';
export { evaluateCoverage, evaluateScopes, controlStates, type CoverageResult } from './evaluate.js';
export { simulate, impact } from './what-if.js';
export { summaryOf, sumOfSummaries } from './roll-up.js';
