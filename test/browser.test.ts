import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import type { TestDatabase } from '../src/storage/test-backends.js';
import { openSection, startConsole, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'browser test password';

// A person in real headless Chromium: log in, open the assets page, create an asset, see it listed.
describe('web console in Chromium', () => {
  let server: ConsoleServer;
  let database: TestDatabase;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
      const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
      await services.users.create(op, { username: 'engineer', displayName: 'Plant Engineer', orgId: plant.id, role: 'analyst', password: PASSWORD });
      await services.users.create(op, { username: 'boss', orgId: plant.id, role: 'viewer', password: PASSWORD });
      await services.users.create(op, { username: 'chief', orgId: root.id, role: 'admin', password: PASSWORD });
    });
    ({ database, browser, base } = server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('logs in, opens the assets page, creates an asset and sees it listed', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(`${base}/assets`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name="username"]', 'engineer');
    await page.fill('input[name="password"]', 'wrong password here');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.textContent('body'), { timeout: 20_000 }).toMatch(/wrong username or password/i);

    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/assets$/, { timeout: 20_000 });
    await expect.poll(() => page.textContent('body'), { timeout: 20_000 }).toMatch(/No assets yet/i);

    await page.getByRole('button', { name: 'New asset' }).first().click();
    await page.fill('input[name="name"]', 'Browser-PLC-01');
    await page.fill('input[name="ip"]', '10.77.0.1');
    await page.fill('input[name="vendor"]', 'Siemens');
    await page.fill('input[name="model"]', 'S7-1500');
    await page.fill('input[name="firmwareVersion"]', 'V3.0.1');
    await page.selectOption('select[name="criticality"]', 'critical');
    await page.getByTestId('asset-drawer').getByRole('button', { name: 'Save', exact: true }).click();

    const table = page.locator('[data-testid="assets-table"]');
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('Browser-PLC-01');
    const row = table.locator('tr', { hasText: 'Browser-PLC-01' });
    expect(await row.textContent()).toMatch(/10\.77\.0\.1/);
    expect(await row.textContent()).toMatch(/Siemens/);

    // Reload: it came from the server, not just the page's memory.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="assets-table"]').textContent(), { timeout: 20_000 }).toContain('Browser-PLC-01');
    const stored = await database.db.selectFrom('assets').select(['name', 'criticality', 'created_by']).execute();
    expect(stored).toEqual([{ name: 'Browser-PLC-01', criticality: 'critical', created_by: 'engineer' }]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('shows field errors from the server instead of saving bad input', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="username"]', 'engineer');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/assets`);
    await page.getByRole('button', { name: 'New asset' }).first().click();
    await page.fill('input[name="name"]', 'Bad-IP-asset');
    await page.fill('input[name="ip"]', '10.0.0.999');
    await page.getByTestId('asset-drawer').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.textContent('body'), { timeout: 20_000 }).toMatch(/not an IPv4 or IPv6 address/);
    expect(await database.db.selectFrom('assets').select('name').where('name', '=', 'Bad-IP-asset').execute()).toEqual([]);
    await page.close();
  });

  it('hides write actions from a viewer', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="username"]', 'boss');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/assets`);
    await expect.poll(() => page.locator('[data-testid="assets-table"]').textContent(), { timeout: 20_000 }).toContain('Browser-PLC-01');
    expect(await page.getByRole('button', { name: 'New asset' }).count()).toBe(0);
    await page.close();
  });

  it('gives an admin the organisations, users and audit log pages', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="username"]', 'chief');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await openSection(page, 'Admin');
    await expect.poll(() => page.locator('[data-testid="organisations-table"]').textContent(), { timeout: 20_000 }).toContain('Test Water Works');
    await expect.poll(() => page.locator('[data-testid="users-table"]').textContent(), { timeout: 20_000 }).toContain('engineer');
    await openSection(page, 'Audit log');
    await expect.poll(() => page.locator('[data-testid="audit-table"]').textContent(), { timeout: 20_000 }).toContain('asset.create');
    expect(await page.locator('[data-testid="audit-table"]').textContent()).toContain('engineer');
    await page.close();
  });
});
