// A person in Chromium on the Events and Sources pages: query with suggestions, the histogram, an
// expanded event, paging, the live tail receiving a posted event, top values; sources as admin and viewer.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import type { EventDraft } from '../src/modules/sensing/index.js';
import { innerScrollBoxes, loginPage, startConsole, wait, type ConsoleServer } from './support/browser.js';

const PASSWORD = 'events browser test password';
const minute = 60_000;

/** Routine polling every minute of the last three hours, and one PLC stop an hour ago with its raw syslog line. */
function drafts(now: number): EventDraft[] {
  const out: EventDraft[] = [];
  for (let i = 1; i <= 180; i++) {
    out.push({
      time: new Date(now - i * minute).toISOString(),
      kind: 'operation',
      severity: 'info',
      message: `modbus Read Holding Registers poll ${i} 10.20.2.21 -> 10.20.1.20`,
      fields: { source: { ip: '10.20.2.21', port: 49152 }, destination: { ip: '10.20.1.20', port: 502 }, ics: { protocol: 'modbus', operation: 'read', function: 'Read Holding Registers', unit: 1 } },
    });
  }
  out.push({
    time: new Date(now - 60 * minute - 30_000).toISOString(),
    kind: 'operation',
    severity: 'high',
    message: 's7comm PLC Stop 10.20.2.30 -> 10.20.1.12',
    fields: { source: { ip: '10.20.2.30' }, destination: { ip: '10.20.1.12', port: 102 }, ics: { protocol: 's7comm', operation: 'stop', function: 'PLC Stop' }, observer: { name: 'span-port-1' } },
    raw: '<165>1 2026-12-07T10:00:00Z ews01 tia - - - PLC Stop requested by engineer',
    origin: { file: 'ews01.log', line: 42 },
  });
  return out;
}

describe('events and sources pages in Chromium', { timeout: 300_000 }, () => {
  let server: ConsoleServer;
  let plcId = '';

  beforeAll(async () => {
    server = await startConsole(async (services) => {
      const op = systemActor('test');
      const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
      const plant = await services.orgs.create(op, { name: 'Test Water Works', level: 'enterprise', parentId: root.id });
      await services.users.create(op, { username: 'admin', displayName: 'Plant Admin', orgId: plant.id, role: 'admin', password: PASSWORD });
      await services.users.create(op, { username: 'analyst', displayName: 'Plant Analyst', orgId: plant.id, role: 'analyst', password: PASSWORD });
      await services.users.create(op, { username: 'viewer', displayName: 'Plant Viewer', orgId: plant.id, role: 'viewer', password: PASSWORD });
      plcId = (await services.assets.create(op, { orgId: plant.id, name: 'Dosing PLC', ip: '10.20.1.12' })).id;
      const result = await services.sensing.ingest.offer({ orgId: plant.id, tlp: 'amber', sharedUpward: false, source: { type: 'http', id: 'test-feed', name: 'test feed' } }, drafts(Date.now()));
      expect(result.accepted).toBe(true);
      await services.sensing.ingest.flush();
    });
  }, 180_000);

  afterAll(async () => {
    await server?.services.sensing.close();
    await server?.close();
  });

  const rows = (page: Page) => page.locator('[data-testid="events-table"] > tbody > tr[data-id]');

  async function openEvents(page: Page, search = ''): Promise<void> {
    await page.goto(`${server.base}/events${search}`);
    await expect.poll(() => page.locator('[data-testid="events-total"]').textContent(), wait).toMatch(/events/);
  }

  it('shows the last 24 hours with a histogram, pages on, and narrows the query with suggested fields', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openEvents(page);
    expect(await page.locator('[data-testid="events-total"]').textContent()).toContain('181 events');
    await expect.poll(() => page.locator('[data-testid="events-histogram"] canvas').count(), wait).toBeGreaterThan(0);
    await expect.poll(() => rows(page).count(), wait).toBe(100);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows(page).count(), wait).toBe(181);
    expect(await page.locator('[data-testid="events-shown"]').textContent()).toMatch(/181\s+of 181 shown/);

    const query = page.locator('[data-testid="events-query"]');
    await query.click();
    await query.pressSequentially('ics.op');
    await expect.poll(() => page.getByRole('listbox', { name: 'Fields' }).getByRole('option').allTextContents(), wait).toEqual([expect.stringContaining('ics.operation')]);
    await query.press('Enter');
    expect(await query.inputValue()).toBe('ics.operation:');
    await query.pressSequentially('stop');
    await query.press('Enter');
    await page.waitForURL(/q=ics.operation%3Astop/, wait);
    await expect.poll(() => rows(page).count(), wait).toBe(1);
    expect(await rows(page).first().textContent()).toContain('PLC Stop');
    expect(await page.locator('[data-testid="events-total"]').textContent()).toContain('1 events');
    // The URL holds the query: a reload (a shared link) shows the same.
    await page.reload();
    await expect.poll(() => rows(page).count(), wait).toBe(1);
    expect(await query.inputValue()).toBe('ics.operation:stop');
    // A query the server refuses is said once, with where it is wrong.
    await query.fill('ics.operation:stop nosuch.field:1');
    await query.press('Enter');
    await expect.poll(() => page.getByRole('alert').allTextContents(), wait).toEqual([expect.stringMatching(/The query was not run.*at 19: unknown field "nosuch.field"/s)]);
    // The export holds what the query matches, not only the rows shown.
    await openEvents(page, '?q=protocol%3Amodbus');
    await expect.poll(() => rows(page).count(), wait).toBe(100);
    const [download] = await Promise.all([page.waitForEvent('download', wait), page.getByTestId('events-export').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time,severity,kind,source,message,source.ip,destination.ip,protocol,action,source asset,destination asset,id');
    expect(lines).toHaveLength(181);
    expect(lines.slice(1).every((l) => l.includes(',modbus,read,'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('expands an event: fields as a tree, raw text, origin, the asset link, and a field value filters', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await openEvents(page, '?q=severity%3Ahigh');
    await expect.poll(() => rows(page).count(), wait).toBe(1);
    const row = rows(page).first();
    await row.getByRole('link', { name: '10.20.1.12:102' }).waitFor(wait);
    expect(await row.getByRole('link', { name: '10.20.1.12:102' }).getAttribute('href')).toBe(`/assets/${plcId}`);
    await row.getByRole('button', { name: /Details of the event/ }).click();
    const detail = page.locator('[data-testid="event-detail"]');
    await expect.poll(() => detail.locator('[data-testid="event-raw"]').textContent(), wait).toContain('PLC Stop requested by engineer');
    expect(await detail.locator('[data-testid="event-origin"]').textContent()).toBe('ews01.log:42');
    const fields = await detail.locator('[data-testid="event-fields"]').innerText();
    expect(fields).toMatch(/^ics\n(\w+ .+\n)*protocol s7comm$/m);
    // Leaves sit one level under their section.
    expect(await detail.locator('li', { hasText: 'protocol s7comm' }).evaluate((li) => (li as unknown as { style: { paddingLeft: string } }).style.paddingLeft)).toBe('1.1rem');
    await detail.getByRole('button', { name: 'span-port-1' }).click();
    await page.waitForURL(/observer.name%3Aspan-port-1/, wait);
    await expect.poll(() => page.locator('[data-testid="events-query"]').inputValue(), wait).toBe('severity:high observer.name:span-port-1');
    await page.close();
  });

  it('adds a filter from the top values, and narrows the range by clicking the histogram', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await openEvents(page);
    const top = page.locator('[data-testid="events-top"]');
    await top.getByLabel('Field').selectOption('destination.ip');
    await expect.poll(() => top.getByRole('button').allTextContents(), wait).toEqual([expect.stringMatching(/^10\.20\.1\.20\s*180$/), expect.stringMatching(/^10\.20\.1\.12\s*1$/)]);
    await top.getByRole('button', { name: /10\.20\.1\.12/ }).click();
    await page.waitForURL(/q=destination.ip%3A10.20.1.12/, wait);
    await expect.poll(() => rows(page).count(), wait).toBe(1);

    // Dragging across the chart's middle selects several buckets.
    await openEvents(page, '?range=1h');
    const chart = page.locator('[data-testid="events-histogram"]');
    await expect.poll(() => chart.locator('canvas').count(), wait).toBeGreaterThan(0);
    const area = await chart.boundingBox();
    const y = (area?.y ?? 0) + (area?.height ?? 0) * 0.5;
    await page.mouse.move((area?.x ?? 0) + (area?.width ?? 0) * 0.3, y);
    await page.mouse.down();
    await page.mouse.move((area?.x ?? 0) + (area?.width ?? 0) * 0.5, y, { steps: 8 });
    await page.mouse.move((area?.x ?? 0) + (area?.width ?? 0) * 0.7, y, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL(/from=.*&to=/, wait);
    const brushed = new URL(page.url());
    const brushedSpan = Date.parse(brushed.searchParams.get('to') ?? '') - Date.parse(brushed.searchParams.get('from') ?? '');
    expect(brushedSpan).toBeGreaterThan(10 * minute);
    expect(brushedSpan).toBeLessThan(40 * minute);

    await openEvents(page, '?range=1h');
    await expect.poll(() => chart.locator('canvas').count(), wait).toBeGreaterThan(0);
    const box = await chart.boundingBox();
    expect(box).not.toBeNull();
    // The right half of the chart is the last half hour, one polling event per minute.
    await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) * 0.75, (box?.y ?? 0) + (box?.height ?? 0) * 0.8);
    await page.waitForURL(/from=.*&to=/, wait);
    const url = new URL(page.url());
    const span = Date.parse(url.searchParams.get('to') ?? '') - Date.parse(url.searchParams.get('from') ?? '');
    expect(span).toBeGreaterThan(0);
    expect(span).toBeLessThanOrEqual(10 * minute);
    await expect.poll(() => page.getByTestId('events-range-custom').getAttribute('aria-pressed'), wait).toBe('true');
    await page.close();
  });

  it('keeps the events and sources tables in the page’s one scrollbar at 1024 and 1440 px', async () => {
    const page = await loginPage(server.browser, server.base, 'admin', PASSWORD);
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await openEvents(page);
      await expect.poll(() => rows(page).count(), wait).toBeGreaterThan(0);
      await rows(page).first().getByRole('button', { name: /Details of the event/ }).click();
      await page.locator('[data-testid="event-detail"]').waitFor(wait);
      expect(await innerScrollBoxes(page), `/events at ${width} px`).toEqual([]);
      await page.goto(`${server.base}/sources`);
      await page.getByRole('heading', { name: 'Sources' }).waitFor(wait);
      expect(await innerScrollBoxes(page), `/sources at ${width} px`).toEqual([]);
    }
    await page.close();
  });

  it('receives an event posted while the live tail is on, at the top, and holds it while paused', async () => {
    const page = await loginPage(server.browser, server.base, 'analyst', PASSWORD);
    await openEvents(page);
    await page.getByTestId('events-live').check();
    await expect.poll(() => page.getByTestId('events-live-status').getAttribute('data-status'), wait).toBe('live');
    const post = (message: string) =>
      page.evaluate<number>(`fetch('/api/v1/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: JSON.stringify({ time: new Date().toISOString(), kind: 'log', severity: 'medium', message: ${JSON.stringify(message)}, fields: { host: { name: 'hmi-01' } } }) + '\\n' }).then((r) => r.status)`);
    expect(await post('operator logged on at the HMI')).toBe(202);
    await expect.poll(() => rows(page).first().textContent(), wait).toContain('operator logged on at the HMI');
    expect(await rows(page).first().getAttribute('class')).toContain('event-live');

    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await post('second logon while paused')).toBe(202);
    await expect.poll(() => page.getByTestId('events-live-status').textContent(), wait).toContain('1 new');
    expect(await page.locator('main').textContent()).not.toContain('second logon while paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => rows(page).first().textContent(), wait).toContain('second logon while paused');
    await page.close();
  });

  it('lets an admin add, edit, start, stop and remove a syslog source, and add a sensor whose token shows once', async () => {
    const page = await loginPage(server.browser, server.base, 'admin', PASSWORD);
    await page.goto(`${server.base}/sources`);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByTestId('source-dialog');
    await dialog.getByLabel('Name').fill('plant switches');
    await dialog.getByLabel('Port').fill('99999');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await expect.poll(() => dialog.locator('[data-field-error="field-port"]').textContent(), wait).toContain('A port from 1 to 65535');
    await dialog.getByLabel('Port').fill(String(40_000 + Math.floor(Math.random() * 20_000)));
    await dialog.getByLabel('Running').uncheck();
    await dialog.getByRole('button', { name: 'Add source' }).click();
    const row = page.locator('[data-testid="sources-table"] tbody tr', { hasText: 'plant switches' });
    await expect.poll(() => row.count(), wait).toBe(1);
    expect(await row.textContent()).toContain('Syslog listener');
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('disabled');

    // Edit: the form opens with the source's values; stop and remove it from the row.
    await row.getByRole('button', { name: 'Edit source plant switches' }).click();
    expect(await dialog.getByLabel('Name').inputValue()).toBe('plant switches');
    await dialog.getByLabel('Name').fill('plant switches north');
    await dialog.getByRole('button', { name: 'Save source' }).click();
    const renamed = page.locator('[data-testid="sources-table"] tbody tr', { hasText: 'plant switches north' });
    await expect.poll(() => renamed.count(), wait).toBe(1);
    await renamed.getByRole('button', { name: 'Enable source plant switches north' }).click();
    await expect.poll(() => renamed.getByRole('button', { name: 'Disable source plant switches north' }).count(), wait).toBe(1);
    await renamed.getByRole('button', { name: 'Disable source plant switches north' }).click();
    await expect.poll(() => renamed.locator('[data-state]').getAttribute('data-state'), wait).toBe('disabled');
    await renamed.getByRole('button', { name: 'Remove source plant switches north' }).click();
    await renamed.getByRole('button', { name: /Yes, delete/ }).click();
    await expect.poll(() => renamed.count(), wait).toBe(0);

    await page.getByRole('button', { name: 'Add sensor' }).click();
    await page.getByTestId('sensor-dialog').getByLabel('Sensor name').fill('wtp-span');
    await page.getByTestId('sensor-dialog').getByRole('button', { name: 'Add sensor' }).click();
    await expect.poll(() => page.getByTestId('sensor-token').inputValue(), wait).toMatch(/^bwsn/);
    await expect.poll(() => page.locator('[data-testid="sensors-table"] tbody tr', { hasText: 'wtp-span' }).count(), wait).toBe(1);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('sensor-token').count()).toBe(0);
    // One source stays for the viewer to see.
    const created = await page.evaluate<number>(`fetch('/api/v1/sources', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'syslog', name: 'plant firewall', enabled: false, config: { protocol: 'udp', port: 45998 } }) }).then((r) => r.status)`);
    expect(created).toBe(201);
    await page.close();
  });

  it('shows a viewer the sources without the means to change them, and the API refuses', async () => {
    const page = await loginPage(server.browser, server.base, 'viewer', PASSWORD);
    await page.goto(`${server.base}/sources`);
    await expect.poll(() => page.locator('[data-testid="sensors-table"] tbody tr', { hasText: 'wtp-span' }).count(), wait).toBe(1);
    await expect.poll(() => page.locator('[data-testid="sources-table"] tbody tr', { hasText: 'plant firewall' }).count(), wait).toBe(1);
    expect(await page.getByRole('button', { name: 'Add source' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Edit source|Remove source|Revoke sensor/ }).count()).toBe(0);
    // How long events are kept is shown to everyone; only admins are told how to change it.
    await expect.poll(() => page.getByTestId('event-retention').textContent(), wait).toMatch(/^Events are kept \d+ days \(the server’s default\)\.$/);
    const status = await page.evaluate<number>(`fetch('/api/v1/sources', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'syslog', name: 'sneaky', config: { protocol: 'udp', port: 45999 } }) }).then((r) => r.status)`);
    expect(status).toBe(403);
    await page.close();
  });

  it('lists the asset’s recent events on its page, linked to the Events page filtered to it', async () => {
    const page = await loginPage(server.browser, server.base, 'viewer', PASSWORD);
    await page.goto(`${server.base}/assets/${plcId}`);
    const section = page.getByTestId('asset-events');
    await expect.poll(() => section.locator('tbody tr').count(), wait).toBe(1);
    expect(await section.textContent()).toContain('PLC Stop');
    await section.getByTestId('asset-events-link').click();
    await page.waitForURL(/\/events\?q=asset%3A/, wait);
    await expect.poll(() => rows(page).count(), wait).toBe(1);
    await page.close();
  });
});
