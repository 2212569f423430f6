import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/platform/access.js';
import { createServices, defaultServiceOptions } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/test-backends.js';
import { launchChromium, loginPage, tick, wait, webDir } from './support/browser.js';

const attackFile = fileURLToPath(new URL('../../shared/data/attack/ics-attack.json', import.meta.url));
// Techniques in the file that are not revoked (revoked objects are hidden by default).
const attackTechniques = (JSON.parse(readFileSync(attackFile, 'utf8')) as { objects: { type: string; revoked?: boolean }[] }).objects.filter((o) => o.type === 'attack-pattern' && o.revoked !== true).length;
const PASSWORD = 'browser test password';

// A small bundle of our own: an indicator of a made-up sample, the sample, the link between them, and a sighting.
const stamp = '2025-06-01T08:00:00.000Z';
const indicatorId = `indicator--${randomUUID()}`;
const malwareId = `malware--${randomUUID()}`;
const MALWARE = 'TRITON test sample';
const INDICATOR = 'C2 address of the TRITON test sample';
const plantBundle = {
  type: 'bundle',
  id: `bundle--${randomUUID()}`,
  objects: [
    {
      type: 'indicator',
      spec_version: '2.1',
      id: indicatorId,
      created: stamp,
      modified: stamp,
      name: INDICATOR,
      pattern: "[ipv4-addr:value = '198.51.100.77']",
      pattern_type: 'stix',
      valid_from: stamp,
      indicator_types: ['malicious-activity'],
      labels: ['ics'],
    },
    { type: 'malware', spec_version: '2.1', id: malwareId, created: stamp, modified: stamp, name: MALWARE, is_family: false, malware_types: ['backdoor'] },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${randomUUID()}`,
      created: stamp,
      modified: stamp,
      relationship_type: 'indicates',
      source_ref: indicatorId,
      target_ref: malwareId,
    },
    {
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${randomUUID()}`,
      created: stamp,
      modified: stamp,
      sighting_of_ref: indicatorId,
      count: 3,
      first_seen: stamp,
      last_seen: '2025-06-02T08:00:00.000Z',
    },
  ],
};
// The second object lacks `created` and has a malformed id: validation must say where.
const brokenBundle = {
  type: 'bundle',
  id: `bundle--${randomUUID()}`,
  objects: [plantBundle.objects[1], { type: 'malware', spec_version: '2.1', id: 'malware--not-a-uuid', modified: stamp, name: 'broken', is_family: false }],
};

describe('intelligence console in Chromium', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let spoolDir: string;
  let collectionUrl = '';

  beforeAll(async () => {
    spoolDir = await mkdtemp(join(tmpdir(), 'bulwark-browser-intel-'));
    database = await createTestDatabase('pglite');
    // The feed in these tests pulls from this very server on 127.0.0.1, as a node on a private network would.
    const services = createServices(database, { ...defaultServiceOptions, spoolDir, allowPrivateUrls: true });
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
    const water = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
    const gas = await services.orgs.create(op, { name: 'Test Gas Works', level: 'enterprise', parentId: root.id });
    await services.users.create(op, { username: 'analyst', displayName: 'Water Analyst', orgId: water.id, role: 'analyst', password: PASSWORD });
    await services.users.create(op, { username: 'boss', orgId: water.id, role: 'viewer', password: PASSWORD });
    await services.users.create(op, { username: 'admin', orgId: water.id, role: 'admin', password: PASSWORD });
    await services.users.create(op, { username: 'gas', displayName: 'Gas Analyst', orgId: gas.id, role: 'analyst', password: PASSWORD });
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

  it('imports a bundle through the import page and shows its report', async () => {
    const page = await login('analyst');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/intel/import`);
    await page.setInputFiles('input[name="bundleFile"]', { name: 'plant-bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plantBundle)) });
    await expect.poll(() => page.inputValue('textarea[name="bundle"]'), wait).toContain(indicatorId);
    expect(await page.inputValue('input[name="importName"]')).toBe('plant-bundle.json');

    await page.getByRole('button', { name: 'Validate' }).click();
    const validation = page.locator('[data-testid="intel-validation"]');
    await expect.poll(() => validation.getAttribute('data-valid'), wait).toBe('true');
    expect(await validation.textContent()).toMatch(/valid: 4 objects/);

    await page.getByLabel('TLP for unmarked objects').selectOption('amber');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.locator('[data-testid="intel-import-report"]');
    await expect.poll(() => report.getAttribute('data-status'), wait).toBe('complete');
    expect(await report.locator('[data-stat="stored"]').textContent()).toBe('4');
    expect(await report.locator('[data-stat="invalid"]').textContent()).toBe('0');

    // The recent imports list has it; a click opens its full report.
    const row = page.locator('[data-testid="intel-imports-table"] tbody tr', { hasText: 'plant-bundle.json' });
    await expect.poll(() => row.count(), wait).toBe(1);
    await row.click();
    await expect.poll(() => page.locator('[data-testid="intel-selected-import"] [data-stat="stored"]').textContent(), wait).toBe('4');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows where a bundle is wrong: object index and JSON path, and what broken JSON left', async () => {
    const page = await login('analyst');
    await page.goto(`${base}/intel/import`);
    await page.fill('textarea[name="bundle"]', JSON.stringify(brokenBundle));
    await page.getByRole('button', { name: 'Validate' }).click();
    const validation = page.locator('[data-testid="intel-validation"]');
    await expect.poll(() => validation.getAttribute('data-valid'), wait).toBe('false');
    const issues = page.locator('[data-testid="intel-validation-issues"] tbody tr');
    expect(await issues.count()).toBeGreaterThanOrEqual(2);
    const rows = await issues.allTextContents();
    // Every problem is in the second object (#1), one at its id and one at the missing created.
    expect(rows.every((r) => r.startsWith('#1'))).toBe(true);
    expect(rows.some((r) => r.includes('malware--not-a-uuid') && /identifier/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes('created'))).toBe(true);

    await page.fill('textarea[name="bundle"]', '{"type": "bundle", "objects": [');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), wait).toMatch(/not imported/);
    await expect.poll(() => page.locator('[data-testid="error-details"]').textContent(), wait).toMatch(/read before the error were stored/);
    await page.close();
  });

  it('filters the browser by type, keeping the filter in the URL', async () => {
    const page = await login('analyst');
    await page.goto(`${base}/intel`);
    const table = page.locator('[data-testid="intel-objects-table"]');
    await expect.poll(() => table.locator('tbody tr').count(), wait).toBe(4);
    const all = (await table.textContent()) ?? '';
    expect(all).toContain(MALWARE);
    expect(all).toContain('TLP:AMBER');
    expect(all).toContain('Test Water Works');
    // Facet counts from the server.
    await expect.poll(() => page.locator('[data-testid="intel-facets"] [data-facet="type"]').textContent(), wait).toMatch(/Indicator\s*1/);

    await tick(page.locator('[data-testid="intel-facets"]').getByRole('checkbox', { name: /^Indicator/ }));
    await page.waitForURL(/type=indicator/, wait);
    await expect.poll(() => table.locator('tbody tr').count(), wait).toBe(1);
    expect(await table.locator(`tbody tr[data-id="${indicatorId}"]`).count()).toBe(1);
    expect(await table.locator(`tbody tr[data-id="${malwareId}"]`).count()).toBe(0);

    // A second type widens the list; a reload keeps both.
    await tick(page.locator('[data-testid="intel-facets"]').getByRole('checkbox', { name: /^Malware/ }));
    await expect.poll(() => table.locator('tbody tr').count(), wait).toBe(2);
    await page.reload();
    await expect.poll(() => table.locator('tbody tr').count(), wait).toBe(2);
    expect(new URL(page.url()).searchParams.get('type')).toBe('indicator,malware');
    await page.close();
  });

  it('shows an object with its properties, relationship graph and versions; a neighbour opens', async () => {
    const page = await login('analyst');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/intel/objects/${indicatorId}`);
    await expect.poll(() => page.locator('[data-testid="intel-object-name"]').textContent(), wait).toContain(INDICATOR);
    expect(await page.locator('[data-testid="indicator-pattern"]').textContent()).toBe("[ipv4-addr:value = '198.51.100.77']");
    expect(await page.locator('[data-testid="intel-versions"] tbody tr').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="intel-graph-canvas"] canvas').count(), wait).toBeGreaterThan(0);
    const neighbours = page.locator('[data-testid="intel-neighbours"]');
    await expect.poll(() => neighbours.textContent(), wait).toContain(MALWARE);
    expect(await neighbours.textContent()).toContain('indicates');
    expect(await neighbours.textContent()).toContain('sighting of');
    expect(await page.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(`/api/v1/intel/export?id=${indicatorId}&dependencies=true`);

    await neighbours.getByRole('link', { name: MALWARE, exact: true }).click();
    await page.waitForURL(new RegExp(`/intel/objects/${malwareId}$`), wait);
    await expect.poll(() => page.locator('[data-testid="intel-object-name"]').textContent(), wait).toBe(MALWARE);
    // The edge keeps its direction: the indicator (source, by name) points at the malware (target).
    await expect.poll(() => page.locator(`[data-testid="intel-neighbours"] tr[data-neighbour="${indicatorId} ${malwareId}"]`).textContent(), wait).toMatch(new RegExp(`${INDICATOR}.*indicates.*${MALWARE}`));
    await expect.poll(() => page.locator('[data-testid="intel-graph-canvas"] canvas').count(), wait).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drafts a report from pasted text and imports the selected findings', async () => {
    const page = await login('analyst');
    await page.goto(`${base}/intel/extract`);
    await page.fill('input[name="reportName"]', 'Grid intrusion test');
    await page.fill('textarea[name="reportText"]', 'The actors beaconed to 1.2.3[.]4, exploited CVE-2024-1234 and then used T0843 (Program Download) against the Modbus PLCs.');
    await page.getByRole('button', { name: 'Extract' }).click();
    const draft = page.locator('[data-testid="extract-draft"]');
    await expect.poll(() => draft.textContent(), wait).toContain('1.2.3.4');
    expect(await draft.textContent()).toContain('CVE-2024-1234');
    expect(await draft.textContent()).toContain('T0843');
    expect(Number((await page.locator('[data-testid="extract-findings"]').textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(3);

    // Every finding starts checked; the CVE is left out of the import.
    const boxes = page.locator('input[name="keep"]');
    const total = await boxes.count();
    expect(total).toBeGreaterThanOrEqual(3);
    expect(await page.locator('input[name="keep"]:checked').count()).toBe(total);
    await draft.locator('[data-type="vulnerability"]').getByRole('checkbox').first().uncheck();
    await page.getByLabel('TLP of the imported objects').selectOption('green');
    await page.getByRole('button', { name: 'Import selected as draft' }).click();
    const imported = page.locator('[data-testid="extract-imported"]');
    await expect.poll(() => imported.textContent(), wait).toContain(`Imported ${total} of ${total} objects`);

    await imported.getByRole('link', { name: /Open the report/ }).click();
    await page.waitForURL(/\/intel\/objects\/report--/, wait);
    await expect.poll(() => page.locator('[data-testid="intel-object-name"]').textContent(), wait).toContain('Grid intrusion test');
    expect(await page.locator('[data-testid="intel-object-page"] .tlp').first().textContent()).toBe('TLP:GREEN');
    // The report refers to what was kept, and not to the dropped CVE.
    const refs = page.locator('[data-fact="Objects"] li');
    expect(await refs.count()).toBe(total - 1);
    expect((await refs.allTextContents()).some((t) => t.startsWith('vulnerability--'))).toBe(false);
    await page.close();
  });

  it('points at a pattern syntax error by line and column, and evaluates observed data', async () => {
    const page = await login('analyst');
    await page.goto(`${base}/intel/pattern`);
    await page.fill('textarea[name="pattern"]', "[ipv4-addr:value = '1.2.3.4'");
    await page.getByRole('button', { name: 'Check pattern' }).click();
    const error = page.locator('[data-testid="pattern-error"]');
    await expect.poll(() => error.getAttribute('data-line'), wait).toBe('1');
    expect(Number(await error.getAttribute('data-column'))).toBeGreaterThan(1);
    expect(await error.textContent()).toMatch(/line 1, column \d+/);
    expect(await error.locator('pre').textContent()).toMatch(/\n\s+\^$/);

    const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${randomUUID()}`, value: '1.2.3.4' };
    const observed = { type: 'observed-data', spec_version: '2.1', id: `observed-data--${randomUUID()}`, created: stamp, modified: stamp, first_observed: stamp, last_observed: stamp, number_observed: 1, object_refs: [ip.id] };
    await page.fill('textarea[name="pattern"]', "[ipv4-addr:value = '1.2.3.4']");
    await page.fill('textarea[name="observed"]', JSON.stringify([ip, observed]));
    await page.getByRole('button', { name: 'Check pattern' }).click();
    await expect.poll(() => page.locator('[data-testid="pattern-match"]').getAttribute('data-matched'), wait).toBe('true');
    expect(await page.locator('[data-testid="pattern-error"]').count()).toBe(0);
    await page.close();
  });

  it('lets a viewer browse and validate but offers no import', async () => {
    const page = await login('boss');
    await page.goto(`${base}/intel`);
    await expect.poll(() => page.locator(`[data-testid="intel-objects-table"] tr[data-id="${malwareId}"]`).count(), wait).toBe(1);
    expect(await page.getByRole('link', { name: 'Import a bundle' }).count()).toBe(0);

    await page.goto(`${base}/intel/import`);
    await expect.poll(() => page.getByRole('button', { name: 'Validate' }).count(), wait).toBe(1);
    expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    expect(await page.locator('[data-testid="intel-import-readonly"]').textContent()).toMatch(/analyst or administrator/);

    // The server refuses anyway, with a message a person can act on.
    const refused = await page.evaluate(async (body) => {
      const r = await fetch('/api/v1/intel/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: r.status, body: (await r.json()) as { error: { message: string } } };
    }, JSON.stringify(plantBundle));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/viewer may not/);

    // The TAXII lists are there to read; nothing offers to create or change.
    await page.goto(`${base}/intel/taxii`);
    await expect.poll(() => page.locator('[data-testid="taxii-collections"]').textContent(), wait).toMatch(/An administrator defines collections/);
    expect(await page.getByRole('button', { name: 'New collection' }).count()).toBe(0);
    expect(await page.locator('[data-testid="collection-form"]').count()).toBe(0);
    await page.goto(`${base}/intel/feeds`);
    await expect.poll(() => page.locator('[data-testid="taxii-feeds"]').textContent(), wait).toMatch(/An analyst or administrator sets up feeds/);
    expect(await page.getByRole('button', { name: 'New feed' }).count()).toBe(0);
    expect(await page.locator('[data-testid="feed-form"]').count()).toBe(0);
    await page.close();
  });

  it('lets an admin define a TAXII collection and shows its URL', async () => {
    const page = await login('admin');
    await page.goto(`${base}/intel/taxii`);
    // The list comes first; with nothing in it, it says what a collection is for. The form waits behind a button.
    const list = page.locator('[data-testid="taxii-collections"]');
    await expect.poll(() => list.textContent(), wait).toMatch(/No TAXII collections yet.*TAXII 2\.1 URL/);
    const form = page.locator('[data-testid="collection-form"]');
    expect(await form.count()).toBe(0);
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.fill('input[name="title"]', 'Water works ICS feed');
    await page.fill('textarea[name="description"]', 'Everything the water works holds.');
    await page.getByRole('button', { name: 'Create collection' }).click();
    const row = list.locator('tbody tr', { hasText: 'Water works ICS feed' });
    await expect.poll(() => row.count(), wait).toBe(1);
    expect(await form.count()).toBe(0);
    expect(await page.locator('[data-testid="notice"] .banner-message').textContent()).toBe('Created collection Water works ICS feed.');
    const id = (await row.getAttribute('data-id')) ?? '';
    collectionUrl = (await row.locator('[data-testid="taxii-url"]').textContent()) ?? '';
    expect(collectionUrl).toBe(`${base}/taxii2/api1/collections/${id}/`);
    expect(await row.getByRole('button', { name: 'Copy the TAXII URL of Water works ICS feed' }).count()).toBe(1);
    // The URL works for a TAXII client with a user's credentials.
    const taxii = await page.request.get(`${collectionUrl}objects/`, {
      headers: { accept: 'application/taxii+json;version=2.1', authorization: `Basic ${Buffer.from(`analyst:${PASSWORD}`).toString('base64')}` },
    });
    expect(taxii.status()).toBe(200);
    expect(((await taxii.json()) as { objects?: { id: string }[] }).objects?.some((o) => o.id === malwareId)).toBe(true);

    // Cancel closes the form and creates nothing.
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.fill('input[name="title"]', 'Abandoned collection');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => form.count(), wait).toBe(0);
    expect(await list.textContent()).not.toContain('Abandoned collection');

    // A second one, removed again.
    await page.getByRole('button', { name: 'New collection' }).click();
    expect(await page.inputValue('input[name="title"]')).toBe('');
    await page.fill('input[name="title"]', 'Temporary collection');
    await page.getByRole('button', { name: 'Create collection' }).click();
    const temporary = list.locator('tbody tr', { hasText: 'Temporary collection' });
    await expect.poll(() => temporary.count(), wait).toBe(1);
    await page.getByRole('button', { name: 'Delete collection Temporary collection' }).click();
    await temporary.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => temporary.count(), wait).toBe(0);
    expect(await row.count()).toBe(1);
    await page.close();
  });

  it('sets up a scheduled pull feed from that collection, runs it and shows the result', async () => {
    expect(collectionUrl).not.toBe('');
    const page = await login('analyst');
    await page.goto(`${base}/intel/feeds`);
    const list = page.locator('[data-testid="taxii-feeds"]');
    await expect.poll(() => list.textContent(), wait).toMatch(/No feeds yet.*pull feed imports/);
    await page.getByRole('button', { name: 'New feed' }).click();
    const dialog = page.locator('[data-testid="feed-new"]');
    await page.fill('input[name="feedName"]', 'self-pull');
    await dialog.getByLabel('Direction').selectOption('pull');
    await dialog.getByLabel('Authentication').selectOption('basic');
    await page.fill('input[name="authUsername"]', 'analyst');
    await page.fill('input[name="authPassword"]', PASSWORD);
    // The collection is picked from what the server lists.
    await page.fill('input[name="remoteServer"]', `${base}/taxii2/`);
    await page.getByRole('button', { name: 'Browse remote collections' }).click();
    await page.getByRole('button', { name: 'Use collection Water works ICS feed' }).click({ timeout: 20_000 });
    expect(await page.inputValue('input[name="feedUrl"]')).toBe(collectionUrl);
    await page.getByLabel('Run on a schedule').check();
    await page.fill('input[name="intervalMinutes"]', '60');
    await page.getByRole('button', { name: 'Create feed' }).click();

    const row = list.locator('tbody tr', { has: page.locator('[data-testid="feed-name"]', { hasText: /^self-pull$/ }) });
    await expect.poll(() => row.count(), wait).toBe(1);
    expect(await dialog.count()).toBe(0);
    expect(await row.locator('[data-testid="feed-schedule"]').textContent()).toBe('every 1 h');
    expect(await row.locator('[data-testid="feed-next-run"]').textContent()).not.toBe('—');
    expect(await row.textContent()).toContain(collectionUrl);
    expect(await page.locator('body').textContent()).not.toContain(PASSWORD);

    await page.getByRole('button', { name: 'Run feed self-pull now' }).click();
    const result = page.locator('[data-testid="feed-run-result"]');
    await expect.poll(() => result.getAttribute('data-complete'), wait).toBe('true');
    expect(await result.textContent()).toContain('The run of feed self-pull finished.');
    const counts = (await result.locator('[data-testid="feed-run-result-counts"]').textContent()) ?? '';
    const received = Number(counts.match(/([\d,]+) objects received/)?.[1]?.replace(/,/g, ''));
    expect(received).toBeGreaterThanOrEqual(4);
    await expect.poll(() => row.locator('[data-testid="feed-last-result"]').textContent(), wait).toContain(`${received} objects`);
    expect(await row.locator('[data-testid="feed-last-error"]').count()).toBe(0);

    // Editing opens the same form filled in, and keeps the stored credentials unless new ones are typed: the next run still gets in.
    await page.getByRole('button', { name: 'Edit feed self-pull' }).click();
    const drawer = page.locator('[data-testid="feed-edit"]');
    expect(await drawer.locator('input[name="feedName"]').inputValue()).toBe('self-pull');
    expect(await drawer.locator('input[name="feedUrl"]').inputValue()).toBe(collectionUrl);
    expect(await drawer.getByLabel('Authentication').inputValue()).toBe('keep');
    expect(await drawer.locator('input[type="password"]').count()).toBe(0);
    await drawer.getByLabel('Every (minutes)').fill('120');
    await drawer.getByRole('button', { name: 'Save feed' }).click();
    await expect.poll(() => row.locator('[data-testid="feed-schedule"]').textContent(), wait).toBe('every 2 h');
    expect(await drawer.count()).toBe(0);
    await page.getByRole('button', { name: 'Run feed self-pull now' }).click();
    await expect.poll(() => result.getAttribute('data-complete'), wait).toBe('true');
    expect(await row.locator('[data-testid="feed-last-error"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Delete feed self-pull' }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => row.count(), wait).toBe(0);
    await page.close();
  });

  it('keeps one enterprise’s TLP:AMBER intelligence from another', async () => {
    const page = await login('gas');
    await page.goto(`${base}/intel`);
    await expect.poll(() => page.locator('[data-testid="intel-count"]').textContent(), wait).toMatch(/^\d+ objects?$/);
    expect(await page.locator('[data-testid="intel-results"]').textContent()).not.toContain('TRITON');
    await page.fill('input[name="q"]', 'TRITON');
    await page.waitForURL(/q=TRITON/, wait);
    await expect.poll(() => page.locator('[data-testid="intel-results"]').textContent(), wait).toMatch(/No object matches/);

    await page.goto(`${base}/intel/objects/${indicatorId}`);
    await expect.poll(() => page.locator('[data-testid="intel-object-page"]').textContent(), wait).toContain(`No object ${indicatorId}`);
    await page.close();
  });

  it('imports the ATT&CK for ICS bundle from its file and pages through the techniques', async () => {
    const page = await login('analyst');
    await page.goto(`${base}/intel/import`);
    await page.setInputFiles('input[name="bundleFile"]', attackFile);
    // Megabytes are sent as chosen rather than loaded into the editor.
    await expect.poll(() => page.locator('[data-testid="intel-bundle-file-note"]').textContent(), wait).toMatch(/ics-attack\.json \(3\.\d MB\)/);
    await page.getByLabel('TLP for unmarked objects').selectOption('clear');
    await page.fill('input[name="source"]', 'mitre');
    await page.getByLabel('Source reliability').selectOption('A');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.locator('[data-testid="intel-import-report"]');
    await expect.poll(() => report.getAttribute('data-status'), { timeout: 60_000 }).toBe('complete');
    expect(await report.locator('[data-stat="objects"]').textContent()).toBe('1,826');
    expect(await report.locator('[data-stat="invalid"]').textContent()).toBe('0');

    await page.goto(`${base}/intel?type=attack-pattern`);
    const rows = page.locator('[data-testid="intel-objects-table"] tbody tr');
    await expect.poll(() => rows.count(), wait).toBe(50);
    expect(await rows.first().textContent()).toMatch(/mitre/);
    const first = await rows.first().getAttribute('data-id');
    const pager = page.locator('[data-testid="intel-pager"]');
    expect(await page.locator('[data-testid="intel-count"]').textContent()).toBe('Objects 1–50, more on the next page');
    await pager.getByRole('button', { name: 'Next ›' }).click();
    await expect.poll(() => pager.textContent(), wait).toContain('Page 2');
    await expect.poll(async () => (await rows.first().getAttribute('data-id')) !== first, wait).toBe(true);
    const second = await rows.count();
    // The rest of the techniques, and the one drafted from the pasted report (T0843).
    expect(50 + second).toBe(attackTechniques + 1);
    expect(await page.locator('[data-testid="intel-count"]').textContent()).toBe(`Objects 51–${50 + second}`);
    expect(await pager.getByRole('button', { name: 'Next ›' }).isDisabled()).toBe(true);
    await pager.getByRole('button', { name: '‹ Previous' }).click();
    await expect.poll(() => rows.first().getAttribute('data-id'), wait).toBe(first);
    expect(await rows.count()).toBe(50);
    await page.close();
  });
});
