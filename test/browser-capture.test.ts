import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { systemActor, type Actor } from '../src/platform/access.js';
import { createServices, defaultServiceOptions } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/test-backends.js';
import { launchChromium, loginPage, tick, wait, webDir } from './support/browser.js';

const pcap = fileURLToPath(new URL('../../shared/data/pcaps/modbus/modbus_test_data_part1.pcap', import.meta.url));
const PASSWORD = 'browser test password';

// A person in Chromium: upload a Modbus capture, follow the analysis, read inventory, map and operations.
describe('capture console in Chromium', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let spoolDir: string;
  let jobPath: string;

  beforeAll(async () => {
    spoolDir = await mkdtemp(join(tmpdir(), 'bulwark-browser-capture-'));
    database = await createTestDatabase('pglite');
    const services = createServices(database, { ...defaultServiceOptions, captureLimit: 1 << 22, spoolDir });
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
    const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
    const engineer = await services.users.create(op, { username: 'engineer', displayName: 'Plant Engineer', orgId: plant.id, role: 'analyst', password: PASSWORD });
    await services.users.create(op, { username: 'boss', orgId: plant.id, role: 'viewer', password: PASSWORD });
    // Someone typed a wrong MAC for the PLC: discovery must flag it, not overwrite it.
    const actor: Actor = { kind: 'user', userId: engineer.id, username: 'engineer', orgId: plant.id, orgPath: plant.path, role: 'analyst' };
    await services.assets.create(actor, { name: 'Pump PLC', ip: '10.0.0.3', mac: 'aa:aa:aa:aa:aa:aa', vendor: 'Acme' });
    app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
    if (spoolDir !== undefined) await rm(spoolDir, { recursive: true, force: true });
  });

  const login = (username: string): Promise<Page> => loginPage(browser, base, username, PASSWORD);

  it('uploads a capture through the page and follows its analysis to the end', async () => {
    const page = await login('engineer');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/capture`);
    await expect.poll(() => page.textContent('body'), wait).toMatch(/No captures analysed yet/);

    await page.setInputFiles('input[name="captureFile"]', pcap);
    expect(await page.inputValue('input[name="name"]')).toBe('modbus_test_data_part1.pcap');
    await page.getByRole('button', { name: 'Upload and analyse' }).click();

    const row = page.locator('[data-testid="capture-jobs-table"] tbody tr', { hasText: 'modbus_test_data_part1.pcap' });
    await expect.poll(() => row.count(), wait).toBe(1);
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status'), wait).toBe('finished');
    expect(await row.textContent()).toMatch(/Modbus\/TCP/);
    expect(await row.textContent()).toContain('118');

    await row.getByRole('link', { name: 'modbus_test_data_part1.pcap' }).click();
    await page.waitForURL(/\/capture\/[0-9a-f-]+$/, wait);
    jobPath = new URL(page.url()).pathname;
    await expect.poll(() => page.locator('[data-testid="stat-frames"]').textContent(), wait).toContain('118');
    await expect.poll(() => page.locator('[data-testid="protocol-chart"] canvas').count(), wait).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the discovered PLC in the inventory, with its role and evidence', async () => {
    const page = await login('engineer');
    await page.goto(`${base}${jobPath}`);
    await page.locator('[data-testid="job-tabs"]').getByRole('tab', { name: /Inventory/ }).click();
    const plc = page.locator('[data-testid="hosts-table"] tr[data-host="10.0.0.3"]');
    await expect.poll(() => plc.count(), wait).toBe(1);
    expect(await plc.getAttribute('data-role')).toBe('plc');
    expect(await plc.textContent()).toMatch(/PLC/);
    expect(await plc.textContent()).toContain('00:02:b3:ce:70:51');
    expect(await plc.getByRole('link', { name: 'Open asset' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Show details of 10.0.0.3' }).click();
    const details = page.locator('[data-testid="host-details"][data-host="10.0.0.3"]');
    await expect.poll(() => details.textContent(), wait).toMatch(/serves modbus on port 502/);
    expect(await details.textContent()).toMatch(/MAC vendor/);
    await page.close();
  });

  it('draws the communications map and lists the pairs', async () => {
    const page = await login('engineer');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${jobPath}?view=communications`);
    await expect.poll(() => page.locator('[data-testid="comm-graph"] canvas').count(), wait).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="graph-count"]').textContent(), wait).toMatch(/hosts · \d+ links/);
    const pairs = page.locator('[data-testid="communications-table"]');
    await expect.poll(() => pairs.textContent(), wait).toContain('10.0.0.3');
    expect(await pairs.textContent()).toMatch(/tcp\/502/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists Modbus operations in time order and filters them by operation class', async () => {
    const page = await login('engineer');
    await page.goto(`${base}${jobPath}`);
    await page.locator('[data-testid="job-tabs"]').getByRole('tab', { name: /Operations/ }).click();
    const table = page.locator('[data-testid="operations-table"]');
    await expect.poll(() => table.textContent(), wait).toContain('Read Coils');
    expect(await table.textContent()).toContain('Modbus/TCP');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('[data-testid="ops-histogram"] canvas').count(), wait).toBeGreaterThan(0);
    // Writes and run-state changes stand out from the reads.
    expect(await table.locator('tbody tr.op-risk-change').count()).toBeGreaterThan(0);
    expect(await table.locator('tbody tr.op-risk-control').count()).toBeGreaterThan(0);

    await tick(page.locator('[data-testid="op-classes"] input[value="write"]'));
    await page.waitForURL(/operation=write/, wait);
    await expect.poll(async () => (await table.locator('tbody tr').allTextContents()).every((t) => t.includes('Write')), wait).toBe(true);
    const writes = await table.locator('tbody tr').allTextContents();
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.some((t) => t.includes('Write Single Coil'))).toBe(true);
    expect(await table.locator('tbody tr.op-is-read').count()).toBe(0);

    // A second class widens the selection; the URL keeps it for a reload.
    await tick(page.locator('[data-testid="op-classes"] input[value="read"]'));
    await expect.poll(() => table.textContent(), wait).toContain('Read Coils');
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="op-classes"] input[value="write"]').isChecked(), wait).toBe(true);
    await expect.poll(async () => (await table.locator('tbody tr').allTextContents()).every((t) => /Read|Write/.test(t)), wait).toBe(true);
    expect(await table.locator('tbody tr.op-is-discovery').count()).toBe(0);
    await page.close();
  });

  it('shows what discovery disagrees with on the asset', async () => {
    const page = await login('engineer');
    await page.goto(`${base}/assets`);
    const row = page.locator('[data-testid="assets-table"] tbody tr', { hasText: 'Pump PLC' });
    await expect.poll(() => row.count(), wait).toBe(1);
    await row.click();
    const conflicts = page.locator('[data-testid="discovery-conflicts"]');
    await expect.poll(() => conflicts.textContent(), wait).toContain('00:02:b3:ce:70:51');
    expect(await conflicts.textContent()).toContain('aa:aa:aa:aa:aa:aa');
    await page.close();
  });

  it('adds a fingerprint rule, shows the server’s validation errors, and deletes it', async () => {
    const page = await login('engineer');
    await page.goto(`${base}/capture/fingerprints`);
    const table = page.locator('[data-testid="rules-table"]');
    await expect.poll(() => table.textContent(), wait).toContain('s7.server');

    await page.fill('textarea[name="rule"]', '{ "id": "Bad Id", "name": "x", "when": {}, "then": { "vendor": "ACME" }, "confidence": 2 }');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('[data-testid="error-details"]').textContent(), wait).toMatch(/confidence/);

    await page.fill('textarea[name="rule"]', '{ "id": "test.wingpath", "name": "Wingpath simulator", "when": { "attribute": "product", "prefix": "Wingpath" }, "then": { "vendor": "Wingpath", "deviceType": "plc" }, "confidence": 0.9 }');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => table.textContent(), wait).toContain('test.wingpath');
    await page.getByRole('button', { name: 'Delete rule test.wingpath' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => table.textContent(), wait).not.toContain('test.wingpath');
    await page.close();
  });

  it('shows a viewer the results but no upload form, delete button or rule editor', async () => {
    const page = await login('boss');
    await page.goto(`${base}/capture`);
    const row = page.locator('[data-testid="capture-jobs-table"] tbody tr', { hasText: 'modbus_test_data_part1.pcap' });
    await expect.poll(() => row.count(), wait).toBe(1);
    expect(await page.locator('[data-testid="capture-upload"]').count()).toBe(0);
    expect(await page.locator('input[name="captureFile"]').count()).toBe(0);

    await page.goto(`${base}${jobPath}?view=inventory`);
    await expect.poll(() => page.locator('[data-testid="hosts-table"] tr[data-host="10.0.0.3"]').count(), wait).toBe(1);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    await page.goto(`${base}/capture/fingerprints`);
    await expect.poll(() => page.locator('[data-testid="rules-table"]').textContent(), wait).toContain('s7.server');
    expect(await page.locator('[data-testid="rule-form"]').count()).toBe(0);
    await page.close();
  });
});
