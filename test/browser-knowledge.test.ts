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
  let services: ReturnType<typeof createServices>;
  let plantId: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    services = createServices(database);
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'CERT', level: 'national', parentId: null });
    plantId = (await services.orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: root.id })).id;
    await services.users.create(op, { username: 'plant', orgId: plantId, role: 'analyst', password: PASSWORD });
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

  it('uploads a document as the organisation’s own submission with the marking chosen in the form', async () => {
    const page = await loginPage(browser, base, 'plant', PASSWORD);
    await page.goto(`${base}/knowledge/imports`);
    const form = page.locator('[data-testid="import-upload"]');
    await expect.poll(() => form.count(), wait).toBe(1);
    const osv = { id: 'OSV-PLANT-0001', modified: '2026-11-01T00:00:00Z', summary: 'Pump controller accepts unauthenticated writes', affected: [{ package: { name: 'pump-controller', ecosystem: 'Plant' } }] };
    await page.setInputFiles('#import-file', { name: 'finding.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(osv)) });
    await page.selectOption('#import-tlp', 'green');
    await page.locator('input[name="sharedUpward"]').uncheck();
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('[data-testid="import-report"]').textContent(), wait).toMatch(/Imported finding\.json/);
    const plantPath = (await services.orgs.get(systemActor('t'), plantId)).path;
    const record = await services.knowledge.get({ kind: 'user', userId: null, username: 'plant', orgId: plantId, orgPath: plantPath, role: 'analyst' }, 'OSV-PLANT-0001');
    expect(record).toMatchObject({ tlp: 'green', lifecycle: 'collected' });
    // GREEN would travel upward, but the form said not to share it: the national analyst finds nothing.
    const national = await loginPage(browser, base, 'analyst', PASSWORD);
    await national.goto(`${base}/knowledge`);
    await national.fill('input[name="q"]', 'Pump controller');
    await national.press('input[name="q"]', 'Enter');
    await expect.poll(() => national.locator('[data-testid="kb-results"]').textContent(), wait).toMatch(/No vulnerabilities match/);
    await national.close();
    await page.close();
  });
});
