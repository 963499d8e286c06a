/**
 * Revocation takes effect at once. A request's token is read when the request is authenticated;
 * every later step of the same request asks again, with one read by primary key: each mutation
 * inside its write transaction (see mutation-runner.ts), and a query before its root fields
 * unless the token was read to authenticate that same request (see graphql/guard-root-fields.ts;
 * every HTTP request is). A token revoked or expired since, or whose role no longer holds
 * the permission, may do nothing more: the attempt is FORBIDDEN and audited as DENIED.
 */
import type { TokenRepository } from '../db/repositories/token-repository.js';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { userError, type UserError } from '../domain/errors.js';
import { tokenInactive } from '../domain/tokens.js';

/** Why `actor`'s token may not do what needs `permission` at `now`, or null when it may. */
export async function tokenRefusal(tokens: TokenRepository, actor: Actor, permission: Permission, now: Date): Promise<UserError | null> {
  // Operator commands and the seeder act without a token.
  if (actor.tokenId === undefined) return null;
  const token = await tokens.standing(actor.tokenId);
  const inactive = token ? tokenInactive(token, now) : 'removed';
  if (inactive || !token) {
    return userError('FORBIDDEN', `the token of this request was ${inactive} while the request ran; nothing more is done with it (use a valid token)`);
  }
  if (!isAllowed({ ...actor, role: token.role }, permission)) {
    return userError('FORBIDDEN', `role ${token.role} may not do this (needs ${permission})`);
  }
  return null;
}
