/**
 * The explorer's token flow: the served page asks for a token before GraphiQL starts, checks it
 * against the server, keeps it in localStorage and sends it with every request; a refused token
 * brings the question back. The page's own script runs here against the real server, with a
 * minimal document standing in for the browser (no browser is needed for `npm test`).
 */
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let html: string;
beforeAll(async () => {
  server = await startTestServer();
  const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  html = await response.text();
});
afterAll(() => server.close());

/** The token flow as served: from its start to the end of its <script>. */
const flowScript = () => {
  const start = html.indexOf("(function () {\n  var STORAGE_KEY = 'crosswalk.apiToken';");
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</script>', start));
};

class FakeElement {
  attributes: Record<string, string> = {};
  children: FakeElement[] = [];
  listeners: Record<string, (event: { preventDefault(): void }) => void> = {};
  disabled = false;
  value = '';
  private text = '';
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string) {
    this.attributes[name] = value;
  }
  appendChild(child: FakeElement) {
    this.children.push(child);
    return child;
  }
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void) {
    this.listeners[type] = listener;
  }
  focus() {}
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.text = value;
    this.children = [];
  }
  find(tag: string): FakeElement | undefined {
    for (const child of this.children) {
      if (child.tag === tag) return child;
      const found = child.find(tag);
      if (found) return found;
    }
    return undefined;
  }
}

/** Runs the served flow in a fake browser page whose localStorage holds `stored`. */
function openPage(stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const root = new FakeElement('div');
  const body = new FakeElement('body');
  const started: { options: any }[] = [];
  let reloaded = false;
  const document = { querySelector: () => root, createElement: (tag: string) => new FakeElement(tag), body };
  const window = {
    document,
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
      removeItem: (k: string) => storage.delete(k),
    },
    fetch: (path: string, init: RequestInit) => fetch(new URL(path, server.url), init),
    location: { reload: () => (reloaded = true) },
  };
  const YogaGraphiQL = { renderYogaGraphiQL: (_root: unknown, options: any) => started.push({ options: JSON.parse(JSON.stringify(options)) }) };
  runInNewContext(flowScript(), { window, YogaGraphiQL, JSON, Error });
  return {
    storage,
    root,
    body,
    started,
    reloaded: () => reloaded,
    /** Resolves once the page shows the token form or has started GraphiQL. */
    settled: () => vi.waitFor(() => expect(root.find('form') !== undefined || started.length > 0).toBe(true), { timeout: 10_000 }),
    /** Submits a token and resolves once the page has answered (a message, or GraphiQL started). */
    async submit(token: string) {
      const form = root.find('form')!;
      const button = form.find('button')!;
      const before = started.length;
      form.find('input')!.value = token;
      form.listeners.submit!({ preventDefault() {} });
      expect(button.disabled).toBe(true);
      await vi.waitFor(() => expect(!button.disabled || started.length > before).toBe(true), { timeout: 10_000 });
    },
  };
}

describe('the served explorer page', () => {
  it('starts GraphiQL only from the token flow, with no placeholder token', () => {
    expect(html.match(/renderYogaGraphiQL\(/g)?.length).toBe(1);
    expect(flowScript()).toContain('YogaGraphiQL.renderYogaGraphiQL(root, options)');
    expect(flowScript()).toContain('"endpoint":"/graphql"');
    expect(html).not.toContain('paste-your-token-here');
    // The flow is valid JavaScript.
    expect(() => new Function(flowScript())).not.toThrow();
  });
});

describe('the token flow', () => {
  it('asks for a token on first visit and starts nothing until one is accepted', async () => {
    const page = openPage();
    await page.settled();
    expect(page.started).toEqual([]);
    expect(page.root.find('form')?.textContent).toMatch(/Paste an API token/);

    await page.submit(`cwk_${'Q'.repeat(43)}`);
    expect(page.started).toEqual([]);
    expect(page.storage.size).toBe(0);
    expect(page.root.find('form')?.textContent).toMatch(/This token was refused: .*UNAUTHENTICATED/);

    await page.submit(`Bearer ${server.token}`);
    expect(page.storage.get('crosswalk.apiToken')).toBe(server.token);
    expect(page.started).toHaveLength(1);
    // Every GraphiQL request, the schema's introspection included, carries the token.
    expect(page.started[0]!.options.additionalHeaders).toEqual({ Authorization: `Bearer ${server.token}` });
  });

  it('starts at once with a stored token and shows whose it is, with a way to change it', async () => {
    const page = openPage({ 'crosswalk.apiToken': server.token });
    await page.settled();
    expect(page.started).toHaveLength(1);
    const bar = page.body.children.find((c) => c.attributes.id === 'crosswalk-token-bar')!;
    expect(bar.textContent).toMatch(/Token: .+ \(ADMIN\)/);
    const change = bar.find('button')!;
    expect(change.textContent).toBe('Change token');
    change.listeners.click!({ preventDefault() {} });
    expect([page.storage.size, page.reloaded()]).toEqual([0, true]);
  });

  it('forgets a stored token the server refuses and asks again, saying why', async () => {
    const viewer = await server.as('VIEWER');
    const { tokens } = await server.data(`{ tokens(first: 100) { edges { node { id name } } } }`);
    const id = tokens.edges.find((e: any) => e.node.name === 'test-viewer').node.id;
    await server.data(`mutation($id: ID!) { tokenRevoke(input: { id: $id }) { userErrors { code } } }`, { id });

    const page = openPage({ 'crosswalk.apiToken': viewer.token });
    await page.settled();
    expect(page.started).toEqual([]);
    expect(page.storage.size).toBe(0);
    expect(page.root.find('form')?.textContent).toMatch(/The stored token no longer works: .*revoked.*UNAUTHENTICATED/);
  });
});
