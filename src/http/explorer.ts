/**
 * The API explorer: a self-contained GraphiQL page (scripts and styles inlined, no CDN), so it
 * works with no internet access. Rendered once, served gzip-compressed when the browser allows.
 *
 * Its Content-Security-Policy allows exactly the page's own inline scripts (by SHA-256 hash,
 * computed when the page is rendered), inline styles (the editor injects <style> elements),
 * data: fonts and images, blob: workers (the editor's language workers) and requests to this
 * origin. Nothing may load from another host, and the page may not be framed.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

let page: { html: Buffer; gzip: Buffer; csp: string } | undefined;

function renderPage() {
  const text = renderGraphiQL({
    endpoint: '/graphql',
    title: 'Crosswalk API explorer',
    defaultQuery: EXAMPLE_QUERY,
    headers: JSON.stringify({ Authorization: 'Bearer paste-your-token-here' }, null, 2),
  } as never);
  const html = Buffer.from(text, 'utf8');
  return { html, gzip: gzipSync(html), csp: explorerContentSecurityPolicy(text) };
}

/** SHA-256 source expressions of every inline <script> of the page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    // The browser hashes the element's text after parsing, which turns CR LF and CR into LF.
    const body = (match[1] ?? '').replace(/\r\n?/g, '\n');
    if (body.length === 0) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

export function explorerContentSecurityPolicy(html: string): string {
  return [
    "default-src 'none'",
    `script-src ${inlineScriptHashes(html).join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** True when a GET /graphql comes from a browser rather than a GraphQL client. */
export const wantsExplorer = (req: Request): boolean =>
  req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query;

export function serveExplorer(req: Request, res: Response): void {
  page ??= renderPage();
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', page.csp);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(page.gzip);
  } else {
    res.end(page.html);
  }
}

const EXAMPLE_QUERY = `# Welcome to Crosswalk. Press the run button to list the built-in frameworks.
query Frameworks {
  frameworks(first: 20) {
    totalCount
    edges {
      node { id refId name kind version }
    }
  }
}
`;
