/**
 * Evidence files over plain HTTP (mounted on /v1/blobs):
 *
 *   PUT /v1/blobs           the raw bytes as the body → 201 {sha256, size} when new, 200 when
 *                           those bytes were already stored. Answered only after the file is
 *                           durable and its row committed.
 *   GET /v1/blobs/<sha256>  the file, as an attachment, re-verified while streaming.
 *
 * Bodies are streamed, never buffered: this router must be mounted before any body parser.
 * Every error is JSON `{"error": {"code", "message", "requestId"}}`.
 */
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { contentDisposition, DEFAULT_MEDIA_TYPE, normaliseSha256 } from '../domain/blobs.js';
import { fromGlobalId } from '../domain/global-id.js';
import { UploadError } from '../services/evidence-file-service.js';
import type { Services } from '../services/index.js';
import { forOperation } from '../services/operation-scope.js';
import { authenticate } from './authenticate.js';
import { httpErrorBody } from './errors.js';
import { recordOf } from './access-log.js';

const UPLOAD_ERROR_STATUS: Record<UploadError['code'], number> = {
  EMPTY_BODY: 400,
  PAYLOAD_TOO_LARGE: 413,
  DIGEST_MISMATCH: 422,
};

/** After refusing a body early, at most this much more of it is read and dropped before the connection is closed. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

export function blobRouter(deps: { services: Services; rateLimited?: express.RequestHandler }): express.Router {
  const { services } = deps;
  const rateLimited = deps.rateLimited ?? ((_req: Request, _res: Response, next: NextFunction) => next());
  const router = express.Router({ caseSensitive: true, strict: true });

  router.put('/', authenticate(services), rateLimited, (req, res, next) => {
    upload(services, operationActor(res, 'blobUpload'), req, res).catch(next);
  });
  router.all('/', (_req, res) => methodNotAllowed(res, 'PUT'));

  router.get('/:sha256', authenticate(services), rateLimited, (req, res, next) => {
    download(services, operationActor(res, 'blobDownload'), req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else next(error);
    });
  });
  router.all('/:sha256', (_req, res) => methodNotAllowed(res, 'GET, HEAD'));

  return router;
}

/** The authenticated actor of the request, performing `action` (for the audit trail). */
function operationActor(res: Response, action: string): Actor {
  return forOperation(res.locals.actor as Actor, action, { requestId: String(res.locals.requestId) });
}

async function upload(services: Services, actor: Actor, req: Request, res: Response): Promise<void> {
  if (!(await permitted(services, actor, 'EVIDENCE_CONTRIBUTE', req, res))) return;

  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return refuse(req, res, 415, 'UNSUPPORTED_ENCODING', 'send the file as it is, without Content-Encoding: the SHA-256 is of the bytes received');
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/')) {
    return refuse(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the raw bytes of the file as the body (application/octet-stream), not a multipart form');
  }
  const digestHeader = req.headers['x-content-sha256'];
  let expectedSha256: string | null = null;
  if (digestHeader !== undefined) {
    expectedSha256 = typeof digestHeader === 'string' ? normaliseSha256(digestHeader) : null;
    if (!expectedSha256) return refuse(req, res, 400, 'INVALID_DIGEST_HEADER', 'X-Content-SHA256 must be the hex SHA-256 of the body (64 characters)');
  }
  const limit = services.evidenceFiles.maxUploadBytes;
  const announced = req.headers['content-length'];
  if (announced !== undefined) {
    const length = Number(announced);
    if (length > limit) return refuse(req, res, 413, 'PAYLOAD_TOO_LARGE', `the file exceeds the upload limit of ${limit} bytes`);
    if (length === 0) return refuse(req, res, 400, 'EMPTY_BODY', 'the request body is empty: send the file as the body');
  }

  let result;
  try {
    // Not destroyed when the loop stops early (too large): the 413 still has to be sent.
    result = await services.evidenceFiles.receiveUpload(actor, req.iterator({ destroyOnReturn: false }), { expectedSha256 });
  } catch (error) {
    if (clientGone(req, res)) return; // a disconnect: the temp file is already removed
    if (error instanceof UploadError) return refuse(req, res, UPLOAD_ERROR_STATUS[error.code], error.code, error.message);
    throw error;
  }
  if (!result.ok) {
    const forbidden = result.errors.find((e) => e.code === 'FORBIDDEN');
    return refuse(req, res, forbidden ? 403 : 400, forbidden ? 'FORBIDDEN' : 'INVALID', result.errors.map((e) => e.message).join('; '));
  }
  const { sha256, size, created } = result.value;
  res.status(created ? 201 : 200).location(`/v1/blobs/${sha256}`).json({ sha256, size });
}

async function download(services: Services, actor: Actor, req: Request, res: Response): Promise<void> {
  if (!(await permitted(services, actor, 'READ', req, res))) return;
  const sha256 = normaliseSha256(String(req.params.sha256));
  if (!sha256 || sha256 !== req.params.sha256) {
    return refuse(req, res, 400, 'INVALID_SHA256', 'the path must end with the lowercase hex SHA-256 of the file (64 characters)');
  }
  const evidenceParam = req.query.evidence;
  const evidenceId = typeof evidenceParam === 'string' ? (fromGlobalId(evidenceParam, 'Evidence') ?? 0) : null;
  const opened = await services.evidenceFiles.openDownload(actor, sha256, evidenceId);
  if (opened.kind === 'NOT_FOUND') return refuse(req, res, 404, 'BLOB_NOT_FOUND', 'no stored file has this SHA-256');
  if (opened.kind === 'BROKEN') {
    const code = opened.status === 'MISSING' ? 'BLOB_MISSING' : 'BLOB_CORRUPT';
    return refuse(req, res, 500, code, `the stored copy of this file is ${opened.status.toLowerCase()}; the failure is recorded (Evidence.integrity): upload the file again`);
  }

  const filename = opened.evidence?.filename ?? sha256;
  res.status(200);
  res.setHeader('Content-Type', opened.evidence?.mediaType ?? DEFAULT_MEDIA_TYPE);
  res.setHeader('Content-Length', String(opened.size));
  res.setHeader('Content-Disposition', contentDisposition(filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${sha256}"`);
  res.setHeader('X-Content-SHA256', sha256);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
  if (req.method === 'HEAD') {
    opened.stream.destroy();
    res.end();
    return;
  }
  // The verifier withholds the last chunk until the whole file hashed correctly; on a mismatch
  // it records the failure (committed before the client sees the connection drop) and fails,
  // which destroys the response: the client gets fewer bytes than Content-Length.
  try {
    await pipeline(opened.stream, opened.verifier, res);
  } catch {
    res.destroy();
  }
}

/** True when the actor may; otherwise answers 403 (audited as DENIED). */
async function permitted(services: Services, actor: Actor, permission: Permission, req: Request, res: Response): Promise<boolean> {
  if (isAllowed(actor, permission)) return true;
  await services.runner.auditOutsideChange(actor, 'DENIED', [], { permission, method: req.method, path: req.originalUrl });
  refuse(req, res, 403, 'FORBIDDEN', `role ${actor.role} may not do this (needs ${permission})`);
  return false;
}

/**
 * Answers an error. When the request body has not been read, the client may still be sending
 * it: the connection is closed after the answer, once up to 1 MiB more was read and dropped
 * (closing with unread data would reset the connection before the client reads the answer).
 */
function refuse(req: Request, res: Response, status: number, code: string, message: string): void {
  if (clientGone(req, res)) return;
  const bodyPending = !req.complete;
  if (bodyPending) res.setHeader('Connection', 'close');
  recordOf(res).errorCode = code;
  res.status(status).json(httpErrorBody(code, message, res.locals.requestId as string | undefined));
  if (bodyPending) {
    let drained = 0;
    const stop = () => req.socket.destroy();
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) stop();
    });
    req.on('error', () => undefined);
    res.on('finish', () => setTimeout(stop, 2_000).unref());
    req.resume();
  }
}

function clientGone(req: Request, res: Response): boolean {
  return res.writableEnded || res.destroyed || req.socket.destroyed || (req.destroyed && !req.complete);
}

function methodNotAllowed(res: Response, allow: string): void {
  recordOf(res).errorCode = 'METHOD_NOT_ALLOWED';
  res.status(405).setHeader('Allow', allow).json(httpErrorBody('METHOD_NOT_ALLOWED', `use ${allow} here`, res.locals.requestId as string | undefined));
}

