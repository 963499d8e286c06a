/**
 * The drizzle schema of the compliance graph for PostgreSQL: the twin of src/db/schema (same
 * tables, columns, indexes and foreign keys; types mapped as columns.ts says). A change to one
 * schema is made to both (test/db/postgres-schema.test.ts compares the migrated catalogs).
 */
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
