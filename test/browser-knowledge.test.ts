import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { systemActor, type Actor } from '../src/platform/access.js';
import { createServices } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/test-backends.js';
import { launchChromium, loginPage, wait, webDir } from './support/browser.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PASSWORD = 'browser test password';

// A person in Chromium: search the knowledge base, open a vulnerability, see its sources; see an asset's exposure.
describe('knowledge console in Chromium', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let assetName: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const services = createServices(database);
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'CERT', level: 'national', parentId: null });
    const user = await services.users.create(op, { username: 'analyst', displayName: 'CERT Analyst', orgId: root.id, role: 'analyst', password: PASSWORD });
    await services.knowledge.importFrom(op, `${data}csaf/OT/2024/icsa-24-065-01.json`);
    await services.knowledge.importFrom(op, `${data}cve5/CVE-2019-7256.json`);
    await services.knowledge.importFrom(op, `${data}nvd2/CVE-2019-7256.json`);
    const actor: Actor = { kind: 'user', userId: user.id, username: 'analyst', orgId: root.id, orgPath: root.path, role: 'analyst' };
    assetName = 'Gatehouse door controller';
    await services.assets.create(actor, { name: assetName, vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-06' });
    app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
  });

  const login = (): Promise<Page> => loginPage(browser, base, 'analyst', PASSWORD);

  it('searches, opens a vulnerability and shows its sources side by side', async () => {
    const page = await login();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/knowledge`);
    await page.fill('input[name="q"]', 'eMerge');
    await page.press('input[name="q"]', 'Enter');
    const results = page.locator('[data-testid="kb-results"]');
    await expect.poll(() => results.textContent(), wait).toContain('CVE-2019-7256');
    await results.getByText('CVE-2019-7256').first().click();
    await page.waitForURL(/\/knowledge\/vulnerabilities\//, wait);
    await expect.poll(() => page.locator('[data-testid="vuln-title"]').textContent(), wait).toMatch(/eMerge|CVE-2019-7256/);
    const sources = page.locator('[data-testid="sources-table"]');
    await expect.poll(() => sources.textContent(), wait).toMatch(/CSAF/);
    expect(await sources.textContent()).toMatch(/NVD/);
    expect(await page.locator('[data-testid="vuln-page"]').textContent()).toMatch(/critical/i);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the asset exposure panel with the matching vulnerability', async () => {
    const page = await login();
    await page.goto(`${base}/assets`);
    const row = page.locator('[data-testid="assets-table"] tbody tr', { hasText: assetName });
    await expect.poll(() => row.count(), wait).toBe(1);
    await row.click();
    const panel = page.locator('[data-testid="asset-exposure"]');
    await expect.poll(() => panel.textContent(), wait).toContain('CVE-2019-7256');
    await page.close();
  });
});
