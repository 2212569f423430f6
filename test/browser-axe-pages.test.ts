// axe-core (WCAG 2.0/2.1 A and AA) on whole pages of the console, shell included, in the light theme
// and in the dark theme: contrast, link styling and names are checked where
// people actually see them, not only on the parts a module owns.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { expectNoAxeViolations, loginPage, startConsole, wait, type ConsoleServer } from './support/browser.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PASSWORD = 'axe pages test password';
const stamp = '2025-05-01T00:00:00.000Z';

describe('whole console pages under axe-core in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
      await services.users.create(op, { username: 'chief', displayName: 'Chief Administrator', orgId: root.id, role: 'admin', password: PASSWORD });
      const asset = await services.assets.create(op, { orgId: root.id, name: 'Lobby door', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-06', zone: 'Level 3', criticality: 'medium' });
      ids['asset'] = asset.id;
      await services.knowledge.importFrom(op, `${data}csaf/OT/2024/icsa-24-065-01.json`);
      await services.knowledge.correlate(op);
      ids['vulnerability'] = (await services.knowledge.search(op, { q: 'eMerge' }, { limit: 1 })).items[0]?.id ?? '';
      const malware = { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: stamp, modified: stamp, name: 'PumpKiller', is_family: true };
      const indicator = { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: stamp, modified: stamp, name: 'Scanner at the pump', pattern: "[ipv4-addr:value = '10.0.0.3']", pattern_type: 'stix', valid_from: stamp };
      const relationship = { type: 'relationship', spec_version: '2.1', id: `relationship--${randomUUID()}`, created: stamp, modified: stamp, relationship_type: 'indicates', source_ref: indicator.id, target_ref: malware.id };
      await services.intel.ingestObjects(op, root.id, [malware, indicator, relationship], { source: 'ISAC', tlp: 'green' });
      ids['intel'] = indicator.id;
      // Events for the Events page (a table, the histogram, top values) and the asset's recent events.
      const now = Date.now();
      const events = [0, 1, 2].map((i) => ({
        time: new Date(now - (i + 1) * 600_000).toISOString(),
        kind: 'operation' as const,
        severity: i === 0 ? ('high' as const) : ('info' as const),
        message: i === 0 ? 's7comm PLC Stop 10.0.0.9 -> 10.0.0.3' : `modbus Read Coils ${i}`,
        fields: { source: { ip: '10.0.0.9' }, destination: { ip: '10.0.0.3', port: 502 }, ics: { protocol: i === 0 ? 's7comm' : 'modbus', operation: i === 0 ? ('stop' as const) : ('read' as const) } },
      }));
      await services.sensing.ingest.offer({ orgId: root.id, tlp: 'green', sharedUpward: false, source: { type: 'http', id: 'axe', name: 'axe feed' } }, events);
      await services.sensing.ingest.flush();
    });
  }, 180_000);

  afterAll(async () => {
    await server?.services.sensing.close();
    await server?.close();
  });

  /** Opens `path` and waits until the page has settled: no request in flight and nothing says "Loading…". */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${server.base}${path}`);
    await page.waitForLoadState('networkidle', wait);
    await expect.poll(() => page.locator('main').innerText(), wait).not.toMatch(/Loading…/);
    await expect.poll(() => page.locator('main h1').count(), wait).toBeGreaterThan(0);
  }

  const mainPages = (): readonly (readonly [string, string])[] => [
    ['overview', '/'],
    ['assets', '/assets'],
    ['asset page', `/assets/${ids['asset']}`],
    ['exposures', '/exposures'],
    ['knowledge search', '/knowledge?q=eMerge'],
    ['vulnerability page', `/knowledge/vulnerabilities/${encodeURIComponent(ids['vulnerability'] ?? '')}`],
    ['vendors', '/knowledge/vendors'],
    ['intelligence objects', '/intel'],
    ['intelligence object', `/intel/objects/${encodeURIComponent(ids['intel'] ?? '')}`],
    ['events', '/events'],
    ['alert queue', '/detection'],
    ['detection rules', '/detection/rules'],
    ['rule workbench', '/detection/rules/workbench'],
    ['ATT&CK coverage', '/detection/coverage'],
    ['captures', '/capture'],
    ['sources', '/sources'],
    ['TAXII', '/intel/taxii'],
    ['intelligence feeds', '/intel/feeds'],
    ['audit log', '/audit'],
    ['admin', '/admin'],
  ];

  it('has no WCAG A/AA violations on the main pages in the light theme', async () => {
    expect(ids['vulnerability']).toMatch(/./);
    const page = await loginPage(server.browser, server.base, 'chief', PASSWORD);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    for (const [what, path] of mainPages()) {
      await open(page, path);
      expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe('light');
      await expectNoAxeViolations(page, `${what} (light)`);
    }
    await page.close();
  });

  it('has no WCAG A/AA violations on the same pages in the dark theme, at 1024 px', async () => {
    const page = await loginPage(server.browser, server.base, 'chief', PASSWORD);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const [what, path] of mainPages()) {
      await open(page, path);
      expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe('dark');
      await expectNoAxeViolations(page, `${what} (dark)`);
    }
    // At 1024 px part of the navigation sits under "More". axe's rules for a name that differs from the
    // visible label, and for links told apart by colour alone, run here by name (the first is not in
    // the WCAG tag set axe runs by default).
    expect(await page.locator('[data-testid="nav-more"]').count()).toBe(1);
    const byName = await page.evaluate<string[]>(`(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'rule', values: ['label-content-name-mismatch', 'link-in-text-block'] } });
      return r.violations.map((v) => v.id + ' at ' + v.nodes.map((n) => JSON.stringify(n.target)).join(', '));
    })()`);
    expect(byName).toEqual([]);
    await page.close();
  });
});
