/**
 * Deadlines for receiving a request's body. Node's own `requestTimeout` (one limit for the whole
 * request, every route) cannot serve both kinds of route, so it is off and these apply instead:
 * - every route but uploads: the whole request must have arrived within `requestTimeoutMs`;
 * - uploads (`PUT /v1/blobs`): no total limit, since a 100 MiB file over a slow uplink takes
 *   minutes, but the body must keep coming: no byte for `uploadIdleTimeoutMs` ends it.
 * Either way the client gets 408 with a JSON error (GraphQL-shaped on /graphql) when nothing was answered yet, and the
 * connection is closed; an upload ended this way leaves nothing behind, as a disconnect does.
 * Headers stay bounded by Node's `headersTimeout`. Once the body has arrived no deadline applies
 * (answering may take longer, as with Node's own timeout).
 */
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './errors.js';

export interface BodyDeadlines {
  requestTimeoutMs: number;
  uploadIdleTimeoutMs: number;
  /** How often deadlines are checked. */
  checkEveryMs: number;
}

const isUpload = (req: Request) => req.method === 'PUT' && (req.path === '/v1/blobs' || req.path === '/v1/blobs/');

export function bodyDeadlines(deadlines: BodyDeadlines) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.complete) return next();
    const upload = isUpload(req);
    const started = Date.now();
    let lastBytes = req.socket.bytesRead;
    let lastProgress = started;
    const timer = setInterval(() => {
      if (req.complete || req.destroyed) return stop();
      const now = Date.now();
      const bytes = req.socket.bytesRead;
      if (bytes !== lastBytes) {
        lastBytes = bytes;
        lastProgress = now;
      }
      const expired = upload ? now - lastProgress >= deadlines.uploadIdleTimeoutMs : now - started >= deadlines.requestTimeoutMs;
      if (!expired) return;
      stop();
      const message = upload
        ? `no data received for ${deadlines.uploadIdleTimeoutMs / 1000} s: the upload was abandoned`
        : `the request was not received within ${deadlines.requestTimeoutMs / 1000} s`;
      // Ending the request stream (not only the socket) makes whoever still reads it stop, so an
      // upload removes its temp file.
      const end = () => {
        req.destroy(new Error(message));
        req.socket.destroy();
      };
      if (res.headersSent) return end();
      res.setHeader('Connection', 'close');
      sendError(req, res, 408, 'REQUEST_TIMEOUT', message);
      res.once('finish', end);
    }, deadlines.checkEveryMs);
    timer.unref();
    // Not stopped by the answer: a body still trickling in after it is bounded too. stop() also
    // takes its listeners off again: a keep-alive socket carries many requests, and a listener
    // left on it per request would keep every one of them (request, response, body) alive until
    // the connection closes: 20 connections under load grew the heap by about 1.4 GiB a minute.
    const socket = req.socket;
    const stop = () => {
      clearInterval(timer);
      req.off('end', stop);
      socket.off('close', stop);
    };
    req.once('end', stop);
    socket.once('close', stop);
    next();
  };
}
