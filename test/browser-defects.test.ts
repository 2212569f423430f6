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
import { innerScrollBoxes, launchChromium, loginPage, wait, webDir } from './support/browser.js';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const PASSWORD = 'browser test password';

/**
 * A shared classic pcap (little-endian, microseconds) whose last record is moved to `seconds` after
 * the first, so the capture lasts exactly that long. The other records stay earlier than the last one.
 */
function retimedPcap(file: string, seconds: number): Buffer {
  const pcap = Buffer.from(readFileSync(join(shared, file)));
  expect(pcap.readUInt32LE(0)).toBe(0xa1b2c3d4);
  const firstAt = pcap.readUInt32LE(24) + pcap.readUInt32LE(28) / 1e6;
  let last = 24;
  for (let at = 24; at + 16 <= pcap.length; at += 16 + pcap.readUInt32LE(at + 8)) last = at;
  const lastAt = firstAt + seconds;
  const whole = Math.floor(lastAt);
  pcap.writeUInt32LE(whole, last);
  pcap.writeUInt32LE(Math.round((lastAt - whole) * 1e6), last + 4);
  return pcap;
}

/** Each row of a DataTable as { header text: cell text }, read in one go. */
function tableRows(page: Page, testId: string): Promise<Record<string, string>[]> {
  return page.evaluate<Record<string, string>[]>(`(() => {
    const table = document.querySelector('[data-testid="${testId}"] table') || document.querySelector('table[data-testid="${testId}"]');
    if (table === null) return [];
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    return [...table.querySelectorAll('tbody tr')].map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [headers[i] || String(i), td.textContent.trim()])));
  })()`);
}

// Issue 11, defects 4, 5, 6 and 7 as a person sees them in Chromium; until now only the API and
// the formatting functions were tested, not what the console draws from them.
describe('issue 11 defects in Chromium', { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let spoolDir = '';
  let layoutJob = '';
  const durationJobs: { id: string; seconds: number }[] = [];

  beforeAll(async () => {
    spoolDir = await mkdtemp(join(tmpdir(), 'bulwark-browser-defects-'));
    database = await createTestDatabase('pglite');
    const services = createServices(database, { ...defaultServiceOptions, captureLimit: 1 << 22, spoolDir });
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
    const user = await services.users.create(op, { username: 'analyst', orgId: root.id, role: 'analyst', password: PASSWORD });
    // 19-043-03 carries WIBU-SYSTEMS records that mention Siemens; 19-106-03 names five vendors in one
    // product-tree string; 24-284-01 lists Siemens CPUs by order number.
    for (const f of ['2019/icsa-19-043-03.json', '2024/icsa-24-284-09.json', '2024/icsa-24-102-01.json', '2019/icsa-19-106-03.json', '2024/icsa-24-284-01.json']) {
      await services.knowledge.importFrom(op, join(shared, 'csaf/OT', f));
    }
    app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = (await services.auth.createToken(op, { name: 'test', userId: user.id })).token;
    const upload = async (name: string, payload: Buffer): Promise<string> => {
      const r = await app.inject({ method: 'POST', url: `/api/v1/captures?name=${name}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.tcpdump.pcap' }, payload });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return (JSON.parse(r.body) as { id: string }).id;
    };
    layoutJob = await upload('modbus.pcap', readFileSync(join(shared, 'pcaps/modbus/modbus_test_data_part1.pcap')));
    // Lengths the old formatter split before rounding: "60 s", "2 min 60 s" (the reported 179.79 s) and "1 h 60 min".
    for (const seconds of [59.7, 179.79, 7199.7]) durationJobs.push({ id: await upload(`lasts-${seconds}.pcap`, retimedPcap('pcaps/modbus/modbusSmall.pcap', seconds)), seconds });
    await services.captures.idle();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
    if (spoolDir !== '') await rm(spoolDir, { recursive: true, force: true });
  });

  const login = (): Promise<Page> => loginPage(browser, base, 'analyst', PASSWORD);

  // Defect 5. Before the fix CSAF records had no title, so the Title cell fell back to the CVE id
  // (or "untitled") and showed no products; and "Siemens" put WIBU-SYSTEMS records first, so the
  // index of the first WIBU row was below the last Siemens row.
  it('titles CSAF records in knowledge search with the advisory and its products, Siemens before WIBU-SYSTEMS', async () => {
    const page = await login();
    await page.goto(`${base}/knowledge?q=SIMATIC&limit=50`);
    // Rows with a Title cell: the results, not the "Loading…" row.
    await expect.poll(async () => (await tableRows(page, 'kb-results-table')).filter((r) => 'Title' in r).length, wait).toBeGreaterThan(0);
    for (const row of await tableRows(page, 'kb-results-table')) {
      const title = row['Title'] ?? '';
      const cves = (row['ID / alias'] ?? '').match(/CVE-\d{4}-\d+/g) ?? [];
      expect(title).not.toMatch(/untitled/i);
      expect(cves.some((cve) => title.startsWith(cve))).toBe(false);
      // The products follow the title after a middle dot.
      expect(title).toMatch(/^\S.* · \S/);
    }
    expect((await tableRows(page, 'kb-results-table')).some((r) => /^Siemens SIMATIC S7-1500.* · .*TM MFP/.test(r['Title'] ?? ''))).toBe(true);

    await page.goto(`${base}/knowledge?q=Siemens&limit=50`);
    await expect.poll(async () => (await tableRows(page, 'kb-results-table')).some((r) => /wibu/i.test(r['Vendors'] ?? '')), wait).toBe(true);
    const vendors = (await tableRows(page, 'kb-results-table')).map((r) => r['Vendors'] ?? '');
    const siemens = vendors.flatMap((v, i) => (v === 'Siemens' ? [i] : []));
    expect(siemens.length).toBeGreaterThan(0);
    expect(vendors.findIndex((v) => /wibu/i.test(v))).toBeGreaterThan(Math.max(...siemens));
    await page.close();
  });

  // Defect 6. Before the fix the vendors table had one row "ABB, Phoenix Contact, Schneider Electric,
  // Siemens, and WAGO", and Siemens had one product per order number (no "Order numbers" on the family).
  it('lists each vendor of a multi-vendor advisory apart and shows a Siemens family with its order numbers', async () => {
    const page = await login();
    await page.goto(`${base}/knowledge/vendors`);
    await expect.poll(async () => (await tableRows(page, 'vendors-table')).map((r) => r['Vendor']), wait).toContain('WAGO');
    const names = (await tableRows(page, 'vendors-table')).map((r) => r['Vendor'] ?? '');
    for (const vendor of ['ABB', 'Phoenix Contact', 'Schneider Electric', 'Siemens', 'WAGO']) expect(names).toContain(vendor);
    expect(names.filter((n) => n.includes(',') || /\band\b/.test(n))).toEqual([]);

    await page.locator('[data-testid="vendors-table"] tbody tr', { hasText: /^Siemens/ }).first().click();
    await page.waitForURL(/\/knowledge\/vendors\//, wait);
    await expect.poll(async () => (await tableRows(page, 'vendor-products')).length, wait).toBeGreaterThan(0);
    // A family written with its order number in parentheses is folded into one product. (19-106-03
    // names one product by its bare order number, "6ES7211-1AE40-0XB0": that name stays as written.)
    const products = (await tableRows(page, 'vendor-products')).map((r) => Object.values(r).join(' '));
    expect(products.filter((p) => /\(\s*6[A-Z]{2}\d/.test(p))).toEqual([]);

    await page.goto(`${base}/knowledge/products?${new URLSearchParams({ id: 'siemens/simatic s7-1500 cpu 1516-3 pn/dp' }).toString()}`);
    const variants = page.getByTestId('product-variants');
    await expect.poll(() => variants.textContent(), wait).toContain('6ES7516-3AN01-0AB0');
    expect((await variants.textContent())?.split(', ').sort()).toEqual(['6ES7516-3AN01-0AB0', '6ES7516-3AN02-0AB0', '6ES7516-3AP03-0AB0']);
    await page.close();
  });

  // Defect 7. The old formatter split before rounding: 59.7 s read "60 s", 179.79 s "2 min 60 s" and
  // 7199.7 s "1 h 60 min"; each capture below lasts one of those.
  it('writes capture durations without a unit reading 60', async () => {
    const page = await login();
    const wellFormed = /^(\d\.\d\d s|[1-5]?\d s|[1-5]?\d min( [1-5]?\d s)?|\d+ h( [1-5]?\d min)?)$/;
    const expected = new Map([
      [59.7, '1 min'],
      [179.79, '3 min'],
      [7199.7, '2 h'],
    ]);
    for (const job of durationJobs) {
      await page.goto(`${base}/capture/${job.id}`);
      const value = page.locator('[data-testid="capture-stats"] .stat', { hasText: 'Duration' }).locator('.stat-value');
      await value.waitFor(wait);
      const text = ((await value.textContent()) ?? '').trim();
      expect(text, `${job.seconds} s`).toMatch(wellFormed);
      expect(text).not.toMatch(/\b60 (s|min)\b/);
      expect(text).toBe(expected.get(job.seconds));
    }
    await page.close();
  });

  // Defect 4. Before the fix the hosts and operations tables sat in overflow:auto boxes with a second
  // scrollbar (or were cut off at 1440 px); innerScrollBoxes names such a box, or a page scrolling sideways.
  // At 1024 px this test still found both tables scrolling sideways in .table-wrap (hosts 1092 px, operations
  // 1427 px in 990): capture-tables.css lets their cells wrap and the operations table hides Frame and Unit by default.
  it('keeps the capture inventory and operations tables in the page scroll at 1024 and 1440 px', async () => {
    const page = await login();
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${base}/capture/${layoutJob}?view=inventory`);
      await expect.poll(() => page.locator('[data-testid="hosts-table"] tbody tr').count(), wait).toBeGreaterThan(0);
      expect(await innerScrollBoxes(page), `inventory at ${width} px`).toEqual([]);
      await page.goto(`${base}/capture/${layoutJob}?view=operations`);
      await expect.poll(() => page.locator('[data-testid="operations-table"] tbody tr').count(), wait).toBeGreaterThan(1);
      expect(await innerScrollBoxes(page), `operations at ${width} px`).toEqual([]);
    }
    await page.close();
  });
});
