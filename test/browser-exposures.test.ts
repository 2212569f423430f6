import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/platform/access.js';
import { createServices } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/test-backends.js';
import { expectNoAxeViolations, launchChromium, loginPage, wait, webDir } from './support/browser.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PASSWORD = 'browser test password';

// A plant analyst in Chromium: which of my assets are exposed to known-exploited vulnerabilities
// (one click), "unknown" apart from "affected", and a match rejected or confirmed with a comment
// that stays so when the knowledge base is correlated again.
describe('exposures in Chromium', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let services: ReturnType<typeof createServices>;
  let tmId: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    services = createServices(database);
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'CERT', level: 'national', parentId: null });
    const plant = await services.orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: root.id });
    await services.users.create(op, { username: 'plant', orgId: plant.id, role: 'analyst', password: PASSWORD });
    await services.users.create(op, { username: 'reader', orgId: plant.id, role: 'viewer', password: PASSWORD });
    for (const f of ['csaf/OT/2024/icsa-24-102-01.json', 'csaf/OT/2024/icsa-24-074-05.json', 'csaf/OT/2024/icsa-24-074-11.json', 'kev/known_exploited_vulnerabilities.json']) {
      await services.knowledge.importFrom(op, `${data}${f}`);
    }
    tmId = (await services.assets.create(op, { name: 'Line 3 TM MFP', vendor: 'Siemens', model: 'SIMATIC S7-1500 TM MFP', firmwareVersion: 'V1.0', orgId: plant.id })).id;
    await services.assets.create(op, { name: 'Jump host APE1808', vendor: 'Siemens', model: 'RUGGEDCOM APE1808', firmwareVersion: null, orgId: plant.id });
    await services.assets.create(op, { name: 'Line 3 CPU', vendor: 'Siemens', model: 'SIMATIC S7-1500 CPU 1516-3 PN/DP', firmwareVersion: 'V2.9.4', orgId: plant.id });
    app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
  });

  const login = (who = 'plant'): Promise<Page> => loginPage(browser, base, who, PASSWORD);
  const table = (page: Page) => page.locator('[data-testid="exposures-table"]');

  it('lists exposures across assets, known-exploited only in one click, unknown apart from affected', async () => {
    const page = await login();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`${base}/exposures`);
    await expect.poll(() => table(page).textContent(), wait).toContain('Line 3 TM MFP');
    // The CPU shares the S7-1500 number with the TM MFP but not its CVEs.
    expect(await table(page).textContent()).not.toContain('Line 3 CPU');
    await page.getByTestId('exposures-kev-only').click();
    await page.waitForURL(/kev=true/, wait);
    await expect.poll(() => table(page).textContent(), wait).toContain('Jump host APE1808');
    const rows = table(page).locator('tbody tr');
    await expect.poll(() => rows.count(), wait).toBeGreaterThan(0);
    const texts = await rows.allTextContents();
    expect(texts.every((t) => t.includes('KEV') && t.includes('Jump host APE1808'))).toBe(true);
    // Unknown verdicts are their own tab, with their own count.
    const unknownTab = page.getByTestId('exposures-tab-unknown');
    expect(await unknownTab.textContent()).toMatch(/Unknown \(\d+\)/);
    await expectNoAxeViolations(page, 'exposures page at 1024 px');
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectNoAxeViolations(page, 'exposures page at 1440 px');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('rejects a match with a comment; it stays rejected, shown apart, after recorrelation', async () => {
    const page = await login();
    await page.goto(`${base}/exposures?q=`);
    const row = table(page).locator('tbody tr', { hasText: 'Line 3 TM MFP' }).first();
    await expect.poll(() => row.count(), wait).toBe(1);
    const cve = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
    expect(cve).toMatch(/^CVE-/);
    await row.getByRole('button', { name: `Reject ${cve} for Line 3 TM MFP` }).click();
    const dialog = page.getByTestId('exposure-decision-dialog');
    await dialog.getByRole('button', { name: 'Reject match' }).click();
    await expect.poll(() => dialog.textContent(), wait).toContain('Say why');
    await dialog.getByLabel('Comment').fill('the module here runs without the Linux subsystem');
    await dialog.getByRole('button', { name: 'Reject match' }).click();
    await expect.poll(() => dialog.count(), wait).toBe(0);
    await expect.poll(() => table(page).locator('tbody tr', { hasText: cve }).count(), wait).toBe(0);
    await services.knowledge.correlate(systemActor('test'));
    await page.getByTestId('exposures-tab-rejected').click();
    await expect.poll(() => table(page).textContent(), wait).toContain(cve);
    expect(await table(page).textContent()).toContain('Rejected by plant');
    await expectNoAxeViolations(page, 'rejected exposures');
    await page.close();
  });

  it('confirms a match on the asset page; a viewer sees decisions but cannot take them', async () => {
    const page = await login();
    await page.goto(`${base}/assets`);
    const assetRow = page.locator('[data-testid="assets-table"] tbody tr', { hasText: 'Line 3 TM MFP' });
    await expect.poll(() => assetRow.count(), wait).toBe(1);
    await assetRow.click();
    const panel = page.locator('[data-testid="asset-exposure"]');
    await expect.poll(() => panel.textContent(), wait).toContain('1 rejected');
    const affected = panel.getByTestId('exposure-group-affected');
    await expect.poll(() => affected.locator('li.exposure').count(), wait).toBe(7);
    expect(await affected.textContent()).toMatch(/matched because/);
    expect(await panel.getByTestId('exposure-group-rejected').textContent()).toContain('the module here runs without the Linux subsystem');
    const first = affected.locator('li.exposure').first();
    await first.getByRole('button', { name: /^Confirm / }).click();
    const dialog = page.getByTestId('exposure-decision-dialog');
    await dialog.getByLabel('Comment').fill('firmware checked on site');
    await dialog.getByRole('button', { name: 'Confirm match' }).click();
    await expect.poll(() => affected.textContent(), wait).toContain('Confirmed by plant');
    await expectNoAxeViolations(page, 'asset exposure panel');
    await page.close();

    const reader = await login('reader');
    await reader.goto(`${base}/exposures`);
    await expect.poll(() => table(reader).textContent(), wait).toContain('Confirmed by plant');
    expect(await table(reader).getByRole('button', { name: /^(Confirm|Reject) / }).count()).toBe(0);
    await reader.close();
    const stored = await services.knowledge.exposures.forAsset(systemActor('test'), tmId, { decision: 'any', limit: 20 });
    expect(stored.counts).toMatchObject({ confirmed: 1, rejected: 1 });
  });
});
