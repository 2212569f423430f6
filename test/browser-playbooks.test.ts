// A person in Chromium on the Playbooks page: the list, a broken import with its problems listed by
// JSON Pointer, a good import, and the read-only flowchart with a step opened; axe on each view.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { libraryDirectory } from '../src/modules/response/library/index.js';
import { expectNoAxeViolations, loginPage, startConsole, wait, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'playbooks browser test password';

describe('playbooks page in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;
  let ransomware = '';
  let lossOfView: { id: string; name: string; workflow: Record<string, { name?: string }> };

  beforeAll(async () => {
    ransomware = await readFile(join(libraryDirectory(), 'ransomware-engineering-workstation.json'), 'utf8');
    lossOfView = JSON.parse(await readFile(join(libraryDirectory(), 'loss-of-view-hmi.json'), 'utf8')) as typeof lossOfView;
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
      const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
      await services.users.create(op, { username: 'analyst', displayName: 'Plant Analyst', orgId: plant.id, role: 'analyst', password: PASSWORD });
      await services.response.playbooks.import(op, lossOfView, { orgId: plant.id });
    });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('lists playbooks, lists an import’s problems by path, imports a good one and draws its flowchart', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.base}/response`);
    const table = page.locator('[data-testid="playbooks-table"]');
    await expect.poll(() => table.textContent(), wait).toContain(lossOfView.name);
    await expectNoAxeViolations(page, 'playbooks list');

    await page.getByRole('button', { name: 'Import playbook' }).click();
    const dialog = page.locator('[data-testid="playbook-import-dialog"]');
    const broken = JSON.parse(ransomware) as Record<string, unknown>;
    broken.workflow_start = 'start--00000000-0000-4000-8000-000000000000';
    await dialog.getByLabel('Playbook JSON').fill(JSON.stringify(broken));
    await dialog.getByRole('button', { name: 'Import' }).click();
    const problems = page.locator('[data-testid="playbook-import-problems"]');
    await expect.poll(() => problems.textContent(), wait).toContain('/workflow_start');
    await expectNoAxeViolations(page, 'import dialog with problems');

    await dialog.getByLabel('Playbook JSON').fill(ransomware);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.url(), wait).toContain('/response/playbooks/playbook--');
    const chart = page.locator('[data-testid="playbook-flowchart"] canvas');
    await expect.poll(() => chart.count(), wait).toBeGreaterThan(0);
    expect(await page.locator('h1').textContent()).toContain('Ransomware on an engineering workstation');
    await expectNoAxeViolations(page, 'playbook flowchart');

    await page.goto(`${server.base}/response`);
    await expect.poll(() => table.textContent(), wait).toContain('Ransomware on an engineering workstation');
    expect(errors).toEqual([]);
  });
});
