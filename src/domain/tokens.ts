/**
 * API token rules. A token is `cwk_` + 256 random bits (base64url). Only its SHA-256 is stored;
 * comparing hashes of high-entropy secrets needs no slow KDF.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseDuration } from './duration.js';

export const TOKEN_PREFIX = 'cwk_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Why a token may no longer act at `now` (`revoked`, `expired`), or null while it is live. The one
 * rule behind authentication and the re-check of every later operation of a request.
 */
export function tokenInactive(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): 'revoked' | 'expired' | null {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt <= now) return 'expired';
  return null;
}

/** What listings show of a token: enough to recognise it, never enough to use it. */
export const displayPrefix = (token: string): string => token.slice(0, TOKEN_PREFIX.length + 6);

/** A bearer token as given in an Authorization header, or null when the header is not one. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)$/.exec(header?.trim() ?? '');
  return match ? match[1]! : null;
}

/**
 * Parses a token lifetime: a duration (domain/duration.ts: `90d`, `12h`, `30m`) counted from
 * `now`, or an ISO 8601 date/instant. Returns the expiry instant, or null when the text is not
 * understood or not in the future.
 */
export function parseExpiry(text: string, now: Date): Date | null {
  const lifetime = parseDuration(text);
  if (lifetime !== null) return lifetime > 0 ? new Date(now.getTime() + lifetime) : null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return null;
  const at = new Date(text.trim());
  return Number.isNaN(at.getTime()) || at <= now ? null : at;
}
