/**
 * The HTTP application: /graphql (Apollo Server on Express 5), health probes, the explorer,
 * and JSON errors for everything else. Plain HTTP routes (uploads) live beside /graphql.
 */
import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Store } from '../db/store.js';
import { DatabaseUnavailableError } from '../db/unavailable.js';
import type { Actor } from '../domain/actor.js';
import { authenticate } from './authenticate.js';
import type { Services } from '../services/index.js';
import type { CoveragePin } from '../services/coverage-service.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createLoaders } from '../graphql/loaders.js';
import { buildSchema } from '../graphql/schema.js';
import { costPlugin } from '../graphql/cost.js';
import { queryLimits } from '../graphql/limits.js';
import { exportFieldWeights } from '../graphql/export/weights.js';
import { requestEndPlugin, responseSentSignal } from '../graphql/export/request-end.js';
import { withCoverageEvaluationWeight } from '../graphql/coverage/cost-weight.js';
import { serveExplorer, wantsExplorer } from './explorer.js';
import { dashboardRouter } from './dashboard-route.js';
import { blobRouter } from './blob-routes.js';
import { exportRouter } from './export-routes.js';
import { bodyDeadlines } from './body-deadlines.js';
import { requestRateLimit } from './rate-limit.js';
import { databaseCannotServe, databaseBusyStatus, formatGraphQLError, httpErrorBody, requestIdInErrors, sendError, type ErrorLog } from './errors.js';
import { corsFor } from './cors.js';
import { createLogger, type Logger } from '../ops/log.js';
import { Metrics } from '../ops/metrics.js';
import { observeOperations } from '../graphql/observe.js';
import { observeRequests, recordOf } from './access-log.js';
import { requireMetricsPermission, serveMetrics } from './metrics-route.js';
import { InFlight } from './in-flight.js';

export const GRAPHQL_BODY_LIMIT = '1mb';

/**
 * Slow clients: the headers must arrive within 20 s (Node's headersTimeout, checked every
 * `connectionsCheckingInterval`: 30 s by default, which would stretch a 20 s limit to 50 s); the
 * whole request within 60 s, except uploads, which may take as long as they keep sending (at most
 * 60 s without a byte): see body-deadlines.ts. Violations get 408 and the connection is closed.
 */
export const HTTP_TIMEOUTS = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  uploadIdleTimeoutMs: 60_000,
  connectionsCheckingIntervalMs: 1_000,
} as const;
export type HttpTimeouts = { -readonly [K in keyof typeof HTTP_TIMEOUTS]: number };

/**
 * Shutdown: requests in flight get `graceMs` to finish (then their connections are closed);
 * a GraphQL handler still running after that (its queries outlive the connection) gets
 * `handlersAfterGraceMs` more before the caller closes the database anyway.
 */
export const SHUTDOWN = { graceMs: 10_000, handlersAfterGraceMs: 2_000 } as const;

/** The API answers JSON only: it needs no content sources at all and must not be framed. */
const API_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/** Bodies must be UTF-8 (RFC 8259); body-parser would otherwise replace bad bytes with U+FFFD silently. */
function requireUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('the request body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Valid JSON may still escape half of a surrogate pair (`"\ud800"`), which is not Unicode text:
 * SQLite would store it as U+FFFD, silently changing the value. Refuses such bodies. Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
function rejectLoneSurrogates(req: Request, res: Response, next: NextFunction): void {
  const pending: unknown[] = [req.body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) {
        sendError(req, res, 400, 'INVALID_UNICODE', 'the request body contains an unpaired UTF-16 surrogate (\\ud800-\\udfff)');
        return;
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push(key, item);
    }
  }
  next();
}

/** `Cache-Control: no-store` on every answer of the GraphQL pipeline (as Apollo's cache-control plugin gave without hints). */
function noStorePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

export interface AppDeps {
  store: Store;
  services: Services;
  logError?: ErrorLog;
  /** Overrides MAXIMUM_QUERY_COST (tests that deliberately load many rows). */
  maximumQueryCost?: number;
  /**
   * Accept Apollo automatic persisted queries (CROSSWALK_PERSISTED_QUERIES=on). Off by default:
   * a request using them is answered PERSISTED_QUERY_NOT_SUPPORTED.
   */
  persistedQueries?: boolean;
  /** Requests per token and minute (src/http/rate-limit.ts); 0 or absent: no limit. */
  rateLimitPerMinute?: number;
  /** Browser origins allowed to call the API (CROSSWALK_CORS_ORIGINS; none by default). */
  corsOrigins?: readonly string[];
  /** Overrides COVERAGE_ROWS_PER_COST_UNIT (tests weigh a small catalog like a large one). */
  coverageRowsPerCostUnit?: number;
  /** Access lines and errors (src/ops/log.ts); default: JSON lines on stdout at info. */
  logger?: Logger;
  /** What GET /metrics serves; default: a registry of its own. */
  metrics?: Metrics;
  /** Called after a request that may have changed data finished (the dashboard gauges refresh). */
  onDataChange?: () => void;
  /**
   * True while the instance is still starting (waiting for the database, migrating, seeding):
   * /healthz answers, /readyz says not ready, every other request gets 503 DATABASE_UNAVAILABLE.
   */
  starting?: () => boolean;
}

export interface RunningApp {
  httpServer: http.Server;
  /**
   * Stops accepting connections, lets in-flight requests finish (SHUTDOWN), then stops Apollo;
   * resolves once no request handler runs any more, so the database can be closed.
   */
  stop(): Promise<void>;
}

/** Errors with their stack at error level, under the request's id. */
const errorLogOf =
  (logger: Logger): ErrorLog =>
  ({ requestId, error }) => {
    logger.error({ requestId: requestId ?? null, err: error }, 'request failed');
  };

export async function createApp(
  deps: AppDeps,
  timeouts: HttpTimeouts = HTTP_TIMEOUTS,
): Promise<{ app: express.Express; httpServer: http.Server; apollo: ApolloServer<GraphQLContext>; inFlight: InFlight }> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      // Off: bodyDeadlines below applies per route (uploads may take longer than 60 s).
      requestTimeout: 0,
      connectionsCheckingInterval: timeouts.connectionsCheckingIntervalMs,
    },
    app,
  );
  const logger = deps.logger ?? createLogger();
  const metrics = deps.metrics ?? new Metrics({ processMetrics: false });
  const defaultLog = errorLogOf(logger);
  const rateLimited = requestRateLimit(deps.rateLimitPerMinute ?? 0);
  const inFlight = new InFlight();

  const limits = queryLimits<GraphQLContext>();
  const apollo = new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: SHUTDOWN.graceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin hooks every field resolver to compute a policy from
      // @cacheControl hints; the schema has none, so every answer was `no-store`. Same header,
      // without the per-field work.
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin<GraphQLContext>(),
      ...limits.plugins,
      costPlugin<GraphQLContext>(
        deps.maximumQueryCost,
        withCoverageEvaluationWeight(exportFieldWeights(deps.services), deps.services, deps.coverageRowsPerCostUnit),
      ),
      requestEndPlugin<GraphQLContext>(),
      requestIdInErrors<GraphQLContext>(deps.logError ?? defaultLog),
      databaseBusyStatus<GraphQLContext>(),
      // After costPlugin: reads the cost it reports.
      observeOperations<GraphQLContext>(metrics),
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: formatGraphQLError(),
    includeStacktraceInErrorResponses: false,
    // "Did you mean" suggestions on: every request that reaches Apollo has a valid token (without
    // one it is refused with 401 before its document is even parsed), so nothing leaks to strangers.
    hideSchemaDetailsFromClientErrors: false,
    allowBatchedHttpRequests: false,
    // Apollo's in-memory LRU cache when on (undefined); nothing is cached when off.
    persistedQueries: deps.persistedQueries ? undefined : false,
    // A cross-site form or <img> cannot send an Authorization header, so a request carrying a bearer
    // token is no CSRF; the check stays for every other request (GET queries from urql's defaults).
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    // The process's signals are main.ts's: Apollo's own handler (on unless NODE_ENV=test) stopped
    // the server at SIGTERM too, and a second `stop()` while the first drains never returns (5.5).
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // Shutdown waits for these before the database is closed (src/http/in-flight.ts).
  app.use(inFlight.requests());
  // The request id, the access line and the HTTP metrics (src/http/access-log.ts).
  app.use(observeRequests({ logger, metrics, onDataChange: deps.onDataChange }));
  // Before authentication: a browser's preflight carries no token. See src/http/cors.ts.
  const cors = corsFor(deps.corsOrigins ?? []);
  if (cors) app.use(cors);
  app.use(
    bodyDeadlines({
      requestTimeoutMs: timeouts.requestTimeoutMs,
      uploadIdleTimeoutMs: timeouts.uploadIdleTimeoutMs,
      checkEveryMs: timeouts.connectionsCheckingIntervalMs,
    }),
  );
  // Security headers on every answer; the explorer and dashboard pages replace the CSP with their own.
  app.use(
    helmet({
      contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = !deps.starting?.() && (await deps.store.isReady());
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!deps.starting?.()) return next();
    const waiting = new DatabaseUnavailableError('the service is still starting: waiting for the database, migrating or loading the built-in catalogs');
    res.setHeader('Retry-After', String(waiting.retryAfterSeconds));
    sendError(req, res, 503, waiting.code, waiting.message);
  });

  // Prometheus: a METRICS token (MONITOR or ADMIN); src/http/metrics-route.ts.
  app.get('/metrics', authenticate(deps.services), rateLimited, requireMetricsPermission(deps.services), serveMetrics(metrics));

  app.get('/graphql', (req, res, next) => (wantsExplorer(req) ? serveExplorer(req, res) : next()));
  // The coverage dashboard: a static page (no token needed to load it) that calls /graphql; src/http/dashboard-route.ts.
  app.use('/dashboard', dashboardRouter());
  app.use(
    '/graphql',
    authenticate(deps.services, { coveragePin: true }),
    rateLimited,
    express.json({ limit: GRAPHQL_BODY_LIMIT, verify: requireUtf8 }),
    rejectLoneSurrogates,
    inFlight.handler(expressMiddleware(apollo, {
      context: async ({ res }) => {
        let responseSent: AbortSignal | undefined;
        return {
          actor: res.locals.actor as Actor,
          // authenticate() read the token row for this request.
          tokenReadByRequest: true,
          // …and the coverage graph's version with it, for a query's coverage reads.
          coveragePin: res.locals.coveragePin as CoveragePin | undefined,
          services: deps.services,
          loaders: createLoaders(deps.services, res.locals.actor as Actor),
          requestId: String(res.locals.requestId),
          // Made when an export's content asks for it: most requests never do. A function, not a
          // getter: Apollo copies the context's properties (reading every getter) per operation.
          responseSent: () => (responseSent ??= responseSentSignal(res)),
          observed: (recordOf(res).graphql = {}),
        };
      },
    })),
  );

  // Evidence files (streamed bodies, no body parser): src/http/blob-routes.ts.
  app.use('/v1/blobs', blobRouter({ ...deps, rateLimited }));
  // Export documents (streamed from their files): src/http/export-routes.ts.
  app.use('/v1/exports', exportRouter({ ...deps, rateLimited }));

  app.use((_req: Request, res: Response) => {
    recordOf(res).errorCode = 'NOT_FOUND';
    res.status(404).json(httpErrorBody('NOT_FOUND', 'no such route', res.locals.requestId));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const busy = databaseCannotServe(error);
    const { status, code, message } = busy ? { status: 503, code: busy.code, message: busy.message } : describeHttpError(error);
    if (status >= 500 && !busy) (deps.logError ?? defaultLog)({ requestId: res.locals.requestId, error });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (busy) res.setHeader('Retry-After', String(busy.retryAfterSeconds));
    sendError(req, res, status, code, message);
  });

  return { app, httpServer, apollo, inFlight };
}

/** Maps body-parser and other middleware errors to a status and code. */
function describeHttpError(error: unknown): { status: number; code: string; message: string } {
  const e = error as { type?: string; status?: number; statusCode?: number };
  switch (e?.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' };
    case 'encoding.invalid':
      return { status: 400, code: 'INVALID_UNICODE', message: 'the request body is not valid UTF-8' };
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `the request body exceeds ${GRAPHQL_BODY_LIMIT}; to import a larger file, upload it with PUT /v1/blobs and import it by its hash (catalogImport with sha256 instead of content)`,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_ENCODING', message: 'unsupported body encoding or charset' };
    case 'request.aborted':
      return { status: 400, code: 'REQUEST_ABORTED', message: 'the request was aborted' };
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: 'BAD_REQUEST', message: 'bad request' };
  }
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' };
}

/** Starts listening; resolves with the bound address once the port is open. */
export async function listen(
  deps: AppDeps,
  port: number,
  host: string,
  timeouts: HttpTimeouts = HTTP_TIMEOUTS,
): Promise<RunningApp & { url: string }> {
  const { httpServer, apollo, inFlight } = await createApp(deps, timeouts);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    stop: () =>
      (stopping ??= (async () => {
        const deadline = Date.now() + SHUTDOWN.graceMs + SHUTDOWN.handlersAfterGraceMs;
        await apollo.stop();
        await inFlight.settled(deadline);
      })()),
  };
}
