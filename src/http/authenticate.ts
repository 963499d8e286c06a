/**
 * Bearer-token authentication for API routes. A request without a valid token is answered 401
 * with a JSON error, GraphQL-shaped on /graphql (and the attempt is accounted for in the audit trail, see FailedAuthAudit);
 * otherwise `res.locals.actor` is the token's actor.
 */
import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../domain/tokens.js';
import type { Services } from '../services/index.js';
import { sendError } from './errors.js';

export function authenticate(services: Services) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const header = req.headers.authorization;
      const secret = bearerToken(header);
      const actor = secret ? await services.tokens.authenticate(secret) : null;
      if (actor) {
        res.locals.actor = actor;
        next();
        return;
      }
      const reason = header === undefined ? 'no Authorization header' : secret ? 'unknown, revoked or expired token' : 'not a Bearer token';
      const requestId = String(res.locals.requestId);
      await services.failedAuth.record({ reason, method: req.method, path: req.originalUrl.split('?')[0]!, address: req.ip ?? 'unknown', requestId });
      res.setHeader('WWW-Authenticate', 'Bearer realm="crosswalk"');
      sendError(req, res, 401, 'UNAUTHENTICATED', `a valid API token is required (${reason})`);
    } catch (error) {
      next(error);
    }
  };
}
