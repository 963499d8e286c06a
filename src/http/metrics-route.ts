/**
 * `GET /metrics`: the Prometheus text exposition (src/ops/metrics.ts).
 *
 * On the API's port it needs a token holding the METRICS permission (ADMIN, or MONITOR: a token
 * that may scrape and nothing else; Prometheus sends it with `authorization` in its scrape
 * config). Without a token: 401; with a token of another role: 403 FORBIDDEN, audited as DENIED.
 * Where the request comes from plays no part (a reverse proxy on the same host would make every
 * request look local).
 *
 * CROSSWALK_METRICS_PORT opens a second listener that answers `GET /metrics` without a token and
 * nothing else; the operator binds it where only the scraper reaches it (CROSSWALK_METRICS_HOST,
 * default 127.0.0.1).
 */
import http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../domain/actor.js';
import { isAllowed } from '../domain/authorization.js';
import { forOperation } from '../services/operation-scope.js';
import type { Services } from '../services/index.js';
import type { Metrics } from '../ops/metrics.js';
import type { Logger } from '../ops/log.js';
import { httpErrorBody, sendError } from './errors.js';

/** Refuses (403, audited) an authenticated caller without the METRICS permission. */
export function requireMetricsPermission(services: Services) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const actor = res.locals.actor as Actor;
    if (isAllowed(actor, 'METRICS')) {
      next();
      return;
    }
    try {
      const operation = forOperation(actor, 'metricsScrape', { requestId: String(res.locals.requestId) });
      await services.runner.auditOutsideChange(operation, 'DENIED', [], { permission: 'METRICS' });
      sendError(req, res, 403, 'FORBIDDEN', `role ${actor.role} may not scrape metrics (needs METRICS: a MONITOR or ADMIN token)`);
    } catch (error) {
      next(error);
    }
  };
}

export function serveMetrics(metrics: Metrics) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { contentType, body } = await metrics.scrape();
      res.setHeader('Cache-Control', 'no-store');
      res.type(contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** The token-less listener of CROSSWALK_METRICS_PORT: `GET /metrics` (and HEAD), 404/405 JSON otherwise. */
export async function listenForScrapes(metrics: Metrics, port: number, host: string, logger: Logger): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 405 ? { allow: 'GET, HEAD' } : {}) });
      res.end(JSON.stringify(httpErrorBody(code, message)));
    };
    if (path !== '/metrics') return answer(404, 'NOT_FOUND', 'this listener serves GET /metrics only');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'METHOD_NOT_ALLOWED', 'use GET here');
    metrics.scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'metrics: scrape failed');
        answer(500, 'INTERNAL_SERVER_ERROR', 'internal server error');
      },
    );
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
