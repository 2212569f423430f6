// Real objects for the generated input suite: the ids that routes with path parameters need, so
// that bad input is tried against objects that exist (where a careless route would go further).
import { randomUUID } from 'node:crypto';
import { systemActor } from '../../src/platform/access.js';
import { PASSWORD, type World } from './fixture.js';

export type ObjectKind =
  | 'token'
  | 'org'
  | 'user'
  | 'asset'
  | 'capture'
  | 'fingerprint'
  | 'intelImport'
  | 'stixObject'
  | 'taxiiCollection'
  | 'taxiiStatus'
  | 'feed'
  | 'kbFeed'
  | 'vulnerability'
  | 'kbSource'
  | 'vendor'
  | 'source'
  | 'event'
  | 'sensor'
  | 'eventImport'
  | 'rule'
  | 'alert'
  | 'suppression'
  | 'alertChannel'
  | 'notificationRule'
  | 'alertView'
  | 'baseline'
  | 'playbook';

/** Which object a path parameter names, by route (router form) and parameter name. */
const kinds: ReadonlyArray<[RegExp, string, ObjectKind]> = [
  [/^\/api\/v1\/tokens\//, 'id', 'token'],
  [/^\/api\/v1\/organisations\//, 'id', 'org'],
  [/^\/api\/v1\/users\//, 'id', 'user'],
  [/^\/api\/v1\/assets\//, 'id', 'asset'],
  // An exposure's vulnerability: a real one, whether or not the asset is exposed to it.
  [/^\/api\/v1\/assets\//, 'vulnId', 'vulnerability'],
  [/^\/api\/v1\/captures\//, 'id', 'capture'],
  [/^\/api\/v1\/capture\/fingerprints\//, 'id', 'fingerprint'],
  [/^\/api\/v1\/intel\/imports\//, 'id', 'intelImport'],
  [/^\/api\/v1\/intel\/objects\//, 'id', 'stixObject'],
  [/^\/api\/v1\/taxii\/collections\//, 'id', 'taxiiCollection'],
  [/^\/api\/v1\/taxii\/feeds\//, 'name', 'feed'],
  [/^\/api\/v1\/kb\/feeds\//, 'name', 'kbFeed'],
  [/^\/api\/v1\/kb\/vulnerabilities\//, 'id', 'vulnerability'],
  [/^\/api\/v1\/kb\/sources\//, 'id', 'kbSource'],
  [/^\/api\/v1\/kb\/vendors\//, 'id', 'vendor'],
  [/^\/api\/v1\/sources\//, 'id', 'source'],
  [/^\/api\/v1\/events\//, 'id', 'event'],
  [/^\/api\/v1\/sensors\//, 'id', 'sensor'],
  [/^\/api\/v1\/event-imports\//, 'id', 'eventImport'],
  [/^\/api\/v1\/rules\//, 'id', 'rule'],
  [/^\/api\/v1\/alerts\//, 'id', 'alert'],
  [/^\/api\/v1\/alert-suppressions\//, 'id', 'suppression'],
  [/^\/api\/v1\/alert-channels\//, 'id', 'alertChannel'],
  [/^\/api\/v1\/alert-notification-rules\//, 'id', 'notificationRule'],
  [/^\/api\/v1\/alert-views\//, 'id', 'alertView'],
  [/^\/api\/v1\/baselines\//, 'id', 'baseline'],
  [/^\/api\/v1\/playbooks\//, 'id', 'playbook'],
  [/^\/taxii2\//, 'collection', 'taxiiCollection'],
  [/^\/taxii2\//, 'object', 'stixObject'],
  [/^\/taxii2\//, 'status', 'taxiiStatus'],
];

export function kindOf(route: string, param: string): ObjectKind {
  const kind = kinds.find(([re, name]) => re.test(route) && name === param)?.[2];
  // A new route with a path parameter needs a real object here, or the suite cannot try it.
  if (kind === undefined) throw new Error(`no real object known for :${param} of ${route}: add it to test/support/fuzz-objects.ts`);
  return kind;
}

/** An empty pcap (global header only): a capture that analyses at once. */
const emptyPcap = (): Buffer => {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(0xa1b2c3d4, 0);
  b.writeUInt16LE(2, 4);
  b.writeUInt16LE(4, 6);
  b.writeUInt32LE(65535, 16);
  b.writeUInt32LE(1, 20);
  return b;
};

/** A rule matching events whose host name starts with fuzz-alert-. */
const fuzzRule = (id: string) => `title: ${id}\nid: ${id}\nlevel: low\nlogsource:\n  product: ics\ndetection:\n  selection:\n    host.name|startswith: fuzz-alert-\n  condition: selection\n`;

const json = <T>(r: { statusCode: number; body: string }, what: string): T => {
  if (r.statusCode >= 300) throw new Error(`cannot create ${what}: ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body) as T;
};

/**
 * Objects made on demand as the root admin and kept until a request deletes them (a 2xx DELETE
 * forgets the kind, and the next use makes a new one).
 */
export function fuzzObjects(w: World) {
  const admin = w.people.adminN;
  const made = new Map<ObjectKind, Promise<string>>();
  let serial = 0;
  let indicatorId = '';

  const create: Record<ObjectKind, () => Promise<string>> = {
    token: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/tokens', { name: `fuzz-${++serial}` }), 'token').id,
    org: async () => w.orgs.E1,
    user: async () => (await w.services.users.create(systemActor('fuzz'), { username: `fuzz.user${++serial}`, orgId: w.orgs.E1, role: 'viewer', password: PASSWORD })).id,
    asset: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/assets', { name: `fuzz-asset-${++serial}` }), 'asset').id,
    capture: async () => {
      const r = await w.request(admin, 'POST', `/api/v1/captures?name=fuzz-${++serial}&reanalyze=true`, emptyPcap(), { 'content-type': 'application/vnd.tcpdump.pcap' });
      const id = json<{ id: string }>(r, 'capture').id;
      await w.services.captures.idle();
      return id;
    },
    eventImport: async () => {
      const line = '{"event_type":"flow","timestamp":"2026-12-01T10:00:00Z","src_ip":"10.0.0.1","dest_ip":"10.0.0.2"}\n';
      return json<{ id: string }>(await w.request(admin, 'POST', `/api/v1/event-imports?name=fuzz-${++serial}.json&orgId=${w.orgs.N}`, line, { 'content-type': 'application/octet-stream' }), 'event import').id;
    },
    fingerprint: async () =>
      json<{ id: string }>(
        await w.request(admin, 'POST', '/api/v1/capture/fingerprints', { id: `fuzz.rule${++serial}`, name: 'Fuzz', when: { serves: 'modbus' }, then: { vendor: 'Fuzz' }, confidence: 0.5 }),
        'fingerprint rule',
      ).id,
    intelImport: async () => {
      indicatorId = `indicator--${randomUUID()}`;
      const indicator = { type: 'indicator', spec_version: '2.1', id: indicatorId, created: '2025-05-01T00:00:00.000Z', modified: '2025-05-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: '2025-05-01T00:00:00Z' };
      const bundle = JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [indicator] });
      return json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/intel/imports?name=fuzz', bundle, { 'content-type': 'application/stix+json;version=2.1' }), 'intel import').id;
    },
    stixObject: async () => {
      await idOf('intelImport');
      return indicatorId;
    },
    taxiiCollection: async () => {
      await idOf('intelImport');
      return json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/taxii/collections', { title: `Fuzz ${++serial}` }), 'TAXII collection').id;
    },
    taxiiStatus: async () => {
      const collection = await idOf('taxiiCollection');
      const r = await w.app.inject({
        method: 'POST',
        url: `/taxii2/api1/collections/${collection}/objects/`,
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/taxii+json;version=2.1', accept: 'application/taxii+json;version=2.1' },
        payload: JSON.stringify({ objects: [] }),
      });
      return json<{ id: string }>(r, 'TAXII status').id;
    },
    kbFeed: async () => {
      const name = `fuzz-kb-feed-${++serial}`;
      json(await w.request(admin, 'PUT', `/api/v1/kb/feeds/${name}`, { kind: 'kev', url: 'http://127.0.0.1:9/kev.json' }), 'knowledge feed');
      return name;
    },
    feed: async () => {
      const name = `fuzz-feed-${++serial}`;
      json(await w.app.inject({ method: 'PUT', url: `/api/v1/taxii/feeds/${name}`, headers: { authorization: `Bearer ${admin.token}` }, payload: { direction: 'pull', url: 'http://127.0.0.1:9/taxii2/api1/collections/none/' } }), 'feed');
      return name;
    },
    vulnerability: async () =>
      json<{ id: string }>(
        await w.request(admin, 'POST', '/api/v1/kb/vulnerabilities', { title: 'Fuzz vulnerability', description: 'Made by the generated input suite.', vendor: 'Fuzz Vendor', product: 'Fuzz Product', versions: 'all' }),
        'vulnerability',
      ).id,
    kbSource: async () => {
      const sources = json<{ items?: { id: string }[] } | { id: string }[]>(await w.request(admin, 'GET', '/api/v1/kb/sources'), 'source list');
      const first = (Array.isArray(sources) ? sources : sources.items ?? [])[0];
      if (first === undefined) throw new Error('no knowledge source to try');
      return first.id;
    },
    // Disabled: the world does not listen, and a port is taken once per transport.
    source: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/sources', { type: 'syslog', name: `fuzz-source-${++serial}`, enabled: false, config: { protocol: 'udp', port: 32_000 + serial } }), 'event source').id,
    vendor: async () => {
      await idOf('vulnerability');
      const vendors = json<{ items?: { id: string }[] } | { id: string }[]>(await w.request(admin, 'GET', '/api/v1/kb/vendors'), 'vendor list');
      const first = (Array.isArray(vendors) ? vendors : vendors.items ?? [])[0];
      if (first === undefined) throw new Error('no vendor to try');
      return first.id;
    },
    event: async () => {
      const id = `fuzz-event-${++serial}`;
      const line = JSON.stringify({ id, time: new Date().toISOString(), kind: 'log', severity: 'info', message: 'made by the generated input suite', fields: {} });
      json(await w.request(admin, 'POST', '/api/v1/events', line, { 'content-type': 'application/x-ndjson' }), 'event');
      await w.services.sensing.ingest.flush();
      return id;
    },
    sensor: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/sensors', { name: `fuzz-sensor-${++serial}` }), 'sensor').id,
    rule: async () => json<{ rules: { id: string }[] }>(await w.request(admin, 'POST', '/api/v1/rules', { text: fuzzRule(`fuzz-rule-${++serial}`) }), 'detection rule').rules[0]?.id ?? '',
    // An event the admin's own rule matches, through the detector: a real alert.
    alert: async () => {
      // its own rule: the suite may have disabled or removed the shared one
      json(await w.request(admin, 'POST', '/api/v1/rules', { text: fuzzRule(`fuzz-alert-rule-${++serial}`) }), 'detection rule');
      w.services.detection.start(w.services.sensing.bus);
      const marker = `fuzz-alert-${++serial}`;
      const line = JSON.stringify({ id: marker, time: new Date().toISOString(), kind: 'log', severity: 'info', message: 'made by the generated input suite', fields: { host: { name: marker }, ics: { protocol: 'modbus' } } });
      json(await w.request(admin, 'POST', '/api/v1/events', line, { 'content-type': 'application/x-ndjson' }), 'event');
      await w.services.sensing.ingest.flush();
      await w.services.detection.detector.idle();
      const page = json<{ items: { id: string; entity: string }[] }>(await w.request(admin, 'GET', '/api/v1/alerts?limit=500'), 'alert list');
      const alert = page.items.find((a) => a.entity === `host:${marker}`);
      if (alert === undefined) throw new Error('no alert raised for the generated input suite');
      return alert.id;
    },
    suppression: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/alert-suppressions', { entity: `host:fuzz-${++serial}`, reason: 'fuzz' }), 'suppression').id,
    // A webhook to a reserved address nothing answers: tests fail fast and say so.
    alertChannel: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/alert-channels', { kind: 'webhook', name: `fuzz-channel-${++serial}`, url: 'http://127.0.0.1:9/hook', secret: 'fuzz-signing-key-0123456789' }), 'alert channel').id,
    notificationRule: async () => {
      const channel = json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/alert-channels', { kind: 'mqtt', name: `fuzz-mqtt-${++serial}`, url: 'mqtt://127.0.0.1:9', topic: 'fuzz/alerts' }), 'alert channel');
      return json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/alert-notification-rules', { name: `fuzz-notify-${++serial}`, channelIds: [channel.id] }), 'notification rule').id;
    },
    // An operation event through the detector starts its organisation's baseline.
    playbook: async () => {
      const { markedPlaybook } = await import('../access-matrix/families/playbooks.family.js');
      return json<{ playbook: { id: string } }>(await w.request(admin, 'POST', '/api/v1/playbooks', markedPlaybook(`fuzz-playbook-${++serial}`)), 'playbook').playbook.id;
    },
    baseline: async () => {
      w.services.detection.start(w.services.sensing.bus);
      const line = JSON.stringify({ id: `fuzz-baseline-${++serial}`, time: new Date().toISOString(), kind: 'operation', severity: 'info', message: 'made by the generated input suite', fields: { source: { ip: '10.99.0.1' }, destination: { ip: '10.99.0.2' }, ics: { protocol: 'modbus', operation: 'read', function: 'Read Coils' } } });
      json(await w.request(admin, 'POST', '/api/v1/events', line, { 'content-type': 'application/x-ndjson' }), 'event');
      await w.services.sensing.ingest.flush();
      await w.services.detection.detector.idle();
      const first = json<{ items: { id: string }[] }>(await w.request(admin, 'GET', '/api/v1/baselines'), 'baseline list').items[0];
      if (first === undefined) throw new Error('no baseline started for the generated input suite');
      return first.id;
    },
    alertView: async () => json<{ id: string }>(await w.request(admin, 'POST', '/api/v1/alert-views', { name: `fuzz-view-${++serial}`, filter: { status: 'new' } }), 'alert view').id,
  };

  function idOf(kind: ObjectKind): Promise<string> {
    let id = made.get(kind);
    if (id === undefined) {
      id = create[kind]();
      made.set(kind, id);
    }
    return id;
  }

  return {
    idOf,
    /** The object was deleted: the next use makes another. */
    forget(kind: ObjectKind) {
      made.delete(kind);
      // The object comes from an import: a new one needs a new import.
      if (kind === 'stixObject') made.delete('intelImport');
    },
  };
}
