/** Global ids live in the domain (the audit trail records them too); re-exported for resolvers. */
export * from '../domain/global-id.js';
