/** The drizzle schema of the compliance graph, one file per domain. */
export * from './frameworks.js';
export * from './controls.js';
export * from './mappings.js';
export * from './evidence.js';
export * from './ai-systems.js';
export * from './applicability.js';
export * from './threats.js';
export * from './tokens.js';
export * from './audit.js';
export * from './blobs.js';
export * from './coverage-snapshots.js';
export * from './baselines.js';
export * from './coverage-changes.js';
