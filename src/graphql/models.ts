/**
 * The values that back GraphQL object types (codegen `mappers`): resolvers return database rows
 * and field resolvers derive ids and edges from them. Connections are built by `connection.ts`.
 */
import type * as rows from '../services/rows.js';
import type { UserError } from '../domain/errors.js';
import type { Actor } from '../domain/actor.js';
import type { ApiTokenRow, AuditRow } from '../services/rows.js';

export type * from '../services/rows.js';

export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionModel<T> {
  /** A promise when the page is read only once edges or pageInfo are selected (connection.ts). */
  edges: { cursor: string; node: T }[] | Promise<{ cursor: string; node: T }[]>;
  pageInfo: PageInfoModel | Promise<PageInfoModel>;
  /** Called by the default resolver only when a client asks for totalCount. */
  totalCount: () => Promise<number> | number;
}

export type UserErrorModel = UserError;

export type FrameworkConnectionModel = ConnectionModel<rows.FrameworkRow>;
export type RequirementConnectionModel = ConnectionModel<rows.RequirementRow>;
export type ControlConnectionModel = ConnectionModel<rows.ControlRow>;
export type ControlStatusChangeConnectionModel = ConnectionModel<rows.ControlStatusChangeRow>;
export type MappingConnectionModel = ConnectionModel<rows.MappingRow>;
export type RequirementLinkConnectionModel = ConnectionModel<rows.RequirementLinkRow>;
export type EvidenceConnectionModel = ConnectionModel<rows.EvidenceRow>;
export type EvidenceReviewConnectionModel = ConnectionModel<rows.EvidenceReviewRow>;
export type AISystemConnectionModel = ConnectionModel<rows.AiSystemRow>;
export type AISystemControlStatusConnectionModel = ConnectionModel<rows.AiSystemControlStatusRow>;
export type NotApplicableMarkConnectionModel = ConnectionModel<rows.NotApplicableMarkRow>;
export type ThreatConnectionModel = ConnectionModel<rows.ThreatRow>;
export type BaselineConnectionModel = ConnectionModel<rows.BaselineRow>;
export type BaselineApplicationConnectionModel = ConnectionModel<rows.BaselineApplicationRow>;

export type ApiTokenConnectionModel = ConnectionModel<ApiTokenRow>;
export type AuditEntryConnectionModel = ConnectionModel<AuditRow>;
export type ViewerModel = Actor;
