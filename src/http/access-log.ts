/**
 * One access line per request (pino, `info`, message `request`) and the HTTP metrics.
 *
 * A line holds only: requestId (the X-Request-Id header and the audit entry's request id), method,
 * route (the route pattern, see {@link routeOf}), status, durationMs, bytes (of the response
 * body), actorId (when the request had a valid token), the GraphQL operation's name, type and
 * requested cost (when it reached GraphQL), the error code of a refusal, and `aborted` when the
 * client went away before the answer was complete. Never headers, tokens, query strings, bodies
 * or GraphQL variables.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../ops/log.js';
import type { Metrics } from '../ops/metrics.js';
import type { Actor } from '../domain/actor.js';
import type { OperationRecord } from '../graphql/observe.js';

/** Per request, in `res.locals.observed`. */
export interface RequestRecord {
  graphql?: OperationRecord;
  /** The code of a non-GraphQL refusal (set where the error answer is sent). */
  errorCode?: string;
}

export const recordOf = (res: Response): RequestRecord => (res.locals.observed ??= {}) as RequestRecord;

/** The route pattern of a request: a fixed, small set of values (metric labels must be bounded). */
export function routeOf(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  if (/^\/graphql\/?$/i.test(path)) return '/graphql';
  if (/^\/v1\/blobs\/?$/.test(path)) return '/v1/blobs';
  if (/^\/v1\/blobs\/[^/]+\/?$/.test(path)) return '/v1/blobs/:sha256';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (/^\/dashboard(\/(app\.js|app\.css)?)?$/.test(path)) return '/dashboard';
  return 'unmatched';
}

export interface ObserveOptions {
  logger: Logger;
  metrics: Metrics;
  /** Called after a request that may have changed data (a GraphQL mutation) finished. */
  onDataChange?: () => void;
}

/**
 * The first middleware: gives the request its id (`res.locals.requestId`, the X-Request-Id header)
 * and writes its access line and metrics when the answer is sent or the client goes away.
 * Response bytes are the answer's Content-Length (every route sets it; 0 for HEAD, 204 and 304):
 * wrapping `res.write`/`res.end` to count them cost more than the rest of the line.
 */
export function observeRequests({ logger, metrics, onDataChange }: ObserveOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    metrics.inFlight.inc();

    const finish = () => {
      metrics.inFlight.dec();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      const status = res.statusCode;
      metrics.httpDuration.observe({ method: req.method, route, status: String(status) }, seconds);
      const record = recordOf(res);
      const gql = record.graphql;
      const code = record.errorCode ?? gql?.errorCode;
      if (record.errorCode) metrics.refusals.inc({ code: record.errorCode });
      if (gql?.operationType === 'mutation') onDataChange?.();
      // The line is built only when it is written (the benchmark and quiet deployments log at warn).
      if (!logger.isLevelEnabled('info')) return;
      const actor = res.locals.actor as Actor | undefined;
      logger.info(
        {
          requestId: res.locals.requestId as string | undefined,
          method: req.method,
          route,
          status,
          durationMs: Math.round(seconds * 1e4) / 10,
          bytes: bodyBytes(req, res),
          ...(actor ? { actorId: actor.id } : {}),
          ...(gql ? { operationName: gql.operationName ?? null, operationType: gql.operationType ?? null, cost: gql.cost ?? null } : {}),
          ...(code ? { errorCode: code } : {}),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    };
    // 'close' follows every answer, finished or cut off (writableFinished tells them apart).
    res.once('close', finish);
    next();
  };
}

/** Bytes of the response body: its Content-Length (none is sent for HEAD, 204 and 304); 0 when unset. */
function bodyBytes(req: Request, res: Response): number {
  if (req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304) return 0;
  const length = Number(res.getHeader('content-length'));
  return Number.isFinite(length) ? length : 0;
}
