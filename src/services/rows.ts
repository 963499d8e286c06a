/** The rows services answer with; GraphQL's object types are backed by them (graphql/models.ts). */
export type * from '../db/rows.js';
export type { ApiTokenRow } from '../db/repositories/token-repository.js';
export type { AuditRow } from '../db/repositories/audit-repository.js';
export type { AiSystemControlStatusListRow } from '../db/repositories/ai-system-repository.js';
