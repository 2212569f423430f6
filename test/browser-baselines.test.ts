// A person in Chromium on the Baselines pages: learning progress per zone, a deviation with what was
// expected and seen, accepting it into a new version, relearning the zone; a viewer may only look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { modbusDraft } from '../src/modules/detection/baseline/test-traffic.js';
import type { SensedEvent } from '../src/modules/sensing/index.js';
import { expectNoAxeViolations, loginPage, openSection, startConsole, wait, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'baselines browser test password';
const hour = 3_600_000;

describe('baselines pages in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: null });
      await services.users.create(op, { username: 'analyst', displayName: 'Plant Analyst', orgId: plant.id, role: 'analyst', password: PASSWORD });
      await services.users.create(op, { username: 'viewer', displayName: 'Plant Viewer', orgId: plant.id, role: 'viewer', password: PASSWORD });
      const filter = (await services.assets.create(op, { orgId: plant.id, name: 'Filter PLC', ip: '10.20.1.20', zone: 'Filtration' })).id;
      await services.detection.baselines.setSettings(op, { orgId: plant.id, learningHours: 1 });
      const now = Date.now();
      const sensed = (draft: ReturnType<typeof modbusDraft>, assets: SensedEvent['assets'] = {}): SensedEvent => ({ ...draft, id: draft.id ?? '', orgId: plant.id, receivedAt: draft.time, tlp: 'amber', sharedUpward: false, source: { type: 'sensor', id: 's', name: 'sensor' }, assets, raw: null, rawTruncated: false, origin: {} });
      await services.detection.detector.process([
        // The organisation's unzoned traffic: learnt for an hour, then a new host.
        sensed(modbusDraft('b-1', new Date(now - 3 * hour), '10.3.0.5', '10.3.0.9', 'Read Coils', 1, 'read', 'coils 0-15')),
        sensed(modbusDraft('b-2', new Date(now - hour), '10.3.0.66', '10.3.0.9', 'Read Coils', 1, 'read', 'coils 0-15')),
        // The filtration zone: half of its hour learnt.
        sensed(modbusDraft('b-3', new Date(now - hour), '10.20.2.21', '10.20.1.20', 'Read Holding Registers', 3, 'read', 'holding registers 0-9'), { destination: filter }),
        sensed(modbusDraft('b-4', new Date(now - hour / 2), '10.20.2.21', '10.20.1.20', 'Read Holding Registers', 3, 'read', 'holding registers 0-9'), { destination: filter }),
      ]);
    });
  }, 180_000);

  afterAll(async () => {
    await server?.services.sensing.close();
    await server?.close();
  });

  const rows = (page: Page, table: string) => page.locator(`[data-testid="${table}"] tbody tr`);

  it('shows learning progress per zone, accepts a deviation and relearns the zone', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openSection(page, 'Baselines');
    await expect.poll(() => rows(page, 'baselines-table').count(), wait).toBe(2);
    const table = page.locator('[data-testid="baselines-table"]');
    await expect.poll(() => table.textContent(), wait).toMatch(/Filtration.*50 %/);
    expect(await page.getByRole('progressbar', { name: 'Filtration: 50 % of the learning period' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'baselines list');

    await page.getByRole('link', { name: 'Whole organisation (no zone)' }).click();
    await expect.poll(() => rows(page, 'baseline-deviations').count(), wait).toBe(1);
    const deviations = page.locator('[data-testid="baseline-deviations"]');
    expect(await deviations.textContent()).toContain('10.3.0.66');
    expect(await deviations.textContent()).toContain('2 known hosts');
    expect(await deviations.textContent()).toContain('T0864');
    await expectNoAxeViolations(page, 'baseline page');

    await page.getByRole('checkbox', { name: 'Select row New host' }).check();
    await page.getByTestId('baseline-accept').click();
    const dialog = page.getByTestId('baseline-accept-dialog');
    await expect.poll(() => dialog.isVisible(), wait).toBe(true);
    await expectNoAxeViolations(page, 'accept dialog');
    await dialog.getByRole('textbox').fill('the new historian');
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => deviations.textContent(), wait).toContain('accepted by analyst (v2)');
    expect(await page.locator('.page-description').textContent()).toContain('version 2');
    expect(await rows(page, 'baseline-versions').count()).toBe(2);

    await page.getByTestId('baseline-relearn').click();
    const relearn = page.getByTestId('baseline-relearn-dialog');
    await relearn.getByRole('button', { name: 'Relearn', exact: true }).click();
    await expect.poll(() => page.locator('.page-description').textContent(), wait).toContain('Learning, 0 %');
    expect(await page.locator('.page-description').textContent()).toContain('version 3');
    expect(errors).toEqual([]);
  });

  it('lets a viewer look without accepting or relearning', async () => {
    const page = await loginPage(server.browser, server.base, 'viewer', PASSWORD);
    await page.goto(`${server.base}/baselines`);
    await expect.poll(() => rows(page, 'baselines-table').count(), wait).toBe(2);
    await page.getByRole('link', { name: 'Filtration' }).click();
    await expect.poll(() => page.locator('.page-description').textContent(), wait).toContain('Learning, 50 %');
    expect(await page.getByTestId('baseline-relearn').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
  });
});
