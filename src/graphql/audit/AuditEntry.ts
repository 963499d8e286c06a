import type { AuditEntryResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';
import { rowContent } from '../../services/audit-trail.js';

export const AuditEntry: AuditEntryResolvers = {
  id: (row) => toGlobalId('AuditEntry', row.seq),
  targetIds: (row) => rowContent(row).targetIds,
  before: (row) => rowContent(row).before,
  after: (row) => rowContent(row).after,
};
