/** The audit trail: schema/audit.graphql. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { isAllowed } from '../../domain/authorization.js';
import { AuditEntry } from './AuditEntry.js';
import { auditLog } from './Query.auditLog.js';
import { auditVerify } from './Query.auditVerify.js';

export const resolvers: Resolvers = {
  Query: { auditLog, auditVerify },
  AuditEntry,
};

/** Only ADMINs see audit entries; for anyone else their ids behave like unknown ids. */
export const nodeLoaders: NodeLoader[] = [
  { type: 'AuditEntry', load: (ctx, seq) => (isAllowed(ctx.actor, 'ADMIN') ? ctx.loaders.auditEntryBySeq.load(seq) : Promise.resolve(null)) },
];
