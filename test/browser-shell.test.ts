// The console's shell in Chromium: navigation at 1024 and 1440 px, one scrollbar per page, one load
// state at a time, human form messages, the overview's requests, the audit log, tables, theme,
// shortcuts, and axe-core (WCAG 2 A/AA) on each page the shell owns.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { expectNoAxeViolations, innerScrollBoxes, loginPage, openSection, startConsole, wait, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'shell test password';
const widths = [1024, 1440] as const;
const navLabels = ['Overview', 'Assets', 'Exposures', 'Knowledge base', 'Intelligence', 'Events', 'Captures', 'Sources', 'Situation', 'Response', 'Governance', 'Admin', 'Audit log'];

describe('console shell in Chromium', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let base: string;
  let assetId = '';

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Provincial Industrial CERT of the Northern Region', level: 'national', parentId: null });
      const plant = await services.orgs.create(op, { name: 'Riverside Water Works', level: 'enterprise', parentId: root.id });
      await services.users.create(op, { username: 'chief', displayName: 'Chief Administrator With A Long Name', orgId: root.id, role: 'admin', password: PASSWORD });
      await services.users.create(op, { username: 'operator', orgId: plant.id, role: 'analyst', password: PASSWORD });
      // Enough rows that a table in a box of its own would scroll inside it, and long values that would widen it.
      for (let i = 0; i < 45; i++) {
        const asset = await services.assets.create(op, {
          orgId: root.id,
          name: `Station-${String(i).padStart(2, '0')}-Pumping-Main-Controller-With-A-Long-Descriptive-Name`,
          zone: 'Level 1 — Basic control, north treatment train',
          ip: `10.20.${i}.1`,
          vendor: 'Schneider Electric',
          model: 'Modicon M580 BMEP584040',
          firmwareVersion: 'SV3.20 build 2024-05-11',
          criticality: i % 4 === 0 ? 'critical' : 'medium',
        });
        if (i === 0) assetId = asset.id;
      }
    });
    ({ browser, base } = server);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  const asChief = () => loginPage(browser, base, 'chief', PASSWORD);

  /** True when the element's box lies inside the main navigation's box, which lies inside the window. */
  async function shownInNav(page: Page, label: string): Promise<boolean> {
    const nav = page.getByRole('navigation', { name: 'Main' });
    const link = nav.getByRole('link', { name: label, exact: true });
    if ((await link.count()) === 0) return false;
    const [box, navBox, width] = await Promise.all([link.boundingBox(), nav.boundingBox(), page.evaluate<number>('window.innerWidth')]);
    if (box === null || navBox === null) return false;
    return box.x >= navBox.x - 0.5 && box.x + box.width <= navBox.x + navBox.width + 0.5 && navBox.x + navBox.width <= width + 0.5;
  }

  for (const width of widths) {
    it(`reaches every section from the top bar at ${width} px, without wrapping it`, async () => {
      const page = await asChief();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: 'Overview' }).waitFor(wait);
      const inBar: string[] = [];
      for (const label of navLabels) if (await shownInNav(page, label)) inBar.push(label);
      const rest = navLabels.filter((l) => !inBar.includes(l));
      if (rest.length > 0) {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'More' }).click();
        const menu = page.getByRole('menu');
        for (const label of rest) await expect.poll(() => menu.getByRole('menuitem', { name: label, exact: true }).isVisible(), wait).toBe(true);
        await page.keyboard.press('Escape');
      }
      // The bar holds what fits beside the search and the account menu; the rest is one click away.
      expect(inBar.length).toBeGreaterThanOrEqual(width === 1440 ? 7 : 4);
      const bar = await page.locator('header.topbar').boundingBox();
      expect(bar?.height).toBeLessThanOrEqual(60);
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      // Every section opens, through the bar or through "More".
      for (const [label, path] of [['Audit log', '/audit'], ['Governance', '/governance']] as const) {
        await openSection(page, label);
        await page.waitForURL((u) => u.pathname === path, wait);
      }
      await page.close();
    });

    it(`keeps wide tables in the page's one scrollbar at ${width} px (audit log, assets, admin)`, async () => {
      const page = await asChief();
      await page.setViewportSize({ width, height: 800 });
      for (const [path, table] of [['/audit', 'audit-table'], ['/assets', 'assets-table'], ['/admin', 'users-table']] as const) {
        await page.goto(`${base}${path}`);
        await expect.poll(() => page.locator(`[data-testid="${table}"] tbody tr`).count(), wait).toBeGreaterThan(0);
        expect(await innerScrollBoxes(page), `${path} at ${width} px`).toEqual([]);
        // Not cut either: the table's right edge is inside the window.
        const box = await page.locator(`[data-testid="${table}"]`).boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0), `${path} table edge at ${width} px`).toBeLessThanOrEqual(width);
      }
      await page.close();
    });
  }

  it('shows one state at a time when a request fails: the banner, no "Loading…", no empty state', async () => {
    const page = await asChief();
    const failure = { status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'internal error; the server log has the details', details: [] } }) };
    await page.route('**/api/v1/audit**', (route) => route.fulfill(failure));
    await page.route('**/api/v1/users', (route) => route.fulfill(failure));
    await page.route('**/api/v1/kb/vendors/**', (route) => route.fulfill(failure));
    const pages = [
      ['/audit', /audit log is empty|No entries match/],
      ['/admin', /No users yet|No organisations visible/],
      ['/knowledge/vendors/siemens', /No products match/],
    ] as const;
    for (const [path, empty] of pages) {
      await page.goto(`${base}${path}`);
      await expect.poll(() => page.getByRole('alert').first().textContent(), wait).toMatch(/internal error/);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main, path).not.toMatch(/Loading…/);
      expect(main, path).not.toMatch(empty);
    }
    await page.close();
  });

  it('speaks in sentences on forms, not in validator texts', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('form').textContent(), wait).toMatch(/Enter your username\./);
    expect(await page.locator('#username').getAttribute('aria-invalid')).toBe('true');
    await page.close();

    const admin = await asChief();
    await admin.goto(`${base}/admin`);
    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByTestId('user-dialog');
    await dialog.locator('input[name="password"]').fill('short');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => dialog.textContent(), wait).toMatch(/Enter a username\./);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toMatch(/At least 12 characters/);
    expect(text).not.toMatch(/Too small|Invalid input|expected string/);
    // Fixing the field clears its message as the person types.
    await dialog.locator('input[name="username"]').fill('new.engineer');
    await expect.poll(() => dialog.textContent(), wait).not.toMatch(/Enter a username/);
    await admin.close();
  });

  it('counts the overview with one request per figure and shows the modules as they are', async () => {
    const login = await asChief();
    // Login lands on the overview too: a second window with the same session counts only its own load.
    const context = await browser.newContext({ storageState: await login.context().storageState() });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) requests.push(`${r.method()} ${url.pathname}${url.search}`);
    });
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('count-total').textContent(), wait).toBe('45');
    await expect.poll(() => page.getByTestId('module-status').textContent(), wait).toMatch(/vulnerabilities you may see/);
    expect(await page.getByTestId('count-critical').textContent()).toBe('12');
    const assetReads = requests.filter((r) => r.startsWith('GET /api/v1/assets'));
    expect(assetReads, requests.join('\n')).toEqual(['GET /api/v1/assets/summary']);
    expect(requests.length).toBe(new Set(requests).size);
    const body = (await page.textContent('main')) ?? '';
    expect(body).not.toMatch(/as they ship|will correlate/);
    await expectNoAxeViolations(page, 'overview');
    await context.close();
    await login.close();
  });

  it('reads the audit log as sentences with targets linked by name and whole ids', async () => {
    const page = await asChief();
    await page.goto(`${base}/audit`);
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent(), wait).toContain('asset.create');
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(/\{"/);
    // A created asset is named and linked to its own page with its whole id.
    const link = table.getByRole('link', { name: /^Station-00-/ }).first();
    expect(await link.getAttribute('href')).toBe(`/assets/${assetId}`);
    expect(text).toContain(assetId);
    // No cell cuts an id short with an ellipsis.
    const clipped = await page.evaluate<number>(
      `Array.from(document.querySelectorAll('[data-testid="audit-table"] td')).filter((td) => td.scrollWidth > td.clientWidth + 1).length`,
    );
    expect(clipped).toBe(0);
    await expectNoAxeViolations(page, 'audit log');
    await page.close();
  });

  it('sorts by header, chooses columns and exports the rows as CSV', async () => {
    const page = await asChief();
    await page.goto(`${base}/audit`);
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.locator('tbody tr').count(), wait).toBeGreaterThan(10);
    const actionHeader = table.locator('th', { hasText: 'Action' });
    expect(await actionHeader.getAttribute('aria-sort')).toBe('none');
    await actionHeader.getByRole('button').click();
    expect(await actionHeader.getAttribute('aria-sort')).toBe('ascending');
    const actions = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(actions).toEqual([...actions].sort((a, b) => a.localeCompare(b)));
    await actionHeader.getByRole('button').click();
    expect(await actionHeader.getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: /Choose columns of Audit log/ }).click();
    await page.getByRole('menuitemcheckbox', { name: 'IP' }).click();
    await page.keyboard.press('Escape');
    expect(await table.locator('th', { hasText: /^IP$/ }).count()).toBe(0);
    // Remembered: the column stays hidden after a reload.
    await page.reload();
    await expect.poll(() => table.locator('tbody tr').count(), wait).toBeGreaterThan(10);
    expect(await table.locator('th', { hasText: /^IP$/ }).count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download', wait), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Time,Actor,Organisation,Action,Target,Details');
    expect(lines.length - 1).toBe(await table.locator('tbody tr').count());
    expect(csv).toContain('asset.create');
    await page.close();
  });

  it('remembers a dark theme, follows the system preference, and stays accessible in it', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    expect(await page.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('dark');
    await context.close();

    const light = await asChief();
    await light.goto(`${base}/`);
    expect(await light.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('light');
    await light.getByTestId('theme-toggle').click();
    expect(await light.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('dark');
    await light.reload();
    await expect.poll(() => light.getByTestId('count-total').textContent(), wait).toBe('45');
    expect(await light.evaluate<string | undefined>('document.documentElement.dataset.theme')).toBe('dark');
    expect(await light.getByTestId('theme-toggle').getAttribute('aria-pressed')).toBe('true');
    await expectNoAxeViolations(light, 'overview, dark');
    await light.getByTestId('theme-toggle').click();
    await light.close();
  });

  it('answers keyboard shortcuts: g then a letter opens a section, ? lists them', async () => {
    const page = await asChief();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor(wait);
    await page.keyboard.press('g');
    await page.keyboard.press('l');
    await page.waitForURL((u) => u.pathname === '/audit', wait);
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await page.waitForURL((u) => u.pathname === '/', wait);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor(wait);
    expect(await dialog.textContent()).toMatch(/Open Audit log/);
    await expectNoAxeViolations(page, 'shortcuts dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), wait).toBe(0);
    // Typing in a field is typing, not a shortcut.
    await page.goto(`${base}/audit`);
    await page.getByLabel('Filter by action').fill('g');
    await page.getByLabel('Filter by action').press('a');
    expect(new URL(page.url()).pathname).toBe('/audit');
    await page.close();
  });

  it('passes axe-core on the login, admin, planned-module and not-found pages', async () => {
    const anonymous = await browser.newPage();
    await anonymous.goto(`${base}/login`);
    await anonymous.getByRole('button', { name: 'Log in' }).waitFor(wait);
    await expectNoAxeViolations(anonymous, 'login');
    await anonymous.close();

    const page = await asChief();
    for (const [path, ready] of [['/admin', 'users-table'], ['/situation', 'planned-module'], ['/no-such-page', null]] as const) {
      await page.goto(`${base}${path}`);
      if (ready === null) await page.getByRole('heading', { name: 'Page not found' }).waitFor(wait);
      else await expect.poll(() => page.getByTestId(ready).count(), wait).toBeGreaterThan(0);
      if (ready === 'users-table') await expect.poll(() => page.getByTestId(ready).textContent(), wait).toContain('operator');
      await expectNoAxeViolations(page, path);
    }
    await page.goto(`${base}/admin`);
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByTestId('user-dialog').waitFor(wait);
    await expectNoAxeViolations(page, 'new user dialog');
    await page.close();
  });
});
