/**
 * Who is making a request. Every request carries one; services record it as the author of
 * changes (`createdBy`, history rows) and authorize against its role.
 */
export const ROLES = ['VIEWER', 'CONTRIBUTOR', 'REVIEWER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Stable identifier recorded in history rows, e.g. `token:12` or `system:seed`. */
  id: string;
  name: string;
  role: Role;
}

/** The built-in catalog loader. */
export const SYSTEM_SEED_ACTOR: Actor = { id: 'system:seed', name: 'seed', role: 'ADMIN' };

/**
 * Until API tokens exist every HTTP caller acts as this local operator. The access-control
 * work replaces it with the token's actor.
 */
export const LOCAL_OPERATOR: Actor = { id: 'local:operator', name: 'local operator', role: 'ADMIN' };

/** How an actor is written into `createdBy`/`changedBy` columns. */
export const actorLabel = (actor: Actor): string => actor.id;
