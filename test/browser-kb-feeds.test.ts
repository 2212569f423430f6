// A fresh install's knowledge base in Chromium: the empty state says how to fill it; the root
// organisation's admin defines a feed against a provider on this machine, runs it and follows it; an
// analyst imports a folder's worth of documents in one run; another organisation sees feeds refused.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/platform/access.js';
import { createServices, defaultServiceOptions } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/test-backends.js';
import { expectNoAxeViolations, launchChromium, loginPage, wait, webDir } from './support/browser.js';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PASSWORD = 'browser test password';

describe('knowledge feeds and bulk import in Chromium', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let provider: Server;
  let base = '';
  let providerBase = '';
  let delayMs = 0;

  beforeAll(async () => {
    const kev = JSON.parse(readFileSync(join(shared, 'kev/known_exploited_vulnerabilities.json'), 'utf8')) as { vulnerabilities: unknown[] };
    const slice = JSON.stringify({ ...kev, count: 12, vulnerabilities: kev.vulnerabilities.slice(0, 12) });
    provider = createServer((req, res) => {
      if (req.url !== '/kev.json') {
        res.writeHead(404).end();
        return;
      }
      // A slow provider, so the console shows the run under way.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json', etag: '"kev-1"' }).end(slice), delayMs);
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    providerBase = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

    database = await createTestDatabase('pglite');
    const services = createServices(database, { ...defaultServiceOptions, allowPrivateUrls: true });
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'National CERT', level: 'national', parentId: null });
    const plant = await services.orgs.create(op, { name: 'Water Works', level: 'enterprise', parentId: root.id });
    await services.users.create(op, { username: 'root', orgId: root.id, role: 'admin', password: PASSWORD });
    await services.users.create(op, { username: 'plant', orgId: plant.id, role: 'admin', password: PASSWORD });
    app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
    await new Promise((resolve) => provider?.close(resolve));
  });

  const login = (who: string): Promise<Page> => loginPage(browser, base, who, PASSWORD);

  it('says on a fresh install how to fill the knowledge base', async () => {
    const page = await login('plant');
    await page.goto(`${base}/knowledge`);
    const guide = page.locator('[data-testid="kb-fill-guide"]');
    await guide.waitFor(wait);
    expect(await guide.textContent()).toMatch(/ships without third-party advisories/);
    expect(await guide.getByRole('link', { name: 'Knowledge feeds' }).getAttribute('href')).toBe('/knowledge/feeds');
    expect(await guide.getByRole('link', { name: 'Import files' }).getAttribute('href')).toBe('/knowledge/imports');
    expect(await guide.textContent()).toContain('bulwark kb feeds add');
    await expectNoAxeViolations(page, 'empty knowledge base');
    // The imports page, with nothing imported yet, says the same.
    await page.goto(`${base}/knowledge/imports`);
    await page.locator('[data-testid="kb-fill-guide"]').waitFor(wait);
    await page.close();
  });

  it('lets the root organisation’s admin define a feed, run it, follow its progress and read its result', async () => {
    const page = await login('root');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/knowledge/feeds`);
    await page.getByText('No knowledge feeds yet.').waitFor(wait);
    await expectNoAxeViolations(page, 'feeds page, empty');

    await page.getByRole('button', { name: 'New feed' }).click();
    const dialog = page.locator('[data-testid="kb-feed-dialog"]');
    await dialog.waitFor(wait);
    // The form says what is wrong before anything is sent.
    await dialog.getByRole('button', { name: 'Create feed' }).click();
    await expect.poll(() => dialog.textContent(), wait).toMatch(/Enter an http or https URL/);
    await dialog.getByLabel('Name').fill('kev');
    await dialog.getByLabel('Kind').selectOption('kev');
    await dialog.getByLabel('URL').fill(`${providerBase}/kev.json`);
    await dialog.getByLabel('Every (minutes)').fill('1440');
    await expectNoAxeViolations(page, 'feed form');
    await dialog.getByRole('button', { name: 'Create feed' }).click();
    await page.getByText('Created feed kev.').waitFor(wait);
    const row = page.locator('[data-testid="kb-feeds-table"] tbody tr', { hasText: 'kev' });
    expect(await row.textContent()).toMatch(/every 1 d/);

    delayMs = 2500;
    await row.getByRole('button', { name: 'Run now: kev' }).click();
    await row.locator('[data-testid="kb-feed-progress"]').waitFor(wait);
    // The page asks again by itself until the run is over.
    const result = row.locator('[data-testid="kb-feed-result"]');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/1 documents: 12 vulnerabilities/);
    await expectNoAxeViolations(page, 'feeds page with a result');

    // Run again: the provider's ETag says nothing changed.
    delayMs = 0;
    await row.getByRole('button', { name: 'Run now: kev' }).click();
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Nothing new \(1 requests, 1 not modified\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells another organisation that feeds are the root organisation’s, and points to imports', async () => {
    const page = await login('plant');
    await page.goto(`${base}/knowledge/feeds`);
    await page.getByText('Knowledge feeds belong to the root organisation.').waitFor(wait);
    expect(await page.getByRole('button', { name: 'New feed' }).count()).toBe(0);
    await page.close();
  });

  it('imports a folder’s documents in one run and lists what it refused', async () => {
    const page = await login('plant');
    await page.goto(`${base}/knowledge/imports`);
    const form = page.locator('[data-testid="bulk-import"]');
    await form.waitFor(wait);
    const dir = join(shared, 'cve5');
    const files = readdirSync(dir)
      .slice(0, 4)
      .map((f) => ({ name: f, mimeType: 'application/json', buffer: readFileSync(join(dir, f)) }));
    await form.locator('input[name="bulkFiles"]').setInputFiles([...files, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not knowledge') }]);
    await expect.poll(() => form.locator('[data-testid="bulk-selection"]').textContent(), wait).toMatch(/4 JSON or XML documents of 5 files/);
    await form.getByRole('button', { name: 'Upload all' }).click();
    const report = form.locator('[data-testid="bulk-report"]');
    await report.waitFor(wait);
    expect(await report.textContent()).toMatch(/4 documents, 4 records: 4 vulnerabilities/);
    await expectNoAxeViolations(page, 'imports page after a bulk import');
    await page.close();
  });
});
