/**
 * The coverage dashboard in a real browser (Debian's Chromium through playwright-core) against a
 * real server and SQLite data directory holding the README tutorial's scenario (scenario.ts). What
 * the page shows is compared with what the API answers to the same queries with the same VIEWER
 * token, never with numbers written here. Screenshots of every view at a laptop's and a phone's
 * size go to test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTROL_IMPACT, COVERAGE, EXPIRING, EXPLANATION, GAPS, TREND } from '../../src/dashboard/queries.js';
import { percent, REASON_WORDS, statusWords, STATUS_WORDS } from '../../src/dashboard/words.js';
import { DASHBOARD_CONTENT_SECURITY_POLICY } from '../../src/http/dashboard-route.js';
import { launchChromium, screenshot, VIEWPORTS, watchedContext, type WatchedContext } from './browser.js';
import { EXPIRING_TITLE, gql, SYSTEM } from './scenario.js';

const e2e = inject('e2e');

describe.skipIf(e2e.skip !== null)('the coverage dashboard in Chromium', () => {
  let browser: Browser;
  let aiSystemId: string;
  let euAiAct: { id: string; name: string };
  const contexts: WatchedContext[] = [];
  const api = <T = any>(query: string, variables: Record<string, unknown> = {}) => gql<T>(e2e.url, e2e.viewerToken, query, variables);

  beforeAll(async () => {
    browser = await launchChromium();
    const ids = await api(`{ aiSystem(name: "${SYSTEM}") { id } framework(refId: "eu-ai-act") { id name } }`);
    aiSystemId = ids.aiSystem.id;
    euAiAct = ids.framework;
  });
  afterAll(async () => {
    // Every page of every test: nothing left the server's origin, and no error or CSP violation was logged.
    for (const watched of contexts) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.problems).toEqual([]);
    }
    await browser?.close();
  });

  /** A page of a new context (nothing stored) on /dashboard; its problems are checked after all tests. */
  async function open(viewport: { width: number; height: number } = VIEWPORTS.desktop, expectedProblem?: RegExp): Promise<Page> {
    const watched = await watchedContext(browser, [e2e.url], viewport, expectedProblem);
    contexts.push(watched);
    const page = await watched.newPage();
    await page.goto(`${e2e.url}/dashboard`);
    return page;
  }

  async function signIn(page: Page, token = e2e.viewerToken): Promise<void> {
    await page.getByLabel('API token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
  }

  /** Waits until every section finished loading (no aria-busy left in the dashboard). */
  async function settled(page: Page): Promise<void> {
    await page.locator('#coverage-table').waitFor();
    // (Not waitForFunction: a string predicate is eval, which the page's CSP forbids.)
    await expect.poll(() => page.locator('#dashboard [aria-busy]').count()).toBe(0);
  }

  async function chooseScope(page: Page, name: string): Promise<void> {
    await page.getByLabel('Scope', { exact: true }).selectOption({ label: name });
    await page.getByRole('status').filter({ hasText: `Coverage of ${name} ` }).waitFor();
    await settled(page);
  }

  const controlId = async (refId: string): Promise<string> => (await api(`query($refId: String!) { control(refId: $refId) { id } }`, { refId })).control.id;

  const cells = (page: Page, rows: string) =>
    page.locator(rows).evaluateAll((trs) => trs.map((tr: any) => [...tr.children].map((cell: any) => String(cell.textContent).trim())));

  it('serves the page and its bundled assets from this server, with a CSP that allows no other origin', async () => {
    for (const [path, type] of [
      ['/dashboard', 'text/html'],
      ['/dashboard/app.js', 'text/javascript'],
      ['/dashboard/app.css', 'text/css'],
    ] as const) {
      const response = await fetch(`${e2e.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CONTENT_SECURITY_POLICY);
    }
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self'/);
    const html = await (await fetch(`${e2e.url}/dashboard`)).text();
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['/dashboard/app.css', '/dashboard/app.js', '#main']);
  });

  it('a wrong token gets a clear message, and nothing is stored', async () => {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      // Chromium logs the 401 answer to the token check as a console error.
      const page = await open(viewport, /^console: Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/);
      await screenshot(page, `${size}-sign-in`);
      await signIn(page, 'cwk_this-is-not-a-token');
      const message = page.getByRole('alert');
      await expect.poll(() => message.textContent()).toMatch(/This token was refused: .*\(UNAUTHENTICATED\)\. Ask an operator for a VIEWER token/);
      expect(await page.locator('#dashboard').isHidden()).toBe(true);
      expect(await page.evaluate(`window.sessionStorage.length + window.localStorage.length`)).toBe(0);
      await screenshot(page, `${size}-wrong-token`);
      await page.context().close();
    }
  });

  it('with a VIEWER token, coverage per framework and per AI system equals the API answer', async () => {
    const page = await open();
    await signIn(page);
    await settled(page);
    // The token stays in this tab's sessionStorage only.
    expect(await page.evaluate(`[window.sessionStorage.getItem('crosswalk.dashboardToken'), window.localStorage.length]`)).toEqual([e2e.viewerToken, 0]);
    await expect.poll(() => page.locator('#who').textContent()).toBe('Signed in as dashboard-e2e (VIEWER)');

    const expected = (coverage: any) => [
      ...coverage.frameworks.map((f: any) => [f.framework.name, statusWords(f.status), ...[f.total, f.covered, f.partial, f.uncovered, f.notApplicable].map(String), percent(f.coverageRatio)]),
      ['All frameworks', '', ...[coverage.totals.total, coverage.totals.covered, coverage.totals.partial, coverage.totals.uncovered, coverage.totals.notApplicable].map(String), percent(coverage.totals.coverageRatio)],
    ];
    const organisation = (await api(COVERAGE, { scope: null })).coverage;
    expect(organisation.frameworks.length).toBeGreaterThan(1);
    expect(await cells(page, '#coverage-table tbody tr')).toEqual(expected(organisation));

    await chooseScope(page, SYSTEM);
    const system = (await api(COVERAGE, { scope: { aiSystemId } })).coverage;
    expect(system.frameworks.map((f: any) => f.framework.name)).toEqual([euAiAct.name]);
    expect(await cells(page, '#coverage-table tbody tr')).toEqual(expected(system));

    // The heat map: one column per scope, the same ratios.
    const grid = await cells(page, '#heatmap-grid tbody tr');
    const header = await cells(page, '#heatmap-grid thead tr');
    expect(header[0]).toEqual(['Framework', 'Organisation', SYSTEM]);
    const row = grid.find((r) => r[0] === euAiAct.name)!;
    expect(row).toEqual([euAiAct.name, percent(organisation.frameworks.find((f: any) => f.framework.id === euAiAct.id).coverageRatio), percent(system.frameworks[0].coverageRatio)]);
    expect(grid.filter((r) => r[0] !== euAiAct.name).every((r) => r[2] === '—')).toBe(true);

    // Nothing moved once the data was there (cumulative layout shift, Chromium's own measure).
    // After two rendered frames (the data's layout is painted, so its shifts are recorded), a
    // buffered observer holds every shift so far: takeRecords returns them at once.
    const shift = await page.evaluate(`new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const observer = new PerformanceObserver(() => {});
        observer.observe({ type: 'layout-shift', buffered: true });
        const entries = observer.takeRecords();
        observer.disconnect();
        resolve(entries.filter((entry) => !entry.hadRecentInput).reduce((total, entry) => total + entry.value, 0));
      }));
    })`);
    expect(shift).toBeLessThan(0.1);
  });

  it('drills from a framework to its gaps and their reasons to an explanation, by keyboard and by mouse', async () => {
    const page = await open();
    await signIn(page);
    await chooseScope(page, SYSTEM);

    // Keyboard: the framework's button in the coverage table, Enter, and the focus is on its gaps.
    await page.getByRole('button', { name: `Show the gaps of ${euAiAct.name}` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(`document.activeElement.id`)).toBe('gaps-title');
    await settled(page);
    const { gaps } = await api(GAPS, { filter: { frameworkId: euAiAct.id, aiSystemId } });
    expect(gaps.totalCount).toBeGreaterThan(1);
    const items = page.locator('#gaps-list > li');
    expect(await items.evaluateAll((lis) => lis.map((li: any) => li.dataset.requirement))).toEqual(gaps.edges.map((e: any) => e.node.requirement.refId));
    for (const [i, edge] of gaps.edges.entries()) {
      const item = items.nth(i);
      expect(await item.locator('.badge').textContent()).toBe(STATUS_WORDS[edge.node.status as keyof typeof STATUS_WORDS]);
      const reasons = item.locator('.reasons > li');
      expect(await reasons.evaluateAll((lis) => lis.map((li: any) => li.dataset.code))).toEqual(edge.node.reasons.map((r: any) => r.code));
      for (const [j, reason] of edge.node.reasons.entries()) {
        const text = await reasons.nth(j).textContent();
        expect(text).toContain(REASON_WORDS[reason.code as keyof typeof REASON_WORDS]);
        for (const c of reason.controls) expect(text).toContain(c.control.refId);
      }
    }
    await expect.poll(() => page.locator('#gaps-count').textContent()).toContain(`${gaps.totalCount} requirements not covered`);

    // Tab from the heading reaches the first gap's Explain button; Enter explains it.
    const first = gaps.edges[0].node;
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(`document.activeElement.getAttribute('aria-label')`)).toBe(`Explain ${first.requirement.refId}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(`document.activeElement.id`)).toBe('explanation-title');
    await settled(page);
    await checkExplanation(page, first.requirement.id);

    // Mouse: another gap.
    const second = gaps.edges[1].node;
    await page.getByRole('button', { name: `Explain ${second.requirement.refId}` }).click();
    await page.locator('#explanation-title').filter({ hasText: second.requirement.refId }).waitFor();
    await settled(page);
    await checkExplanation(page, second.requirement.id);
  });

  async function checkExplanation(page: Page, requirementId: string): Promise<void> {
    const { requirement } = await api(EXPLANATION, { id: requirementId, scope: { aiSystemId } });
    expect(await page.locator('#explanation-title').textContent()).toContain(requirement.refId);
    expect(await page.locator('#explanation-status').textContent()).toBe(STATUS_WORDS[requirement.coverage.status as keyof typeof STATUS_WORDS]);
    expect(await page.locator('#explanation-reasons > li').evaluateAll((lis) => lis.map((li: any) => li.dataset.code))).toEqual(
      requirement.coverage.reasons.map((r: any) => r.code),
    );
    const rows = await cells(page, '#explanation-body table tbody tr');
    expect(rows.map((r) => r[0])).toEqual(requirement.coverage.contributions.map((c: any) => `${c.control.refId} ${c.control.title}`));
    // Each row ends its inference path at its control.
    for (const row of rows) expect(row[3]).toMatch(new RegExp(`→ ${row[0]!.split(' ')[0]}$`));
  }

  it('shows the trend of the recorded coverage snapshots, as the API lists them', async () => {
    const page = await open();
    await signIn(page);
    await chooseScope(page, SYSTEM);
    const { coverageHistory } = await api(TREND, { frameworkId: euAiAct.id, scope: { aiSystemId } });
    expect(coverageHistory.totalCount).toBe(2);
    const snapshots = coverageHistory.edges.map((e: any) => e.node).reverse();
    // The scenario's evidence for Article 17 arrived between the two snapshots.
    expect(snapshots[0].summary.covered).toBeGreaterThan(snapshots[1].summary.covered);
    const rows = await cells(page, '#trend-snapshots tbody tr');
    expect(rows.map((r) => r.slice(1))).toEqual(
      snapshots.map((s: any) => [...[s.summary.covered, s.summary.partial, s.summary.uncovered, s.summary.notApplicable, s.summary.total].map(String), percent(s.summary.coverageRatio)]),
    );
    expect(await page.locator('#trend-chart').getAttribute('aria-label')).toContain('2 snapshots');
  });

  it('shows what expires within 30 days and what would drop with it, as evidenceExpiring answers', async () => {
    const page = await open();
    await signIn(page);
    await settled(page);
    const organisation = (await api(EXPIRING, { scope: null })).evidenceExpiring;
    if (organisation.totalCount === 0) await page.locator('#expiring-none').waitFor();
    else expect((await cells(page, '#expiring-list tbody tr')).map((r) => r[0])).toEqual(organisation.edges.map((e: any) => e.node.evidence.title));

    await chooseScope(page, SYSTEM);
    const { evidenceExpiring } = await api(EXPIRING, { scope: { aiSystemId } });
    const rows = await cells(page, '#expiring-list tbody tr');
    expect(rows.map((r) => r[0])).toEqual(evidenceExpiring.edges.map((e: any) => e.node.evidence.title));
    const item = evidenceExpiring.edges.find((e: any) => e.node.evidence.title === EXPIRING_TITLE).node;
    const row = rows.find((r) => r[0] === EXPIRING_TITLE)!;
    expect(item.requirements.length).toBeGreaterThan(0);
    for (const change of item.requirements.filter((r: any) => r.leaf)) {
      expect(row[3]).toContain(`${change.requirement.refId} (eu-ai-act): ${STATUS_WORDS[change.before as keyof typeof STATUS_WORDS]} → ${STATUS_WORDS[change.after as keyof typeof STATUS_WORDS]}`);
    }
    for (const f of item.frameworks) expect(row[4]).toContain(`${f.framework.name}: ${f.before.covered} → ${f.after.covered} covered`);
  });

  it("shows a chosen control's blast radius as controlImpact answers", async () => {
    const page = await open();
    await signIn(page);
    await chooseScope(page, SYSTEM);
    const control = await controlId('HR-LOG-01');
    await page.getByLabel('Control', { exact: true }).selectOption({ value: control });
    const { controlImpact } = await api(CONTROL_IMPACT, { controlId: control, scope: { aiSystemId } });
    const leaves = controlImpact.requirements.filter((r: any) => r.leaf);
    expect(leaves.length).toBeGreaterThan(0);
    await page.locator('#impact-body').filter({ hasText: `${leaves.length} requirement${leaves.length === 1 ? '' : 's'} would drop` }).waitFor();
    for (const change of leaves) expect(await page.locator('#impact-body').textContent()).toContain(change.requirement.refId);
  });

  it('photographs every view at 1280×800 and at phone width, with nothing wider than the screen', async () => {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const page = await open(viewport);
      await signIn(page);
      await chooseScope(page, SYSTEM);
      const { gaps } = await api(GAPS, { filter: { frameworkId: euAiAct.id, aiSystemId } });
      await page.getByRole('button', { name: `Explain ${gaps.edges[0].node.requirement.refId}` }).click();
      await settled(page);
      await page.getByLabel('Control', { exact: true }).selectOption({ value: await controlId('HR-LOG-01') });
      await page.locator('#impact-body').filter({ hasText: 'would drop' }).waitFor();
      for (const view of ['overview', 'heatmap', 'gaps', 'explanation', 'trend', 'expiring', 'impact']) {
        await screenshot(page.locator(`#${view}`), `${size}-${view}`);
      }
      await screenshot(page, `${size}-whole-page`);
      // Nothing sticks out of the screen (tables scroll inside their own box).
      const outside = await page.evaluate(`[...document.querySelectorAll('body *')]
        .filter((e) => !e.closest('.table-wrap') && e.getClientRects().length > 0 && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))`);
      expect(outside, size).toEqual([]);
      await page.context().close();
    }
  });

  it('cannot send the token to another origin: the CSP blocks requests and images elsewhere', async () => {
    const watched = await watchedContext(browser, [e2e.url, e2e.allowedOrigin]);
    const page = await watched.newPage();
    // Chromium reports a request it refused by CSP as a request that failed; none may get an answer.
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(e2e.url)) elsewhere.push(request.url());
    });
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    const answered: string[] = [];
    page.on('response', (response) => {
      if (!response.url().startsWith(e2e.url)) answered.push(response.url());
    });
    await page.goto(`${e2e.url}/dashboard`);
    await signIn(page);
    await settled(page);
    // Script running in the page (as injected code would) tries a fetch and an image to another origin that would answer.
    const outcome = await page.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const token = sessionStorage.getItem('crosswalk.dashboardToken');
      const fetched = await fetch(${JSON.stringify(e2e.allowedOrigin)} + '/?t=' + token).then(() => 'sent', (error) => error.name);
      const image = await new Promise((resolve) => { const img = new Image(); img.onload = () => resolve('loaded'); img.onerror = () => resolve('blocked'); img.src = ${JSON.stringify(e2e.allowedOrigin)} + '/?t=' + token; });
      // The violation events are dispatched asynchronously: wait for both, or 10 s at most (the
      // assertion below then names what is missing).
      if (violations.length < 2) {
        await new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', () => violations.length >= 2 && resolve());
          setTimeout(resolve, 10000);
        });
      }
      return { fetched, image, violations };
    })()`);
    expect(outcome).toEqual({ fetched: 'TypeError', image: 'blocked', violations: ['connect-src', 'img-src'] });
    expect(answered).toEqual([]);
    expect(failed).toEqual(elsewhere.map((url) => `${url} csp`));
    // The violations are logged to the console by Chromium: expected here, not a problem of the page.
    watched.problems.splice(0);
    await watched.context.close();
  });
});
