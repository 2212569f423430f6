// Browser-test support: Chromium as CI installs it, the built console, and logging in as a person does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices, type Services } from '../../src/services.js';
import { createTestDatabase, type TestDatabase } from '../../src/storage/test-backends.js';

export const CHROMIUM = '/usr/bin/chromium';
// BULWARK_WEB_DIR: a console built elsewhere, so a run is not disturbed by another build of dist/web.
export const webDir = process.env['BULWARK_WEB_DIR'] ?? join(import.meta.dirname, '../../dist/web');
/** Waits in the browser: generous, the machine is small and shared with other suites. */
export const wait = { timeout: 20_000 };

/** Headless Chromium; fails (never skips) when it or the built console is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('dist/web is missing: run npm run build first (npm test does)');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A new page logged in through the login form. */
export async function loginPage(browser: Browser, base: string, username: string, password: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), wait);
  return page;
}

/**
 * Ticks a checkbox whose state lives in the URL: the router commits the change a moment after the
 * click, so Playwright's check(), which looks right after clicking, can see it unchanged.
 */
export async function tick(checkbox: Locator): Promise<void> {
  await checkbox.click();
  await expect.poll(() => checkbox.isChecked(), wait).toBe(true);
}

/** Opens a main-navigation section: its link when it fits in the top bar, else through "More". */
export async function openSection(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: label, exact: true });
  if ((await link.count()) > 0 && (await link.isVisible())) {
    await link.click();
    return;
  }
  await nav.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
}

interface AxeViolationSummary {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

// Runs in the page (the test project has no DOM types, so the browser side is plain text).
const runAxe = `(async () => {
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target) + ' ' + ((n.any[0] || n.all[0] || {}).message || '')) }));
})()`;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails with each violation
 * and where it is. Evaluated through the debugging protocol, so the console's CSP does not block it.
 */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(axe.source);
  const violations = await page.evaluate<AxeViolationSummary[]>(runAxe);
  const report = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${v.targets.join(', ')}`);
  expect(report, `axe violations on ${what}`).toEqual([]);
}

const findScrollBoxes = `(() => {
  const found = [];
  const root = document.scrollingElement || document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) found.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);
  for (const el of document.querySelectorAll('main *')) {
    const style = getComputedStyle(el);
    const scrollsY = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const scrollsX = /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const cutX = /(hidden|clip)/.test(style.overflowX) && el.querySelector('table') !== null && el.scrollWidth > el.clientWidth + 1;
    if (scrollsY || scrollsX || cutX) {
      found.push(el.tagName.toLowerCase() + '.' + String(el.className).replaceAll(' ', '.') + (scrollsY ? ' scrolls' : scrollsX ? ' scrolls sideways' : ' cuts its table') + ' (' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' + el.clientWidth + 'x' + el.clientHeight + ')');
    }
  }
  return found;
})()`;

/**
 * One scrollbar per page: the document does not scroll sideways, and nothing inside <main> is a scroll
 * box holding more than it shows, nor cuts a table off. Returns what offends, for a readable failure.
 */
export function innerScrollBoxes(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(findScrollBoxes);
}

export interface ConsoleServer {
  readonly base: string;
  readonly services: Services;
  readonly database: TestDatabase;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** A PGlite database seeded by `seed`, the API serving the built console on a free port, and Chromium. */
export async function startConsole(seed: (services: Services) => Promise<void>): Promise<ConsoleServer> {
  const database = await createTestDatabase('pglite');
  const services = createServices(database);
  await seed(services);
  const app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  return {
    base,
    services,
    database,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await database.dispose();
    },
  };
}
