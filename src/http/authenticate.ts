/**
 * Bearer-token authentication for API routes. A request without a valid token is answered 401
 * with a JSON error, GraphQL-shaped on /graphql (and the attempt is accounted for in the audit trail, see FailedAuthAudit);
 * otherwise `res.locals.actor` is the token's actor. With `coveragePin` (the GraphQL route), the
 * coverage graph's version is read with the token, in one statement, and kept for the request's
 * coverage reads in `res.locals.coveragePin` (TokenService.authenticateWithCoveragePin).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../domain/actor.js';
import { bearerToken } from '../domain/tokens.js';
import type { Services } from '../services/index.js';
import { sendError } from './errors.js';

export function authenticate(services: Services, options: { coveragePin?: boolean } = {}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const header = req.headers.authorization;
      const secret = bearerToken(header);
      let actor: Actor | null = null;
      if (secret && options.coveragePin) {
        const read = await services.tokens.authenticateWithCoveragePin(secret);
        actor = read.actor;
        res.locals.coveragePin = read.coveragePin;
      } else if (secret) {
        actor = await services.tokens.authenticate(secret);
      }
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
