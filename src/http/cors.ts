/**
 * Cross-origin access for browser dashboards on the origins listed in CROSSWALK_CORS_ORIGINS
 * (none by default: then no CORS header is ever sent and browsers keep other origins out).
 * Tokens travel in the Authorization header, never in cookies, so credentials are not allowed.
 * Preflights are answered before authentication (a browser sends them without the token) and
 * cached by the browser for {@link PREFLIGHT_MAX_AGE_SECONDS}.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';

/** Two hours: the most Chromium honours (Firefox allows a day). */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/** Request headers a browser client may send: the token, JSON, and what Apollo Client and urql add. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/** Response headers a browser client may read. */
const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'WWW-Authenticate'];

/** The CORS middleware for these origins, or null when there are none. */
export function corsFor(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
}
