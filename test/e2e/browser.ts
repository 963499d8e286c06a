/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot be used
 * here). CROSSWALK_CHROMIUM overrides the path. Where it is missing the e2e run fails in CI
 * (CI=true: .ci/run installs it first) and is skipped, visibly, elsewhere.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RESULTS } from './scenario.js';

export const CHROMIUM = process.env.CROSSWALK_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = join(RESULTS, 'screenshots');

/** Sizes every view is photographed at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (install it with: apt-get update && apt-get install -y chromium, or set CROSSWALK_CHROMIUM)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface WatchedContext {
  context: BrowserContext;
  /** Requests that tried to leave the allowed origins (aborted). */
  foreignRequests: string[];
  /** Console errors, page errors and CSP violations. */
  problems: string[];
  newPage(): Promise<Page>;
}

/**
 * A browser context that lets requests reach only `origins` (anything else is aborted and
 * recorded: the page must work with no internet) and records every console error.
 */
export async function watchedContext(
  browser: Browser,
  origins: string[],
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
  /** A console message the test provokes on purpose: not recorded. */
  expectedProblem?: RegExp,
): Promise<WatchedContext> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
  const foreignRequests: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (origins.includes(new URL(url).origin)) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    foreignRequests,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (message) => {
        const problem = `console: ${message.text()}`;
        if (message.type() === 'error' && !expectedProblem?.test(problem)) problems.push(problem);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      return page;
    },
  };
}

export async function screenshot(target: Page | ReturnType<Page['locator']>, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
}
