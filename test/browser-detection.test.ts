// A person in Chromium on the detection pages: the alert queue (counts, filters, a saved view, bulk
// acknowledge), an alert's page (the explanation in words, its events' timeline, the asset with its
// vulnerabilities, similar alerts, a comment), the rule workbench (a problem with its line and column
// while typing, a trial over sample events and over the stored events of the last 24 hours), and the
// ATT&CK coverage heat maps; axe-core on each page in the light and the dark theme.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import type { EventDraft } from '../src/modules/sensing/index.js';
import { expectNoAxeViolations, loginPage, startConsole, wait, type ConsoleServer } from './support/browser.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PASSWORD = 'detection browser test password';
const minute = 60_000;

const rule = (id: string, title: string, fn: string, technique: string, level: string) => `title: ${title}
id: ${id}
status: test
level: ${level}
tags:
  - attack.${technique.toLowerCase()}
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.function: ${fn}
  condition: selection
`;

const modbus = (dst: string, minutesAgo: number, fn: string): EventDraft => ({
  time: new Date(Date.now() - minutesAgo * minute).toISOString(),
  kind: 'operation',
  severity: 'medium',
  message: `modbus ${fn} 10.30.2.5 -> ${dst}`,
  fields: { source: { ip: '10.30.2.5', port: 49200 }, destination: { ip: dst, port: 502 }, ics: { protocol: 'modbus', operation: 'write', function: fn, unit: 1 } },
});

describe('detection pages in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;
  let assetId = '';
  /** Every alert of the plant, as the service lists them: the rules' three, and the knowledge alerts correlation raised about the asset. */
  const plantAlerts = async () => (await server.services.detection.alerts.list(systemActor('test'), { limit: 500 })).items;

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
      const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
      await services.users.create(op, { username: 'analyst', displayName: 'Plant Analyst', orgId: plant.id, role: 'analyst', password: PASSWORD });
      await services.users.create(op, { username: 'viewer', displayName: 'Plant Viewer', orgId: plant.id, role: 'viewer', password: PASSWORD });
      // The asset the writes go to, with a vulnerability the knowledge base knows.
      assetId = (await services.assets.create(op, { orgId: plant.id, name: 'Dosing door controller', ip: '10.30.1.12', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-06', zone: 'Level 1', criticality: 'high' })).id;
      await services.knowledge.importFrom(op, `${data}csaf/OT/2024/icsa-24-065-01.json`);
      await services.knowledge.importFrom(op, `${data}attack/ics-attack.json`);
      await services.knowledge.correlate(op);
      await services.detection.rules.import(op, { orgId: plant.id, text: rule('5d1f7a1e-0000-4000-8000-000000000001', 'Modbus register write', 'Write Single Register', 'T0836', 'high') });
      await services.detection.rules.import(op, { orgId: plant.id, text: rule('5d1f7a1e-0000-4000-8000-000000000002', 'Modbus diagnostics', 'Diagnostics', 'T0814', 'critical') });
      services.detection.start(services.sensing.bus);
      const drafts = [modbus('10.30.1.12', 50, 'Write Single Register'), modbus('10.30.1.12', 40, 'Write Single Register'), modbus('10.30.1.12', 30, 'Write Single Register'), modbus('10.30.1.13', 20, 'Write Single Register'), modbus('10.30.1.14', 10, 'Diagnostics'), modbus('10.30.1.12', 5, 'Read Coils')];
      const offered = await services.sensing.ingest.offer({ orgId: plant.id, tlp: 'amber', sharedUpward: false, source: { type: 'http', id: 'detection-test', name: 'detection test' } }, drafts);
      expect(offered.accepted).toBe(true);
      await services.sensing.ingest.flush();
      await services.detection.detector.idle();
    });
  }, 180_000);

  afterAll(async () => {
    await server?.services.detection.stop();
    await server?.services.sensing.close();
    await server?.close();
  });

  const rows = (page: Page) => page.locator('[data-testid="alerts-table"] tbody tr[data-id]');
  const count = (page: Page, severity: string) => page.locator(`[data-testid="alert-counts"] [data-severity="${severity}"] .alert-count-value`);

  async function openQueue(page: Page, search = ''): Promise<void> {
    await page.goto(`${server.base}/detection${search}`);
    await expect.poll(() => page.locator('[data-testid="alert-total"]').textContent(), wait).toMatch(/alerts match/);
  }

  it('filters the queue, keeps a view, and acknowledges alerts in bulk', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const all = await plantAlerts();
    expect(all.filter((a) => a.ruleTitle.startsWith('Modbus'))).toHaveLength(3);
    await openQueue(page);
    await expect.poll(() => rows(page).count(), wait).toBe(all.length);
    for (const severity of ['critical', 'high', 'medium', 'low', 'info']) expect(await count(page, severity).textContent(), severity).toBe(String(all.filter((a) => a.severity === severity).length));
    expect(await count(page, 'critical').textContent()).toBe('1');

    // A severity count filters to that severity and worse.
    await count(page, 'critical').click();
    await page.waitForURL(/severity=critical/, wait);
    await expect.poll(() => rows(page).count(), wait).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Modbus diagnostics');
    await count(page, 'critical').click();
    await expect.poll(() => rows(page).count(), wait).toBe(all.length);

    // Rule and technique filters, then a saved view of them.
    await page.getByLabel('Rule', { exact: true }).selectOption({ label: 'Modbus register write' });
    await expect.poll(() => rows(page).count(), wait).toBe(2);
    await page.getByLabel('Technique', { exact: true }).fill('t0814');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/technique=T0814/, wait);
    await expect.poll(() => rows(page).count(), wait).toBe(0);
    await page.getByLabel('Technique', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows(page).count(), wait).toBe(2);
    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.getByLabel('View name').fill('Register writes');
    await page.getByRole('button', { name: 'Save view', exact: true }).click();
    await openQueue(page);
    await expect.poll(() => rows(page).count(), wait).toBe(all.length);
    await page.getByRole('button', { name: 'Views (1)' }).click();
    await page.getByRole('menuitem', { name: 'Register writes', exact: true }).click();
    await page.waitForURL(/rule=/, wait);
    await expect.poll(() => rows(page).count(), wait).toBe(2);

    // Both register-write alerts acknowledged at once.
    await page.getByRole('checkbox', { name: 'Select all rows' }).click();
    await page.getByRole('region', { name: 'Selected rows' }).getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => page.locator('[data-testid="alert-bulk-notice"]').textContent(), wait).toBe('2 alerts acknowledged.');
    await expect.poll(() => rows(page).allTextContents(), wait).toEqual([expect.stringContaining('Acknowledged'), expect.stringContaining('Acknowledged')]);
    await page.getByLabel('Status', { exact: true }).selectOption('new');
    await expect.poll(() => rows(page).count(), wait).toBe(0);
    await openQueue(page, '?status=new');
    await expect.poll(() => rows(page).count(), wait).toBe(all.length - 2);
    await expectNoAxeViolations(page, 'alert queue (light)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains an alert in words, with its events in time order, the asset’s vulnerabilities and similar alerts', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await openQueue(page, '?severity=high');
    await rows(page).filter({ hasText: `asset:${assetId}` }).getByRole('link', { name: 'Modbus register write' }).click();
    await page.waitForURL(/\/detection\/alerts\//, wait);
    const explanation = page.locator('[data-testid="alert-explanation"]');
    await expect.poll(() => page.locator('[data-testid="alert-what"]').textContent(), wait).toMatch(/The rule “Modbus register write” matched events about the asset Dosing door controller 3 times, between .* and .* \(matching on selection\)\./);
    expect(await page.locator('[data-testid="alert-why"]').textContent()).toContain('Modified parameters');
    await expect.poll(() => page.locator('[data-testid="alert-rule"]').textContent(), wait).toMatch(/T0836 Modify Parameter \(.*Impair Process Control.*\)/);
    const technique = explanation.getByRole('link', { name: 'T0836' });
    expect(await technique.getAttribute('href')).toMatch(/^\/knowledge\/attack\?technique=attack-pattern--/);
    await expect.poll(() => page.locator('[data-testid="alert-normal"]').textContent(), wait).toContain('has not fired about the asset Dosing door controller before');
    // The three writes, oldest first.
    const timeline = page.locator('[data-testid="alert-timeline"] li');
    await expect.poll(() => timeline.count(), wait).toBe(3);
    const times = await page.locator('[data-testid="alert-timeline"] time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect([...times].sort()).toEqual(times);
    expect(await timeline.first().textContent()).toContain('Write Single Register 10.30.2.5 -> 10.30.1.12');
    expect(await page.locator('[data-testid="alert-evidence"]').textContent()).toContain('No event of this alert came from a packet capture');
    // The asset with its vulnerability, linked to the knowledge base.
    const asset = page.locator('[data-testid="alert-asset"]');
    await asset.getByRole('link', { name: 'Dosing door controller' }).waitFor(wait);
    await expect.poll(() => page.locator('[data-testid="alert-asset-vulns"] a').count(), wait).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="alert-asset-vulns"] a').first().getAttribute('href')).toMatch(/^\/knowledge\/vulnerabilities\//);
    // The other register-write alert is similar by rule.
    await expect.poll(() => page.locator('[data-testid="similar-alerts"] tbody tr').allTextContents(), wait).toEqual([expect.stringContaining('same rule')]);
    // A comment and a status change, kept in the history.
    await page.getByLabel('Add a comment').fill('Engineer confirmed a planned set-point change.');
    await page.getByRole('button', { name: 'Comment' }).click();
    await expect.poll(() => page.locator('[data-testid="alert-comments"]').textContent(), wait).toContain('planned set-point change');
    await page.getByRole('form', { name: 'Work on the alert' }).getByLabel('Status').selectOption('resolved');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="alert-history"]').textContent(), wait).toContain('analyst set Resolved (was Acknowledged)');
    await expectNoAxeViolations(page, 'alert page (light)');
    await page.close();
  });

  it('validates a rule as it is typed, with line and column, and tries it on sample and stored events', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await page.goto(`${server.base}/detection/rules`);
    await expect.poll(() => page.locator('[data-testid="rules-table"] tbody tr[data-id]').count(), wait).toBe(2);
    expect(await page.locator('[data-testid="rules-summary"]').textContent()).toContain('2 rules, 2 enabled, covering 2 ATT&CK techniques');
    await page.getByRole('link', { name: 'Modbus register write' }).click();
    await page.waitForURL(/workbench\?rule=/, wait);
    const editor = page.locator('[data-testid="rule-editor"]');
    await expect.poll(() => editor.inputValue(), wait).toContain('title: Modbus register write');
    await expect.poll(() => page.locator('[data-testid="rule-valid"]').textContent(), wait).toContain('Valid: 1 document');
    // A condition naming a selection that does not exist: the problem says where, without pressing anything.
    const text = await editor.inputValue();
    await editor.fill(text.replace('condition: selection', 'condition: selection and nosuch'));
    await expect.poll(() => page.locator('[data-testid="rule-problems"]').textContent(), wait).toMatch(/Line 13, column \d+: .*nosuch/);
    expect(await page.getByRole('button', { name: 'Save rule' }).isDisabled()).toBe(true);
    await editor.fill(text.replace('title: Modbus register write', 'title: Modbus register write, tried'));
    await expect.poll(() => page.locator('[data-testid="rule-valid"]').count(), wait).toBe(1);
    // Sample events: two writes to one PLC, a read.
    const sample = [modbus('10.30.9.1', 2, 'Write Single Register'), modbus('10.30.9.1', 1, 'Write Single Register'), modbus('10.30.9.2', 1, 'Read Coils')].map((e) => JSON.stringify(e)).join('\n');
    await page.locator('[data-testid="rule-sample"]').fill(sample);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('[data-testid="rule-trial-summary"]').textContent(), wait).toBe('2 of 3 events matched; it would have raised 1 alert.');
    expect(await page.locator('[data-testid="rule-would-raise"] tbody tr').allTextContents()).toEqual([expect.stringContaining('ip:10.30.9.1')]);
    // The last 24 hours of stored events: the four register writes, to two entities.
    await page.getByLabel('the stored events of the last 24 hours').check();
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('[data-testid="rule-trial-summary"]').textContent(), wait).toBe('4 of 6 events matched; it would have raised 2 alerts.');
    await expectNoAxeViolations(page, 'rule workbench (light)');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => page.locator('[data-testid="rule-saved"]').textContent(), wait).toBe('Saved as a new version of the rule.');
    await page.close();
  });

  it('maps ATT&CK coverage: rules per technique, and separately the techniques seen in alerts', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await page.goto(`${server.base}/detection/coverage`);
    const rulesMap = page.locator('[data-testid="coverage-rules"]');
    await expect.poll(() => rulesMap.locator('[data-technique="T0836"]').getAttribute('data-value'), wait).toBe('1');
    expect(await rulesMap.locator('[data-technique="T0814"]').getAttribute('data-value')).toBe('1');
    expect(await rulesMap.locator('[data-technique="T0843"]').getAttribute('data-value')).toBe('0');
    expect(await page.locator('[data-testid="coverage-summary"]').textContent()).toMatch(/2 of \d+ techniques have an enabled rule; 2 appear in alerts/);
    await page.getByRole('button', { name: 'Techniques seen in alerts' }).click();
    const seen = page.locator('[data-testid="coverage-seen"]');
    await expect.poll(() => seen.locator('[data-technique="T0836"]').getAttribute('data-value'), wait).toBe('2');
    expect(await seen.locator('[data-technique="T0814"]').getAttribute('data-value')).toBe('1');
    expect(await seen.locator('[data-technique="T0836"]').getAttribute('href')).toBe('/detection?technique=T0836');
    await expectNoAxeViolations(page, 'coverage (light, seen)');
    await page.close();
  });

  it('has no WCAG A/AA violations on the detection pages in the dark theme, as a viewer too', async () => {
    for (const who of ['analyst', 'viewer']) {
      const page = await loginPage(server.browser, server.base, who, PASSWORD);
      await page.emulateMedia({ colorScheme: 'dark' });
      await openQueue(page);
      expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe('dark');
      await expect.poll(() => rows(page).count(), wait).toBe((await plantAlerts()).length);
      await expectNoAxeViolations(page, `alert queue (dark, ${who})`);
      await rows(page).first().getByRole('link').first().click();
      await expect.poll(() => page.locator('[data-testid="alert-what"]').count(), wait).toBe(1);
      await expect.poll(() => page.locator('[data-testid="similar-alerts"]').count(), wait).toBe(1);
      await expectNoAxeViolations(page, `alert page (dark, ${who})`);
      await page.goto(`${server.base}/detection/rules`);
      await expect.poll(() => page.locator('[data-testid="rules-table"] tbody tr[data-id]').count(), wait).toBe(2);
      await expectNoAxeViolations(page, `rules (dark, ${who})`);
      await page.goto(`${server.base}/detection/rules/workbench`);
      await expect.poll(() => page.locator('[data-testid="rule-valid"]').count(), wait).toBe(1);
      await expectNoAxeViolations(page, `workbench (dark, ${who})`);
      await page.goto(`${server.base}/detection/coverage`);
      await expect.poll(() => page.locator('[data-testid="coverage-rules"] [data-technique="T0836"]').count(), wait).toBe(1);
      await expectNoAxeViolations(page, `coverage (dark, ${who})`);
      await page.close();
    }
  });
});
