// Defect 11 in Chromium: relationships are listed with their two ends by name; a report page names what
// it contains and who made it; the object graph draws relationships as labelled links, names that do
// not overlap and labels drawn at 11 px or more.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/platform/access.js';
import { createServices, defaultServiceOptions } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/test-backends.js';
import { expectNoAxeViolationsIn } from './support/axe-scope.js';
import { launchChromium, loginPage, wait, webDir } from './support/browser.js';

const PASSWORD = 'browser test password';
const stamp = '2025-07-01T08:00:00.000Z';
const id = (type: string) => `${type}--${randomUUID()}`;
const identity = { type: 'identity', spec_version: '2.1', id: id('identity'), created: stamp, modified: stamp, name: 'Regional Water ISAC', identity_class: 'organization' };
const base = { spec_version: '2.1', created: stamp, modified: stamp, created_by_ref: identity.id };
const indicators = ['Modbus write burst from 203.0.113.9', 'DNP3 cold restart from 203.0.113.10', 'Beacon to pump-update.example'].map((name, i) => ({
  ...base,
  type: 'indicator',
  id: id('indicator'),
  name,
  pattern: `[ipv4-addr:value = '203.0.113.${9 + i}']`,
  pattern_type: 'stix',
  valid_from: stamp,
}));
const malware = ['PumpKiller', 'ValveWiper'].map((name) => ({ ...base, type: 'malware', id: id('malware'), name, is_family: true }));
const pick = <T,>(list: readonly T[], i: number): T => list[i] as T;
// Three "indicator indicates malware" relationships that differ only by their ends.
const relationships = [
  [0, 0],
  [1, 0],
  [2, 1],
].map(([i, m]) => ({ ...base, type: 'relationship', id: id('relationship'), relationship_type: 'indicates', source_ref: pick(indicators, i ?? 0).id, target_ref: pick(malware, m ?? 0).id }));
// A report whose creator and contents must read as names; one reference points at nothing held here.
const unknownRef = id('attack-pattern');
const report = {
  ...base,
  type: 'report',
  id: id('report'),
  name: 'Pump station campaign, July',
  published: stamp,
  report_types: ['campaign'],
  object_refs: [...indicators.map((o) => o.id), ...malware.map((o) => o.id), ...relationships.map((o) => o.id), unknownRef],
};

interface CyProbe {
  nodes: { id: string; box: { x1: number; x2: number; y1: number; y2: number } }[];
  edges: { source: string; target: string; label: string; px: number }[];
  zoom: number;
}

/** The drawn graph, read from Cytoscape itself (positions with labels, labels' on-screen size). */
function readGraph(page: Page, testId: string): Promise<CyProbe> {
  return page.evaluate<CyProbe>(`(() => {
    const cy = document.querySelector('[data-testid="${testId}"]')?._cyreg?.cy;
    if (cy === undefined) return { nodes: [], edges: [], zoom: 0 };
    const zoom = cy.zoom();
    return {
      zoom,
      nodes: cy.nodes().map((n) => ({ id: n.id(), box: n.boundingBox({ includeLabels: true, includeOverlays: false }) })),
      edges: cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), label: String(e.data('label') ?? ''), px: Number.parseFloat(String(e.style('font-size'))) * zoom })),
    };
  })()`);
}

const overlaps = (a: CyProbe['nodes'][number]['box'], b: CyProbe['nodes'][number]['box']) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('intelligence display in Chromium', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let url = '';

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const services = createServices(database, defaultServiceOptions);
    const op = systemActor('test');
    const root = await services.orgs.create(op, { name: 'Test CERT', level: 'national', parentId: null });
    await services.users.create(op, { username: 'analyst', orgId: root.id, role: 'analyst', password: PASSWORD });
    await services.intel.ingestObjects(op, root.id, [identity, ...indicators, ...malware, ...relationships, report], { source: 'ISAC', tlp: 'green' });
    app = await buildApp({ services, config: { bodyLimit: 1 << 20, uploadLimit: 1 << 22, secureCookies: false, webDir }, logger: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
  });

  it('lists each relationship with its two ends by name, each a link', async () => {
    const page = await loginPage(browser, url, 'analyst', PASSWORD);
    await page.goto(`${url}/intel?type=relationship`);
    const rows = page.locator('[data-testid="intel-objects-table"] tbody tr');
    await expect.poll(() => rows.count(), wait).toBe(3);
    const texts = await rows.locator('[data-testid="intel-endpoints"]').allTextContents();
    await expect.poll(async () => (await rows.locator('[data-testid="intel-endpoints"]').allTextContents()).join('|'), wait).toContain('PumpKiller');
    const expected = relationships.map((r) => `${indicators.find((i) => i.id === r.source_ref)?.name ?? ''} indicates ${malware.find((m) => m.id === r.target_ref)?.name ?? ''}`);
    expect((await rows.locator('[data-testid="intel-endpoints"]').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).sort()).toEqual(expected.sort());
    expect(texts.join(' ')).not.toContain('indicator indicates malware');
    const first = rows.locator(`[data-ref="${pick(malware, 1).id}"] a`);
    expect(await first.getAttribute('href')).toBe(`/intel/objects/${encodeURIComponent(pick(malware, 1).id)}`);
    await expectNoAxeViolationsIn(page, ['[data-testid="intel-objects-table"]'], 'relationships list');
    await page.close();
  });

  it('names a report’s contents and its creator instead of showing STIX ids', async () => {
    const page = await loginPage(browser, url, 'analyst', PASSWORD);
    await page.goto(`${url}/intel/objects/${report.id}`);
    const props = page.locator('[data-testid="intel-properties"]');
    await expect.poll(() => props.locator('[data-fact="Created by"]').textContent(), wait).toContain('Regional Water ISAC');
    const objects = props.locator('[data-fact="Objects"]');
    await expect.poll(() => objects.textContent(), wait).toContain('PumpKiller');
    const text = (await objects.textContent()) ?? '';
    for (const i of indicators) expect(text).toContain(i.name);
    // Relationships in the report read as sentences with their ends named.
    expect(text).toContain(`${pick(indicators, 2).name} indicates ValveWiper`);
    expect(text).not.toContain('indicator indicates malware');
    // What the reader cannot resolve reads as its type and short id, still a link.
    expect(text).toContain(`Attack pattern ${unknownRef.slice('attack-pattern--'.length, 'attack-pattern--'.length + 8)}`);
    expect(text).not.toMatch(/[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(await props.locator('[data-fact="Created by"] a').getAttribute('href')).toBe(`/intel/objects/${encodeURIComponent(identity.id)}`);
    await expectNoAxeViolationsIn(page, ['[data-testid="intel-properties"]', '[data-testid="intel-relationships"]'], 'report properties and relationships');
    await page.close();
  });

  it('draws relationships as labelled links between their ends, names apart, labels at 11 px or more', async () => {
    const page = await loginPage(browser, url, 'analyst', PASSWORD);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${url}/intel/objects/${report.id}`);
    await page.locator('[data-testid="intel-graph-canvas"] canvas').first().waitFor(wait);
    // The relationships' ends arrive with the second batch of names: wait for their links.
    await expect.poll(async () => (await readGraph(page, 'intel-graph-canvas')).edges.filter((e) => e.label === 'indicates').length, wait).toBe(3);
    const g = await readGraph(page, 'intel-graph-canvas');
    for (const r of relationships) {
      expect(g.edges).toContainEqual(expect.objectContaining({ source: r.source_ref, target: r.target_ref, label: 'indicates' }));
      expect(g.nodes.map((n) => n.id)).not.toContain(r.id);
    }
    for (const e of g.edges.filter((x) => x.label === 'indicates')) expect(e.px).toBeGreaterThanOrEqual(11);
    const clashes: string[] = [];
    for (let i = 0; i < g.nodes.length; i++) for (let j = i + 1; j < g.nodes.length; j++) if (overlaps(pick(g.nodes, i).box, pick(g.nodes, j).box)) clashes.push(`${pick(g.nodes, i).id} × ${pick(g.nodes, j).id}`);
    expect(clashes).toEqual([]);
    // The table below reads the same links by name.
    const table = page.locator('[data-testid="intel-neighbours"]');
    await expect.poll(() => table.textContent(), wait).toMatch(/DNP3 cold restart from 203\.0\.113\.10\s*indicates\s*Malware\s*PumpKiller/);
    await page.close();
  });
});
