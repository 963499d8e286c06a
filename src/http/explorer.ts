/**
 * The API explorer: a self-contained GraphiQL page (scripts and styles inlined, no CDN), so it
 * works with no internet access. Rendered once, served gzip-compressed when the browser allows.
 */
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

let page: { html: Buffer; gzip: Buffer } | undefined;

function renderPage() {
  const html = Buffer.from(
    renderGraphiQL({
      endpoint: '/graphql',
      title: 'Crosswalk API explorer',
      defaultQuery: EXAMPLE_QUERY,
      headers: JSON.stringify({ 'content-type': 'application/json' }),
    } as never),
    'utf8',
  );
  return { html, gzip: gzipSync(html) };
}

/** True when a GET /graphql comes from a browser rather than a GraphQL client. */
export const wantsExplorer = (req: Request): boolean =>
  req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query;

export function serveExplorer(req: Request, res: Response): void {
  page ??= renderPage();
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
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
