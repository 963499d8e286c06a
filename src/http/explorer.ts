/**
 * The API explorer: a self-contained GraphiQL page (scripts and styles inlined, no CDN), so it
 * works with no internet access. Rendered once, served gzip-compressed when the browser allows.
 *
 * Token flow (see {@link TOKEN_FLOW}): GraphiQL starts only with a token the server accepts. On
 * first visit the page asks for one, checks it with `{ viewer { name role } }` and keeps it in the
 * browser's localStorage; every request (schema introspection included) then carries it. A bar
 * shows whose token is in use, with a button to change it. A stored token that is refused later
 * (revoked, expired) brings the question back with the server's reason: never an error wall.
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
  const text = withTokenFlow(
    renderGraphiQL({
      endpoint: '/graphql',
      title: 'Crosswalk API explorer',
      defaultQuery: EXAMPLE_QUERY,
    }),
  );
  const html = Buffer.from(text, 'utf8');
  return { html, gzip: gzipSync(html), csp: explorerContentSecurityPolicy(text) };
}

/** GraphiQL's start call as @graphql-yoga/render-graphiql writes it: the options object is captured. */
const START_CALL = /YogaGraphiQL\.renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{[^\n]*\}),\s*\);/;

/** Replaces GraphiQL's immediate start with {@link TOKEN_FLOW}, which starts it once a token is accepted. */
export function withTokenFlow(html: string): string {
  const match = START_CALL.exec(html);
  if (!match) throw new Error('explorer: GraphiQL start call not found (did @graphql-yoga/render-graphiql change?)');
  const script = TOKEN_FLOW.replace('__OPTIONS__', () => match[1]!);
  return html.slice(0, match.index) + script + html.slice(match.index + match[0].length);
}

/**
 * Runs in the browser (inline, allowed by its hash). No inline event handlers (the CSP forbids
 * them); names shown with textContent only.
 */
const TOKEN_FLOW = `(function () {
  var STORAGE_KEY = 'crosswalk.apiToken';
  var options = __OPTIONS__;
  var root = window.document.querySelector('#root');
  var stored = function () { try { return window.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; } };
  var store = function (token) { try { window.localStorage.setItem(STORAGE_KEY, token); } catch (e) {} };
  var forget = function () { try { window.localStorage.removeItem(STORAGE_KEY); } catch (e) {} };
  var el = function (tag, style, text) {
    var node = window.document.createElement(tag);
    if (style) node.setAttribute('style', style);
    if (text) node.textContent = text;
    return node;
  };

  /** Resolves with the viewer when the server accepts the token, else rejects with its reason. */
  function check(token) {
    return window.fetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: '{ viewer { name role } }' }),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        var viewer = body && body.data && body.data.viewer;
        if (viewer) return viewer;
        var error = body && body.errors && body.errors[0];
        var refusal = new Error(error ? error.message + (error.extensions && error.extensions.code ? ' (' + error.extensions.code + ')' : '') : 'HTTP ' + response.status);
        refusal.status = response.status;
        throw refusal;
      });
    });
  }

  function askForToken(reason) {
    root.textContent = '';
    var panel = el('form', 'max-width:36rem;margin:12vh auto;padding:2rem;font:15px/1.5 system-ui,sans-serif;border:1px solid #ccc;border-radius:8px;background:#fff;color:#222');
    panel.setAttribute('id', 'crosswalk-token-form');
    panel.appendChild(el('h1', 'font-size:1.4rem;margin:0 0 .5rem', 'Crosswalk API explorer'));
    panel.appendChild(el('p', 'margin:0 0 1rem', 'Paste an API token to start. It stays in this browser (localStorage) and is sent as "Authorization: Bearer ..." with every request. Create one with: npm run cli -- token create --name my-explorer --role VIEWER'));
    var input = el('input', 'width:100%;box-sizing:border-box;padding:.5rem;font:inherit;margin-bottom:.75rem');
    input.setAttribute('type', 'password');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('placeholder', 'API token');
    input.setAttribute('aria-label', 'API token');
    panel.appendChild(input);
    var button = el('button', 'padding:.5rem 1rem;font:inherit', 'Use this token');
    button.setAttribute('type', 'submit');
    panel.appendChild(button);
    var message = el('p', 'color:#b00020;margin:.75rem 0 0', reason || '');
    message.setAttribute('role', 'alert');
    panel.appendChild(message);
    panel.addEventListener('submit', function (event) {
      event.preventDefault();
      var token = input.value.trim().replace(/^Bearer\\s+/i, '');
      if (!token) { message.textContent = 'Paste a token first.'; return; }
      button.disabled = true;
      message.textContent = '';
      check(token).then(function (viewer) {
        store(token);
        start(token, viewer);
      }, function (error) {
        button.disabled = false;
        message.textContent = (error.status === 401 ? 'This token was refused: ' : 'Could not check the token: ') + error.message;
      });
    });
    root.appendChild(panel);
    input.focus();
  }

  function tokenBar(viewer) {
    var bar = el('div', 'position:fixed;right:.75rem;bottom:.75rem;z-index:1000;padding:.35rem .6rem;font:13px system-ui,sans-serif;background:#fff;color:#222;border:1px solid #ccc;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15)');
    bar.setAttribute('id', 'crosswalk-token-bar');
    bar.appendChild(el('span', '', 'Token: ' + viewer.name + ' (' + viewer.role + ') '));
    var change = el('button', 'margin-left:.4rem;font:inherit', 'Change token');
    change.setAttribute('type', 'button');
    change.addEventListener('click', function () {
      forget();
      window.location.reload();
    });
    bar.appendChild(change);
    window.document.body.appendChild(bar);
  }

  function start(token, viewer) {
    root.textContent = '';
    options.additionalHeaders = { Authorization: 'Bearer ' + token };
    YogaGraphiQL.renderYogaGraphiQL(root, options);
    tokenBar(viewer);
  }

  var token = stored();
  if (!token) return askForToken('');
  check(token).then(function (viewer) { start(token, viewer); }, function (error) {
    // Only a refusal of the token itself forgets it; a busy or unreachable server does not.
    if (error.status === 401) forget();
    askForToken((error.status === 401 ? 'The stored token no longer works: ' : 'Could not check the stored token: ') + error.message);
  });
})();`;

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
