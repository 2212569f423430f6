// A person in Chromium on the Notifications page: adds a webhook channel through the dialog (its
// signing key never shown again), tests it and reads why it was not delivered (the server refuses
// private addresses unless the operator allows them), adds a rule sending critical T0843 alerts to it;
// a viewer sees the settings but cannot add; axe finds no WCAG A/AA violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { expectNoAxeViolations, loginPage, startConsole, wait, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'notifications browser test password';

describe('notifications page in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
      const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
      await services.users.create(op, { username: 'analyst', displayName: 'Plant Analyst', orgId: plant.id, role: 'analyst', password: PASSWORD });
      await services.users.create(op, { username: 'viewer', displayName: 'Plant Viewer', orgId: plant.id, role: 'viewer', password: PASSWORD });
    });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('adds and tests a webhook channel and a rule, with no accessibility violation', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.base}/notifications`);
    await expect.poll(() => page.getByTestId('notifications-page').getByText('No channels yet').count(), wait).toBe(1);
    await expectNoAxeViolations(page, 'notifications (empty)');

    await page.getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByTestId('channel-dialog');
    await dialog.getByLabel('Name').fill('SOC webhook');
    await dialog.getByLabel('Address').fill('http://127.0.0.1:9/hook');
    await dialog.getByLabel('Signing key').fill('short');
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect.poll(() => dialog.getByText('The signing key has at least 16 characters.').count(), wait).toBe(1);
    await expectNoAxeViolations(page, 'channel dialog with an error');
    await dialog.getByLabel('Signing key').fill('a-signing-key-of-the-soc-0123');
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect.poll(() => page.getByTestId('channel-dialog').count(), wait).toBe(0);
    const table = page.getByTestId('channels-table');
    await expect.poll(() => table.textContent(), wait).toContain('http://127.0.0.1:9/hook');
    expect(await page.content()).not.toContain('a-signing-key-of-the-soc-0123');

    await page.getByRole('button', { name: 'Test SOC webhook' }).click();
    await expect.poll(() => page.getByTestId('test-result-SOC webhook').textContent(), wait).toMatch(/^Not delivered: refused to fetch 127\.0\.0\.1:9/);

    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByTestId('rule-dialog');
    await rule.getByLabel('Name').fill('Program downloads');
    await rule.getByLabel('Techniques').fill('t0843');
    await rule.getByLabel('At least').selectOption('critical');
    await rule.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.getByTestId('rules-table').textContent(), wait).toMatch(/Program downloads.*T0843.*critical.*SOC webhook/);
    await expectNoAxeViolations(page, 'notifications with a channel and a rule');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a viewer the settings and refuses the viewer’s additions', async () => {
    const page = await loginPage(server.browser, server.base, 'viewer', PASSWORD);
    await page.goto(`${server.base}/notifications`);
    await expect.poll(() => page.getByTestId('channels-table').textContent(), wait).toContain('SOC webhook');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByTestId('channel-dialog');
    await dialog.getByLabel('Name').fill('Viewer hook');
    await dialog.getByLabel('Address').fill('https://hooks.example/x');
    await dialog.getByLabel('Signing key').fill('a-signing-key-of-the-viewer-01');
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), wait).toMatch(/admins and analysts/);
    await page.close();
  });
});
