import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Role } from '../../platform/access.js';
import { createServices, type Services } from '../../services.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import type { StixObject } from './stix-facts.js';

const attackPath = fileURLToPath(new URL('../../../../shared/data/attack/ics-attack.json', import.meta.url));
const attack = JSON.parse(readFileSync(attackPath, 'utf8')) as { objects: StixObject[] };

const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const TLP_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

// Test data written for these tests: small STIX objects of our own.
function indicator(pattern: string, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2025-03-01T08:00:00.000Z',
    modified: '2025-03-01T08:00:00.000Z',
    name: `watch ${pattern}`,
    pattern,
    pattern_type: 'stix',
    valid_from: '2025-03-01T08:00:00Z',
    ...extra,
  };
}

function malware(name: string): StixObject {
  return { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2025-01-01T00:00:00.000Z', modified: '2025-01-01T00:00:00.000Z', name, is_family: true };
}

function relationship(type: string, source: string, target: string, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${randomUUID()}`,
    created: '2025-03-02T00:00:00.000Z',
    modified: '2025-03-02T00:00:00.000Z',
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    ...extra,
  };
}

function bundleOf(objects: readonly unknown[]): Readable {
  return Readable.from([Buffer.from(JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }))]);
}

function byKey(objects: readonly StixObject[]): Map<string, StixObject> {
  return new Map(objects.map((o) => [`${String(o['id'])}@${String(o['modified'] ?? o['created'] ?? '')}`, o]));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

describe.each(backends)('intelligence store on %s', (backend) => {
  let database: TestDatabase;
  let services: Services;
  const op = systemActor('test');
  const orgs = { N: '', P: '', E1: '', E2: '' };
  const people = {} as Record<'analystP' | 'viewerP' | 'analystE1' | 'viewerE1' | 'analystE2' | 'analystN', Actor>;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    services = createServices(database);
    const N = await services.orgs.create(op, { name: 'N', level: 'national', parentId: null });
    const P = await services.orgs.create(op, { name: 'P', level: 'provincial', parentId: N.id });
    const E1 = await services.orgs.create(op, { name: 'E1', level: 'enterprise', parentId: P.id });
    const E2 = await services.orgs.create(op, { name: 'E2', level: 'enterprise', parentId: P.id });
    Object.assign(orgs, { N: N.id, P: P.id, E1: E1.id, E2: E2.id });
    const person = async (username: string, org: { id: string; path: string }, role: Role): Promise<Actor> => {
      const u = await services.users.create(op, { username, orgId: org.id, role });
      return { kind: 'user', userId: u.id, username, orgId: org.id, orgPath: org.path, role };
    };
    people.analystN = await person('analyst.n', N, 'analyst');
    people.analystP = await person('analyst.p', P, 'analyst');
    people.viewerP = await person('viewer.p', P, 'viewer');
    people.analystE1 = await person('analyst.e1', E1, 'analyst');
    people.viewerE1 = await person('viewer.e1', E1, 'viewer');
    people.analystE2 = await person('analyst.e2', E2, 'analyst');
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('imports ATT&CK for ICS completely, deduplicates a second import and exports it back equal', async () => {
    const first = await services.intel.importFile(op, attackPath, { orgId: orgs.N, tlp: 'clear', source: 'mitre-attack', reliability: 'A' });
    expect(first).toMatchObject({ status: 'complete', objects: attack.objects.length, stored: attack.objects.length, invalid: 0, duplicates: 0 });
    expect(first.issues).toEqual([]);

    const again = await services.intel.importFile(op, attackPath, { orgId: orgs.N, tlp: 'clear', source: 'mitre-attack', reliability: 'A' });
    expect(again).toMatchObject({ stored: 0, duplicates: attack.objects.length, contradictions: 0 });

    const exported = await collect(services.intel.exportObjects(people.analystN, {}));
    expect(exported).toHaveLength(attack.objects.length);
    const original = byKey(attack.objects);
    const back = byKey(exported);
    expect([...back.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [key, object] of original) expect(back.get(key), key).toEqual(object);

    // The bundle text parses back to the same objects.
    const text = (await collect(services.intel.exportBundle(people.analystN, { types: ['x-mitre-tactic'] }))).join('');
    const parsed = JSON.parse(text) as { type: string; id: string; objects: StixObject[] };
    expect(parsed.type).toBe('bundle');
    expect(parsed.id).toMatch(/^bundle--/);
    expect(parsed.objects.filter((o) => o['type'] === 'x-mitre-tactic')).toHaveLength(12);
  });

  it('exports relationships with the objects and markings they refer to', async () => {
    const rel = attack.objects.find((o) => o['type'] === 'relationship' && o['relationship_type'] === 'mitigates') as StixObject;
    const out = await collect(services.intel.exportObjects(people.analystN, { ids: [rel['id'] as string] }));
    const ids = new Set(out.map((o) => o['id']));
    expect(ids.has(rel['id'])).toBe(true);
    expect(ids.has(rel['source_ref'])).toBe(true);
    expect(ids.has(rel['target_ref'])).toBe(true);
    for (const m of rel['object_marking_refs'] as string[]) expect(ids.has(m)).toBe(true);
    expect(ids.has(rel['created_by_ref'])).toBe(true);
    // Without dependencies only the selection goes out.
    expect(await collect(services.intel.exportObjects(people.analystN, { ids: [rel['id'] as string], dependencies: false }))).toHaveLength(1);
  });

  it('reports invalid objects with their index and path and stores the rest', async () => {
    const good = indicator("[ipv4-addr:value = '192.0.2.10']");
    const report = await services.intel.importFile(op, await tmpBundle([good, { type: 'indicator', id: 'nope' }, 'text', indicator("[domain-name:value = 'x.example']")]), { orgId: orgs.E1 });
    expect(report).toMatchObject({ objects: 4, stored: 2, invalid: 2 });
    expect(report.issues.map((i) => i.index)).toEqual(expect.arrayContaining([1, 2]));
    expect(report.issues.find((i) => i.index === 1)?.path).toBe('id');
  });

  it('keeps what came before broken JSON and says where reading stopped', async () => {
    const a = indicator("[ipv4-addr:value = '192.0.2.11']");
    const text = `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[${JSON.stringify(a)},{"type":`;
    const report = await services.intel.importUpload(people.analystE1, Readable.from([Buffer.from(text)]), { name: 'broken.json' });
    expect(report.status).toBe('failed');
    expect(report.stored).toBe(1);
    expect(report.issues.at(-1)).toMatchObject({ index: -1, code: 'syntax' });
    expect((await services.intel.getImport(people.analystE1, report.id)).status).toBe('failed');
    await expect(services.intel.getImport(people.analystE2, report.id)).rejects.toThrow(/not found/);
  });

  it('keeps every version, shows the newest, and serves versions and relationships', async () => {
    const v1 = indicator("[ipv4-addr:value = '198.51.100.7']", { confidence: 40 });
    const v2 = { ...v1, modified: '2025-04-01T00:00:00.000Z', confidence: 60, description: 'seen again' };
    const m = malware('PipeWrench');
    const rel = relationship('indicates', v1['id'] as string, m['id'] as string);
    await services.intel.importUpload(people.analystE1, bundleOf([v1, m, rel]), {});
    await services.intel.importUpload(people.analystE1, bundleOf([v2]), {});
    const detail = await services.intel.get(people.viewerE1, v1['id'] as string);
    expect(detail.versions.map((v) => v.version)).toEqual(['2025-04-01T00:00:00.000Z', '2025-03-01T08:00:00.000Z']);
    expect(detail.object['description']).toBe('seen again');
    expect(detail.summary.confidence).toBe(60);
    expect(detail.relationships).toEqual([expect.objectContaining({ id: rel['id'], relationshipType: 'indicates', direction: 'outgoing', targetRef: m['id'] })]);
    const incoming = await services.intel.get(people.viewerE1, m['id'] as string);
    expect(incoming.relationships[0]?.direction).toBe('incoming');
    // The list shows one row per id (the newest), all versions export on request.
    const page = await services.intel.list(people.viewerE1, { id: v1['id'] as string });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.version).toBe('2025-04-01T00:00:00.000Z');
    expect(await collect(services.intel.exportObjects(people.viewerE1, { ids: [v1['id'] as string], versions: 'all', dependencies: false }))).toHaveLength(2);
  });

  it('pages the list newest first without gaps or repeats', async () => {
    const objects = Array.from({ length: 23 }, (_, i) => indicator(`[ipv4-addr:value = '203.0.113.${i}']`, { labels: ['paging'] }));
    await services.intel.importUpload(people.analystE2, bundleOf(objects), {});
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await services.intel.list(people.analystE2, { label: 'paging', limit: 5, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen).toEqual(objects.map((o) => o['id']).reverse());
    await expect(services.intel.list(people.analystE2, { cursor: '!!' })).rejects.toThrow(/cursor/);
    await expect(services.intel.list(people.analystE2, { addedAfter: 'yesterday' })).rejects.toThrow(/timestamp/);
  });

  it('applies the sharing rule: own organisation, shared upward by TLP, never siblings', async () => {
    const privateOne = indicator("[file:hashes.'SHA-256' = 'aa11']");
    const sharedGreen = indicator("[file:hashes.'SHA-256' = 'bb22']", { object_marking_refs: [TLP_GREEN] });
    const sharedRed = indicator("[file:hashes.'SHA-256' = 'cc33']", { object_marking_refs: [TLP_RED] });
    await services.intel.importUpload(people.analystE1, bundleOf([privateOne]), {});
    await services.intel.importUpload(people.analystE1, bundleOf([sharedGreen, sharedRed]), { sharedUpward: true });
    const sees = async (who: Actor, o: StixObject) =>
      services.intel.get(who, o['id'] as string).then(
        () => true,
        (e: Error) => (/not found/.test(e.message) ? false : Promise.reject(e)),
      );
    expect(await sees(people.viewerE1, privateOne)).toBe(true);
    expect(await sees(people.analystP, privateOne)).toBe(false);
    expect(await sees(people.analystP, sharedGreen)).toBe(true);
    expect(await sees(people.analystN, sharedGreen)).toBe(true);
    expect(await sees(people.viewerP, sharedGreen)).toBe(false);
    expect(await sees(people.analystP, sharedRed)).toBe(false);
    expect(await sees(people.analystE2, sharedGreen)).toBe(false);
    const exportedToP = await collect(services.intel.exportObjects(people.analystP, { types: ['indicator'], labels: undefined }));
    expect(exportedToP.some((o) => o['id'] === sharedGreen['id'])).toBe(true);
    expect(exportedToP.some((o) => o['id'] === sharedRed['id'] || o['id'] === privateOne['id'])).toBe(false);
    const tlpCapped = await collect(services.intel.exportObjects(people.analystE1, { ids: [sharedGreen['id'] as string, privateOne['id'] as string], tlpMax: 'green' }));
    expect(tlpCapped.map((o) => o['id'])).toEqual([sharedGreen['id']]);
    expect((await services.intel.list(people.analystE2, { type: 'indicator', q: 'SHA-256' })).items).toEqual([]);
  });

  it('redacts granular-marked properties for receivers above the owner', async () => {
    const o = indicator("[ipv4-addr:value = '192.0.2.99']", {
      object_marking_refs: [TLP_GREEN],
      description: 'the plant where we saw it',
      granular_markings: [{ marking_ref: TLP_RED, selectors: ['description'] }],
    });
    await services.intel.importUpload(people.analystE1, bundleOf([o]), { sharedUpward: true });
    expect((await services.intel.get(people.analystE1, o['id'] as string)).object['description']).toBe('the plant where we saw it');
    const above = await services.intel.get(people.analystP, o['id'] as string);
    expect(above.object['description']).toBeUndefined();
    expect(above.object['pattern']).toBe(o['pattern']);
    const exported = await collect(services.intel.exportObjects(people.analystP, { ids: [o['id'] as string], dependencies: false }));
    expect(exported[0]?.['description']).toBeUndefined();
  });

  it('raises confidence when independent sources agree and not when one source repeats itself', async () => {
    const pattern = "[ipv4-addr:value = '100.64.9.9']";
    const mine = indicator(pattern, { confidence: 50, object_marking_refs: [TLP_GREEN] });
    await services.intel.importUpload(people.analystE1, bundleOf([mine]), { sharedUpward: true, source: 'plant-ids', reliability: 'B' });
    const alone = (await services.intel.get(people.analystE1, mine['id'] as string)).summary;
    expect(alone.displayedConfidence).toBe(50);
    expect(alone.sources).toBe(1);
    // The province holds the same pattern under another id from its own feed.
    const theirs = indicator(pattern, { confidence: 80 });
    await services.intel.importUpload(people.analystP, bundleOf([theirs]), { source: 'vendor-feed', reliability: 'A' });
    const corroborated = (await services.intel.get(people.analystP, theirs['id'] as string)).summary;
    expect(corroborated.sources).toBe(2);
    expect(corroborated.displayedConfidence).toBeGreaterThan(80);
    // E1 cannot see the province's holding, so its figure does not move (nothing leaks downward).
    expect((await services.intel.get(people.analystE1, mine['id'] as string)).summary.displayedConfidence).toBe(50);
    // The same source again in another organisation is not an independent voice.
    const echo = indicator(pattern, { confidence: 80 });
    await services.intel.importUpload(people.analystE2, bundleOf([echo]), { source: 'plant-ids', reliability: 'B', sharedUpward: true, tlp: 'green' });
    const again = (await services.intel.get(people.analystP, theirs['id'] as string)).summary;
    expect(again.sources).toBe(2);
  });

  it('flags contradictions: same version with other content, and revoked against asserted claims', async () => {
    const o = indicator("[ipv4-addr:value = '192.0.2.200']");
    const changed = { ...o, name: 'something else' };
    const first = await services.intel.importUpload(people.analystE1, bundleOf([o]), {});
    expect(first.stored).toBe(1);
    const clash = await services.intel.importUpload(people.analystE1, bundleOf([changed]), { source: 'other-feed' });
    expect(clash).toMatchObject({ stored: 0, contradictions: 1 });
    expect((await services.intel.get(people.analystE1, o['id'] as string)).object['name']).toBe(o['name']);
    // Another organisation holding the same version differently keeps its own, and both are flagged.
    const other = await services.intel.importUpload(people.analystE2, bundleOf([changed]), {});
    expect(other).toMatchObject({ stored: 1, conflictsFlagged: 1 });
    const seenByE1 = await services.intel.get(people.analystE1, o['id'] as string);
    expect(seenByE1.conflicts.map((c) => c.kind)).toEqual(['content', 'content']);

    // One source says the indicator points at the malware; another revokes that claim.
    const m = malware('GridRat');
    const ind = indicator("[ipv4-addr:value = '192.0.2.201']");
    const asserted = relationship('indicates', ind['id'] as string, m['id'] as string);
    await services.intel.importUpload(people.analystE1, bundleOf([m, ind, asserted]), { source: 'sensor-team' });
    const revoked = relationship('indicates', ind['id'] as string, m['id'] as string, { revoked: true });
    const r = await services.intel.importUpload(people.analystE1, bundleOf([revoked]), { source: 'vendor-advisory' });
    expect(r.conflictsFlagged).toBe(1);
    const conflicts = (await services.intel.get(people.analystE1, revoked['id'] as string)).conflicts;
    expect(conflicts[0]).toMatchObject({ kind: 'revoked', otherSource: 'sensor-team' });

    // An opinion from another voice disputing the malware.
    const opinion = {
      type: 'opinion',
      spec_version: '2.1',
      id: `opinion--${randomUUID()}`,
      created: '2025-03-05T00:00:00.000Z',
      modified: '2025-03-05T00:00:00.000Z',
      opinion: 'strongly-disagree',
      object_refs: [m['id']],
    };
    await services.intel.importUpload(people.analystE1, bundleOf([opinion]), { source: 'peer-review' });
    expect((await services.intel.get(people.analystE1, m['id'] as string)).conflicts.map((c) => c.kind)).toContain('disputed');
    // A sibling sees none of this.
    await expect(services.intel.get(people.analystE2, m['id'] as string)).rejects.toThrow(/not found/);
  });

  it('answers large uploads at once as pending and finishes them in the background', async () => {
    const { createIntelService } = await import('./intel.service.js');
    const { tmpdir } = await import('node:os');
    const intel = createIntelService(database, { spoolDir: tmpdir(), maxBundleBytes: 1024 * 1024, syncBundleBytes: 100 });
    const objects = Array.from({ length: 5 }, (_, i) => indicator(`[ipv4-addr:value = '192.0.2.${150 + i}']`));
    const pending = await intel.importUpload(people.analystE1, bundleOf(objects), { name: 'big.json' });
    expect(pending).toMatchObject({ status: 'pending', stored: 0, name: 'big.json' });
    await intel.idle();
    const done = await intel.getImport(people.analystE1, pending.id);
    expect(done).toMatchObject({ status: 'complete', stored: 5, objects: 5 });
    await expect(intel.importUpload(people.analystE1, Readable.from([Buffer.alloc(2 * 1024 * 1024, 32)]), {})).rejects.toThrow(/limited/);
    await expect(intel.importUpload(people.analystE1, bundleOf([]), {}, 5 * 1024 * 1024)).rejects.toThrow(/limited/);
  });

  it('deduplicates unversioned observables by content and refuses writers without the role', async () => {
    const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${randomUUID()}`, value: '192.0.2.77' };
    const a = await services.intel.importUpload(people.analystE1, bundleOf([ip, ip]), {});
    expect(a).toMatchObject({ stored: 1, duplicates: 1 });
    const b = await services.intel.importUpload(people.analystE1, bundleOf([ip]), {});
    expect(b).toMatchObject({ stored: 0, duplicates: 1 });
    await expect(services.intel.importUpload(people.viewerE1, bundleOf([ip]), {})).rejects.toThrow(/may not/);
    await expect(services.intel.importUpload(people.analystE1, bundleOf([ip]), { orgId: orgs.E2 })).rejects.toThrow(/own organisation/);
    await expect(services.intel.importUpload(op, bundleOf([ip]), {})).rejects.toThrow(/orgId/);
  });
});

async function tmpBundle(objects: readonly unknown[]): Promise<string> {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-intel-'));
  const path = join(dir, 'bundle.json');
  await writeFile(path, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }));
  return path;
}
