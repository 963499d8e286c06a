/**
 * Export downloads over plain HTTP (mounted on /v1/exports; docs/export-downloads.md):
 *
 *   GET /v1/exports/<id>   the document an export field described (`ExportDocument.downloadUrl`),
 *                          as an attachment, streamed from its file.
 *
 * Same token rules as the evidence file downloads (src/http/blob-routes.ts): a valid bearer
 * token with READ, refusals audited. Beyond that, a document is served only to the token that
 * asked for it (another token gets 404, as for an id that never existed) and only while that
 * token holds the permission the export needed (403 otherwise, e.g. the bundle needs ADMIN);
 * after it expired it is 404 as well. Every error is JSON `{"error": {"code", "message", "requestId"}}`.
 */
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Actor } from '../domain/actor.js';
import { isAllowed } from '../domain/authorization.js';
import { contentDisposition } from '../domain/blobs.js';
import type { Services } from '../services/index.js';
import { forOperation } from '../services/operation-scope.js';
import { authenticate } from './authenticate.js';
import { httpErrorBody } from './errors.js';

export function exportRouter(deps: { services: Services; rateLimited?: express.RequestHandler }): express.Router {
  const { services } = deps;
  const rateLimited = deps.rateLimited ?? ((_req: Request, _res: Response, next: NextFunction) => next());
  const router = express.Router({ caseSensitive: true, strict: true });

  router.get('/:id', authenticate(services), rateLimited, (req, res, next) => {
    download(services, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else next(error);
    });
  });
  router.all('/:id', (_req, res) => {
    res.status(405).setHeader('Allow', 'GET, HEAD').json(httpErrorBody('METHOD_NOT_ALLOWED', 'use GET, HEAD here', res.locals.requestId as string | undefined));
  });
  return router;
}

async function download(services: Services, req: Request, res: Response): Promise<void> {
  const actor = forOperation(res.locals.actor as Actor, 'exportDownload', { requestId: String(res.locals.requestId) });
  if (!isAllowed(actor, 'READ')) return deny(services, actor, 'READ', req, res);
  const opened = await services.exports.open(actor, String(req.params.id));
  if (opened.kind === 'FORBIDDEN') return deny(services, actor, opened.permission, req, res);
  if (opened.kind === 'NOT_FOUND') {
    const minutes = Math.round(services.exports.registry.ttlMs / 60_000);
    return refuse(
      res,
      404,
      'EXPORT_NOT_FOUND',
      `no export document with this id for this token: documents are kept ${minutes} min after they are produced, for the token that asked for them; ask for the export again`,
    );
  }
  const { document, stream, size } = opened;
  res.status(200);
  res.setHeader('Content-Type', document.mediaType);
  res.setHeader('Content-Length', String(size));
  res.setHeader('Content-Disposition', contentDisposition(document.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-SHA256', document.sha256);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
  if (req.method === 'HEAD') {
    stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(stream, res);
  } catch {
    res.destroy();
  }
}

/** 403, audited as DENIED. */
async function deny(services: Services, actor: Actor, permission: string, req: Request, res: Response): Promise<void> {
  await services.runner.auditOutsideChange(actor, 'DENIED', [], { permission, method: req.method, path: req.originalUrl });
  refuse(res, 403, 'FORBIDDEN', `role ${actor.role} may not download this export (needs ${permission})`);
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json(httpErrorBody(code, message, res.locals.requestId as string | undefined));
}
