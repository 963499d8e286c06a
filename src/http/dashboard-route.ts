/**
 * GET /dashboard: the coverage dashboard for compliance leads (docs/dashboard.md). Its client lives
 * in src/dashboard/ (TypeScript, Chart.js); it is bundled with esbuild on the first request, into
 * memory, so `npm ci && npm start` serves it with no build step and every asset comes from this
 * server: it works with no internet access.
 *
 * The page holds an API token, so its Content-Security-Policy leaves it no way to send anything
 * to another origin: scripts and styles from this origin only (no inline code, no eval), requests
 * (`connect-src`), images and fonts to this origin only, no forms, no <base>, no framing, and
 * Trusted Types required, so no HTML string can become markup.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { build } from 'esbuild';

const CLIENT = fileURLToPath(new URL('../dashboard/', import.meta.url));

export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

function asset(type: string, body: Buffer | Uint8Array): Asset {
  const buffer = Buffer.from(body);
  return { type, body: buffer, gzip: gzipSync(buffer), etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"` };
}

/** The page, its script and its stylesheet, by path under /dashboard. */
export async function bundleDashboard(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: [`${CLIENT}main.ts`],
    tsconfig: `${CLIENT}tsconfig.json`,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('dashboard: esbuild produced no output');
  const [html, css] = await Promise.all([readFile(`${CLIENT}page.html`), readFile(`${CLIENT}style.css`)]);
  return new Map([
    ['/', asset('text/html; charset=utf-8', html)],
    ['/app.js', asset('text/javascript; charset=utf-8', script.contents)],
    ['/app.css', asset('text/css; charset=utf-8', css)],
  ]);
}

let assets: Promise<Map<string, Asset>> | undefined;

/** Bundled once per process, on first use; a failed bundle is tried again on the next request. */
function dashboardAssets(): Promise<Map<string, Asset>> {
  assets ??= bundleDashboard().catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  return assets;
}

function send(req: Request, res: Response, found: Asset): void {
  res.setHeader('Content-Type', found.type);
  res.setHeader('Content-Security-Policy', DASHBOARD_CONTENT_SECURITY_POLICY);
  // Revalidated on every load: a new server version is picked up at once.
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', found.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === found.etag) {
    res.status(304).end();
    return;
  }
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(req.method === 'HEAD' ? undefined : found.gzip);
  } else {
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }
}

/** Mounted at /dashboard: `/` (the page), `/app.js`, `/app.css`; anything else falls through (404). */
export function dashboardRouter(): Router {
  const router = Router({ strict: false });
  router.get(['/', '/app.js', '/app.css'], (req, res, next) => {
    dashboardAssets().then((all) => {
      const found = all.get(req.path);
      if (found) send(req, res, found);
      else next();
    }, next);
  });
  return router;
}
