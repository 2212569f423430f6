// Screenshots of the console for docs/screenshots/, taken from a running server with the demo data
// and a knowledge base filled from the shared CSAF and KEV files (read at run time, never copied).
// Run after `npm run build`: npx tsx scripts/screenshots.ts [--data ../shared/data] [--out docs/screenshots]
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { seedDemo } from '../src/demo/bootstrap.js';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/platform/access.js';
import { createServices, defaultServiceOptions } from '../src/services.js';
import { migrateToLatest } from '../src/storage/index.js';
import { openDatabase } from '../src/storage/open.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data' }, out: { type: 'string', default: 'docs/screenshots' } } });
const dataDir = resolve(values.data);
const outDir = resolve(values.out);
const webDir = resolve('dist/web');
const PASSWORD = 'screenshots password';

async function shot(page: Page, name: string, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ timeout: 180_000 });
  // Let late sections (exposures, sightings) settle before the picture.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  process.stdout.write(`${join(values.out, `${name}.png`)}\n`);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-screenshots-'));
  const database = await openDatabase({ dataDir: dir });
  await migrateToLatest(database);
  const services = createServices(database, { ...defaultServiceOptions, spoolDir: join(dir, 'spool') });
  const op = systemActor('screenshots');
  await seedDemo(services, op, PASSWORD);
  await services.captures.idle();
  if (process.env['SHOTS_QUICK'] === undefined) await services.knowledge.importFrom(op, join(dataDir, 'csaf/OT/2024'));
  await services.knowledge.importFrom(op, join(dataDir, 'kev/known_exploited_vulnerabilities.json'));
  const app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 24, secureCookies: false, webDir }, logger: false });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    await mkdir(outDir, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The embedded database shares this process: right after a large import the first pages can be slow.
    page.setDefaultTimeout(180_000);
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(`${base}/login`);
    await page.waitForLoadState('networkidle');
    // The water utility's engineer sees the plant with its capture; the demo users share the password.
    await page.fill('input[name="username"]', 'ops.riverside');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${base}/assets?sort=exposures&order=desc`);
    await shot(page, 'assets-table', '[data-testid="assets-table"] tbody tr');

    // The asset page says most for an asset that is exposed and appears in the capture.
    const listed = (await services.assets.list(op, { sort: 'exposures', order: 'desc', limit: 50 })).items;
    const contexts = await Promise.all(listed.map((a) => services.search.assetContext(op, a.id)));
    const chosen = contexts.find((c) => c.captures.length > 0 && c.asset.exposure.affected > 0) ?? contexts.find((c) => c.captures.length > 0) ?? contexts[0];
    await page.goto(`${base}/assets/${chosen?.asset.id ?? ''}`);
    await shot(page, 'asset-page', '[data-testid="asset-identity"]');

    await page.goto(`${base}/exposures`);
    await shot(page, 'exposure-list', 'main table tbody tr');

    // The demo sensor's last 24 hours, narrowed to the operations that change what a PLC runs.
    await page.goto(`${base}/events?q=${encodeURIComponent('action:(stop,start,program-download)')}`);
    await page.locator('[data-testid="events-histogram"] canvas').first().waitFor();
    await shot(page, 'events', '[data-testid="events-table"] tbody tr');

    await page.goto(`${base}/sources`);
    await shot(page, 'sources', '[data-testid="sensors-table"] tbody tr');
  } finally {
    await browser.close();
    await app.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
