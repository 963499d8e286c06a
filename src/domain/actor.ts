/**
 * Who is making a request. Every request carries one; services record it as the author of
 * changes (`createdBy`, history rows, the audit trail) and authorize against its role.
 */
/** MONITOR may only scrape metrics (src/domain/authorization.ts); the others read and more. */
export const ROLES = ['VIEWER', 'CONTRIBUTOR', 'REVIEWER', 'EDITOR', 'ADMIN', 'MONITOR'] as const;
export type Role = (typeof ROLES)[number];

/** Where a scoped token may attach evidence; null in a field means "no restriction there". */
export interface ActorScope {
  aiSystemIds: readonly number[] | null;
  controlIds: readonly number[] | null;
}

/** The operation an actor performs, as the audit trail records it (see services/operation-scope.ts). */
export interface OperationScope {
  /** e.g. `controlCreate`, `catalog.load:nist-csf-2.0`, `blobUpload`. */
  action: string;
  requestId: string | null;
  /** Global ids named in the request's input; recorded as targets. */
  inputIds: readonly string[];
}

export interface Actor {
  /** Stable identifier recorded in history rows, e.g. `token:12` or `system:seed`. */
  id: string;
  name: string;
  role: Role;
  /** The API token behind the request, when there is one. */
  tokenId?: number;
  /** Restrictions of a scoped token; absent for an unscoped one. */
  scope?: ActorScope;
  /** The operation being performed, for the audit trail. */
  operation?: OperationScope;
}

/** The built-in catalog loader and other operator commands run as this actor. */
export const SYSTEM_SEED_ACTOR: Actor = { id: 'system:seed', name: 'seed', role: 'ADMIN' };

/** Operator commands run from the CLI on the server's machine. */
export const CLI_ACTOR: Actor = { id: 'system:cli', name: 'cli', role: 'ADMIN' };

/** A caller without a valid token; it may do nothing, and its attempts are audited. */
export const ANONYMOUS: Actor = { id: 'anonymous', name: 'anonymous', role: 'VIEWER' };

/** How an actor is written into `createdBy`/`changedBy` columns. */
export const actorLabel = (actor: Actor): string => actor.id;

/** The actor of an API token. */
export const tokenActor = (token: { id: number; name: string; role: Role; scope?: ActorScope }): Actor => ({
  id: `token:${token.id}`,
  name: token.name,
  role: token.role,
  tokenId: token.id,
  ...(token.scope ? { scope: token.scope } : {}),
});

