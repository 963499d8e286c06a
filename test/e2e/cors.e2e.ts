/**
 * Issue 11's browser check: a page on another origin calls the API with fetch and a bearer token
 * from a real browser. Listed in CROSSWALK_CORS_ORIGINS, it gets the data; not listed, the browser
 * refuses to hand the answer to the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchedContext } from './browser.js';

const e2e = inject('e2e');

describe.skipIf(e2e.skip !== null)('a dashboard on another origin, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the other origin's page (second-origin.ts) and returns what its fetch got. */
  async function fetchFrom(origin: string): Promise<{ page: Page; result: any }> {
    const watched = await watchedContext(browser, [e2e.url, e2e.allowedOrigin, e2e.refusedOrigin]);
    const page = await watched.newPage();
    await page.goto(`${origin}/?api=${encodeURIComponent(e2e.url)}#${encodeURIComponent(e2e.viewerToken)}`);
    await page.waitForFunction(`document.getElementById('result').textContent !== 'pending'`);
    return { page, result: JSON.parse((await page.locator('#result').textContent())!) };
  }

  it('an allowed origin queries the API with fetch and gets the data', async () => {
    const { page, result } = await fetchFrom(e2e.allowedOrigin);
    expect(result.status).toBe(200);
    expect(result.body.data.viewer).toEqual({ name: 'dashboard-e2e', role: 'VIEWER' });
    expect(result.body.data.frameworks.totalCount).toBeGreaterThan(0);
    await page.context().close();
  });

  it('an origin not listed is refused by the browser', async () => {
    const { page, result } = await fetchFrom(e2e.refusedOrigin);
    expect(result.refused).toMatch(/^TypeError/);
    await page.context().close();
  });
});
