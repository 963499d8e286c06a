/**
 * The per-token request-rate limit, on every authenticated route (/graphql, /v1/blobs): at most
 * `perMinute` requests per token in a fixed one-minute window (express-rate-limit, in memory,
 * keyed by the token's id, so every client of one token shares its allowance). Each answer
 * carries `RateLimit-Policy`, `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 * (IETF draft 6 headers); a refusal is HTTP 429 with `Retry-After` and code RATE_LIMITED — on
 * /graphql a GraphQL error body (`{ errors: [{ message, extensions: { code } }] }`), elsewhere
 * the HTTP error body. Configured with CROSSWALK_RATE_LIMIT (requests per minute; 0 turns it off).
 * Runs after authentication: a request without a valid token is refused (401) before it counts.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Actor } from '../domain/actor.js';
import { sendError } from './errors.js';

export const RATE_LIMITED = 'RATE_LIMITED';
const WINDOW_MS = 60_000;

/** The limiter middleware; a pass-through when `perMinute` is 0. */
export function requestRateLimit(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    // The token, not the address: tokens are what the service knows its callers by.
    keyGenerator: (_req, res) => {
      const actor = res.locals.actor as Actor | undefined;
      return actor?.tokenId !== undefined ? `token:${actor.tokenId}` : (actor?.id ?? 'anonymous');
    },
    // Keyed by token, never by address: the address checks (proxy headers, IPv6 subnets) do not apply.
    validate: { keyGeneratorIpFallback: false, ip: false, trustProxy: false, xForwardedForHeader: false, forwardedHeader: false },
    handler: (req, res, _next, options) => {
      const seconds = res.getHeader('Retry-After');
      const message = `more than ${options.limit} requests in a minute with this token: retry after ${seconds ?? 'a few'} seconds`;
      sendError(req, res, 429, RATE_LIMITED, message, { retryAfterSeconds: Number(seconds) });
    },
  });
}
