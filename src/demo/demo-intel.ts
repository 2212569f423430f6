// The demo's threat intelligence, written by the project: a fictional campaign against water utilities
// that the national centre shares down the hierarchy, a sighting Riverside reports back up, and the
// TAXII collection the national centre publishes it in. Addresses are documentation ranges (RFC 5737),
// domains are under .example (RFC 2606); nothing here names a real actor or real infrastructure.
import { Readable } from 'node:stream';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '../platform/access.js';
import type { Services } from '../services.js';

/** Namespace of the demo's STIX identifiers: the same objects on every start, so re-seeding adds nothing. */
const DEMO_NAMESPACE = '6f0a3d4e-2b1c-5e8f-9a7d-3c4b5a6e7f80';
const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

const id = (type: string, name: string) => `${type}--${uuidv5(`${type}/${name}`, DEMO_NAMESPACE)}`;
const at = '2026-11-02T08:00:00.000Z';
const common = (type: string, name: string) => ({ type, spec_version: '2.1', id: id(type, name), created: at, modified: at });

export const demoCollection = { alias: 'demo-national-ics', title: 'National ICS indicators (demo)' } as const;

function nationalObjects(): Record<string, unknown>[] {
  const identity = { ...common('identity', 'national'), name: 'National ICS Security Centre (demo)', identity_class: 'organization', sectors: ['government-national'] };
  const actor = {
    ...common('intrusion-set', 'silent-reservoir'),
    name: 'Silent Reservoir (demo)',
    description: 'Fictional group used by the Bulwark demo: reconnaissance of water utilities and unauthorised writes to pump controllers.',
    aliases: ['DEMO-WATER-01'],
    goals: ['disrupt water treatment'],
    first_seen: '2026-09-14T00:00:00Z',
    created_by_ref: identity.id,
    object_marking_refs: [TLP_GREEN],
  };
  const malware = {
    ...common('malware', 'tankspy'),
    name: 'TankSpy (demo)',
    description: 'Fictional implant that polls Modbus holding registers of pump and tank controllers and can write setpoints.',
    malware_types: ['remote-access-trojan'],
    is_family: true,
    capabilities: ['accesses-remote-machines', 'captures-config'],
    created_by_ref: identity.id,
    object_marking_refs: [TLP_GREEN],
  };
  const indicators = [
    { key: 'c2-ip', name: 'Silent Reservoir command server', pattern: "[ipv4-addr:value = '198.51.100.77']", types: ['malicious-activity'] },
    { key: 'c2-domain', name: 'Silent Reservoir update domain', pattern: "[domain-name:value = 'pump-updates.example']", types: ['malicious-activity'] },
    { key: 'implant-hash', name: 'TankSpy loader', pattern: "[file:hashes.'SHA-256' = 'a3f1c2d4e5b6a7988990aabbccddeeff00112233445566778899aabbccddeeff']", types: ['malicious-activity'] },
    { key: 'modbus-write', name: 'Setpoint writes from outside the control zone', pattern: "[network-traffic:dst_port = 502 AND network-traffic:src_ref.value ISSUBSET '203.0.113.0/24']", types: ['anomalous-activity'] },
  ].map((i) => ({
    ...common('indicator', i.key),
    name: i.name,
    pattern: i.pattern,
    pattern_type: 'stix',
    valid_from: at,
    indicator_types: i.types,
    labels: ['ics', 'water'],
    confidence: 70,
    kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'command-and-control' }],
    created_by_ref: identity.id,
    object_marking_refs: [TLP_GREEN],
  }));
  const technique = {
    ...common('attack-pattern', 'modify-parameter'),
    name: 'Modify Parameter',
    external_references: [{ source_name: 'mitre-ics-attack', external_id: 'T0836', url: 'https://attack.mitre.org/techniques/T0836' }],
    object_marking_refs: [TLP_GREEN],
  };
  const rel = (name: string, source: string, type: string, target: string) => ({
    ...common('relationship', name),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    created_by_ref: identity.id,
    object_marking_refs: [TLP_GREEN],
  });
  const relationships = [
    rel('actor-uses-malware', actor.id, 'uses', malware.id),
    rel('malware-uses-technique', malware.id, 'uses', technique.id),
    ...indicators.slice(0, 3).map((i, n) => rel(`indicator-${n}-indicates-malware`, i.id, 'indicates', malware.id)),
    rel('indicator-3-indicates-actor', indicators[3]?.id ?? '', 'indicates', actor.id),
  ];
  const report = {
    ...common('report', 'silent-reservoir-alert'),
    name: 'Alert: Silent Reservoir activity against water utilities (demo)',
    description: 'Indicators and behaviour of a fictional campaign, for the demo.',
    report_types: ['threat-actor', 'indicator'],
    published: at,
    object_refs: [actor.id, malware.id, technique.id, ...indicators.map((i) => i.id), ...relationships.map((r) => r.id)],
    labels: ['ics', 'water'],
    created_by_ref: identity.id,
    object_marking_refs: [TLP_GREEN],
  };
  return [identity, actor, malware, technique, ...indicators, ...relationships, report];
}

function riversideObjects(): Record<string, unknown>[] {
  const identity = { ...common('identity', 'riverside'), name: 'Riverside Water Utility (demo)', identity_class: 'organization', sectors: ['utilities'] };
  const sighting = {
    ...common('sighting', 'riverside-c2'),
    sighting_of_ref: id('indicator', 'c2-ip'),
    first_seen: '2026-11-03T02:14:00Z',
    last_seen: '2026-11-03T02:41:00Z',
    count: 3,
    where_sighted_refs: [identity.id],
    description: 'Outbound connections from the historian to the command server, blocked at the OT firewall.',
    created_by_ref: identity.id,
    object_marking_refs: [TLP_AMBER],
  };
  return [identity, sighting];
}

const bundle = (name: string, objects: readonly unknown[]) =>
  Readable.from([Buffer.from(JSON.stringify({ type: 'bundle', id: `bundle--${uuidv5(name, DEMO_NAMESPACE)}`, objects }))]);

/**
 * Imports the demo intelligence (idempotent: the same ids and versions deduplicate) and defines the
 * national collection unless it exists. Returns the objects stored by this call.
 */
export async function seedDemoIntel(services: Services, actor: Actor, orgs: { national: string; water: string; province: string }): Promise<number> {
  const national = await services.intel.importUpload(actor, bundle('national', nationalObjects()), {
    orgId: orgs.national,
    name: 'Silent Reservoir alert (demo)',
    tlp: 'green',
    sharedUpward: true,
    reliability: 'B',
  });
  const water = await services.intel.importUpload(actor, bundle('riverside', riversideObjects()), {
    orgId: orgs.water,
    name: 'Riverside sighting (demo)',
    tlp: 'amber',
    sharedUpward: true,
    reliability: 'C',
  });
  const existing = await services.database.db.selectFrom('taxii_collections').select('id').where('alias', '=', demoCollection.alias).executeTakeFirst();
  if (existing === undefined) {
    await services.taxii.createCollection(actor, {
      orgId: orgs.national,
      title: demoCollection.title,
      alias: demoCollection.alias,
      description: 'Published ICS indicators, TLP:GREEN or lower, for every organisation below the national centre.',
      filter: { types: ['indicator'], labels: ['ics'], tlpMax: 'green', excludeRevoked: true },
      readers: [{ orgId: orgs.national, roles: ['viewer', 'analyst', 'responder', 'admin'], descendants: true }],
      writers: [{ orgId: orgs.province, roles: ['analyst', 'admin'], descendants: false }],
    });
  }
  return national.stored + water.stored;
}
