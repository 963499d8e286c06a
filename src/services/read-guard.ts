/**
 * Authorization for reads. Queries cannot return userErrors, so a denied read throws
 * ForbiddenError, which the GraphQL layer reports with code FORBIDDEN.
 */
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';

export class ForbiddenError extends Error {
  constructor(
    readonly permission: Permission,
    message = `not allowed (needs ${permission})`,
  ) {
    super(message);
  }
}

export function assertAllowed(actor: Actor, permission: Permission): void {
  if (!isAllowed(actor, permission)) throw new ForbiddenError(permission);
}
