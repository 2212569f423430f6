// A person in Chromium imports a log file from the Sources page: the dialog, the job's progress to
// 100 % and its event and issue counts; a viewer has no import button; feeds list with their status.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { readSample } from '../src/modules/sensing/parsers/test-samples.js';
import { expectNoAxeViolations, loginPage, startConsole, wait, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'imports browser test password';

describe('event imports on the Sources page in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const plant = await services.orgs.create(op, { name: 'Import Works', level: 'enterprise', parentId: null });
      const analyst = await services.users.create(op, { username: 'analyst', displayName: 'Plant Analyst', orgId: plant.id, role: 'analyst', password: PASSWORD });
      // A TAXII feed that has never run, for the Feeds section (nothing is fetched: no schedule; an address, so no name to resolve).
      await services.taxii.feeds.save({ kind: 'user', userId: analyst.id, username: 'analyst', orgId: plant.id, orgPath: plant.path, role: 'analyst' }, { name: 'sector-intel', direction: 'pull', url: 'https://93.184.215.14/taxii2/api1/collections/sector/' });
      await services.users.create(op, { username: 'viewer', displayName: 'Plant Viewer', orgId: plant.id, role: 'viewer', password: PASSWORD });
    });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await server?.services.sensing.close();
  });

  const importRow = (page: Page, name: string) => page.locator('[data-testid="imports-table"] tbody tr', { hasText: name });

  it('imports a Suricata file from the dialog and shows it finished with its events and the broken line', async () => {
    const good = readSample('suricata/tenzir__tenzir/eve.lines1-6.json').split('\n').filter((line) => line.trim() !== '');
    const text = [...good.slice(0, 3), 'this line is not JSON', ...good.slice(3)].join('\n');
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await page.goto(`${server.base}/sources`);
    await page.getByRole('button', { name: 'Import a file' }).click();
    const dialog = page.locator('[data-testid="import-dialog"]');
    await dialog.waitFor(wait);
    // Submitting without a file says what is missing.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog.locator('[data-field-error="import-file"]').textContent(), wait).toBe('Choose a log file.');
    await expectNoAxeViolations(page, 'the import dialog');
    await dialog.locator('#import-file').setInputFiles({ name: 'eve-sample.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached', ...wait });
    const row = importRow(page, 'eve-sample.json');
    await expect.poll(() => row.locator('[data-state]').first().getAttribute('data-state'), wait).toBe('finished');
    expect(await row.locator('[data-testid="import-percent"]').textContent()).toBe('100%');
    expect(await row.locator('[data-testid="import-events"]').textContent()).toBe(String(good.length));
    expect(await row.innerText()).toContain('Suricata EVE JSON');
    expect(await row.locator('[title*="line 4"]').count()).toBe(1);
    await expectNoAxeViolations(page, '/sources with an import');
    await page.close();
  });

  it('shows a viewer the imports and the feeds, without the import button', async () => {
    const page = await loginPage(server.browser, server.base, 'viewer', PASSWORD);
    await page.goto(`${server.base}/sources`);
    await importRow(page, 'eve-sample.json').waitFor(wait);
    expect(await page.getByRole('button', { name: 'Import a file' }).count()).toBe(0);
    const feed = page.locator('[data-testid="feeds-table"] tbody tr', { hasText: 'sector-intel' });
    await feed.waitFor(wait);
    expect(await feed.locator('[data-state]').getAttribute('data-state')).toBe('never run');
    expect(await feed.getByRole('link', { name: 'sector-intel' }).getAttribute('href')).toBe('/intel/feeds');
    expect(await feed.innerText()).toContain('TAXII pull');
    await page.close();
  });
});
