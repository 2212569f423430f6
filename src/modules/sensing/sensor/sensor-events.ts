// What a sensor ships: the capture analysis's operations log as 'operation' events, and, from each
// periodic snapshot, the hosts and communications that changed since the last one as 'host' and 'flow'
// events. ECS field names where ECS has one; industrial facts under `ics` in the capture vocabulary.
import type { CommunicationPair, DiscoveredHost, OperationRecord } from '../../capture/index.js';
import { createHash } from 'node:crypto';
import type { OperationClass } from '../../capture/dissectors/types.js';
import type { EndpointFields, EventDraft, EventSeverity } from '../types.js';

const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/**
 * The sensor names its events' ids itself: a hash of the observer and the draft, which the sensor builds
 * in one fixed order. A batch resent after a lost answer carries the same ids, so it stores nothing twice
 * whatever the server's route or source type.
 */
function withId(draft: EventDraft): EventDraft {
  return { id: `sn-${createHash('sha256').update(JSON.stringify(draft)).digest('hex').slice(0, 32)}`, ...draft };
}

/** Capture time (µs since the epoch) as ISO 8601. */
export function isoOfMicros(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString();
}

/** The analysis names an endpoint by IP when it has one, else by MAC. */
function endpoint(address: string): EndpointFields {
  return macPattern.test(address) ? { mac: address } : { ip: address };
}

/** Operations that change what a controller runs or how it runs matter most (ATT&CK for ICS T0843, T0858, T0816, T0839). */
const operationSeverity: Partial<Record<OperationClass, EventSeverity>> = {
  'program-download': 'high',
  'firmware-update': 'high',
  stop: 'high',
  'mode-change': 'high',
  restart: 'high',
  'program-upload': 'medium',
  'configuration-change': 'medium',
  start: 'medium',
  'file-operation': 'medium',
  write: 'low',
};

export function operationEvent(r: OperationRecord, observer: string): EventDraft {
  return withId(operationDraft(r, observer));
}

function operationDraft(r: OperationRecord, observer: string): EventDraft {
  const outcome = r.result === null ? 'unknown' : r.result === 'ok' ? 'success' : 'failure';
  const target = r.target === null ? '' : ` ${r.target}`;
  const folded = r.count > 1 ? ` (x${r.count})` : '';
  return {
    time: isoOfMicros(r.time),
    kind: 'operation',
    severity: operationSeverity[r.operation] ?? 'info',
    message: `${r.protocol} ${r.name}${target} ${r.source} -> ${r.destination}${folded}`,
    fields: {
      source: endpoint(r.source),
      destination: endpoint(r.destination),
      network: { protocol: r.protocol },
      event: { action: r.operation, outcome, category: ['network'], dataset: 'capture.operations' },
      observer: { name: observer, type: 'sensor' },
      ics: {
        protocol: r.protocol,
        operation: r.operation,
        function: r.name,
        ...(r.code === null ? {} : { code: r.code }),
        ...(r.target === null ? {} : { target: r.target }),
        ...(r.values === null ? {} : { values: r.values }),
        ...(r.unit === null ? {} : { unit: r.unit }),
        ...(r.result === null ? {} : { result: r.result }),
      },
      labels: {
        count: String(r.count),
        ...(r.count > 1 ? { last_frame: String(r.lastFrame), last_time: isoOfMicros(r.lastTime) } : {}),
        ...(r.detail === null ? {} : { detail: r.detail }),
      },
    },
    origin: { frame: r.frame, stream: `sensor:${observer}` },
  };
}

export function hostEvent(h: DiscoveredHost, observer: string): EventDraft {
  return withId(hostDraft(h, observer));
}

function hostDraft(h: DiscoveredHost, observer: string): EventDraft {
  const id = h.identity;
  const what = [id.vendor, id.model].filter((v) => v !== undefined).join(' ');
  const role = h.roles[0]?.role;
  const labels: Record<string, string> = { first_seen: isoOfMicros(h.firstSeen) };
  if (h.serves.length > 0) labels.serves = h.serves.join(',');
  if (h.uses.length > 0) labels.uses = h.uses.join(',');
  if (h.roles.length > 0) labels.roles = h.roles.map((r) => r.role).join(',');
  if (id.vendor !== undefined) labels.vendor = id.vendor;
  if (id.model !== undefined) labels.model = id.model;
  if (id.firmware !== undefined) labels.firmware = id.firmware;
  if (h.macVendor !== null) labels.mac_vendor = h.macVendor;
  const source: EndpointFields = { ...(h.ip === null ? {} : { ip: h.ip }), ...(h.mac === null ? {} : { mac: h.mac }), packets: h.packets, bytes: h.bytes };
  return {
    time: isoOfMicros(h.lastSeen),
    kind: 'host',
    severity: 'info',
    message: `host ${h.key}${what === '' ? '' : ` ${what}`}${role === undefined ? '' : ` (${role})`}: ${h.packets} packets`,
    fields: {
      source,
      host: { ...(id.name === undefined ? {} : { name: id.name }), ...(h.ip === null ? {} : { ip: h.ip }) },
      event: { action: 'host-observed', category: ['host'], dataset: 'capture.hosts' },
      observer: { name: observer, type: 'sensor' },
      labels,
    },
    origin: { stream: `sensor:${observer}` },
  };
}

export function flowEvent(c: CommunicationPair, observer: string): EventDraft {
  return withId(flowDraft(c, observer));
}

function flowDraft(c: CommunicationPair, observer: string): EventDraft {
  const protocol = c.protocol ?? (c.port === null ? c.transport : String(c.port));
  return {
    time: isoOfMicros(c.lastSeen),
    kind: 'flow',
    severity: 'info',
    message: `${protocol} ${c.client} -> ${c.server}${c.port === null ? '' : `:${c.port}`}: ${c.packets} packets, ${c.bytes} bytes`,
    fields: {
      source: { ...endpoint(c.client), ...(c.clientMac === null || macPattern.test(c.client) ? {} : { mac: c.clientMac }) },
      destination: { ...endpoint(c.server), ...(c.port === null ? {} : { port: c.port }), ...(c.serverMac === null || macPattern.test(c.server) ? {} : { mac: c.serverMac }) },
      network: { transport: c.transport, packets: c.packets, bytes: c.bytes, ...(c.protocol === null ? {} : { protocol: c.protocol }) },
      event: { action: 'communication', category: ['network'], dataset: 'capture.communications' },
      observer: { name: observer, type: 'sensor' },
      labels: { conversations: String(c.conversations), first_seen: isoOfMicros(c.firstSeen) },
    },
    origin: { stream: `sensor:${observer}` },
  };
}

/**
 * Remembers what the last snapshot shipped, so a snapshot ships only hosts and communications that were
 * seen again since (their last-seen time moved): a quiet plant sends little.
 */
export function createSnapshotDiff() {
  const hosts = new Map<string, number>();
  const pairs = new Map<string, number>();
  const changed = <T>(seen: Map<string, number>, key: string, item: T, lastSeen: number): T[] => {
    if ((seen.get(key) ?? -1) >= lastSeen) return [];
    seen.set(key, lastSeen);
    return [item];
  };
  return {
    events(snapshot: { hosts: readonly DiscoveredHost[]; communications: readonly CommunicationPair[] }, observer: string): EventDraft[] {
      const out: EventDraft[] = [];
      for (const h of snapshot.hosts) for (const x of changed(hosts, h.key, h, h.lastSeen)) out.push(hostEvent(x, observer));
      for (const c of snapshot.communications) {
        const key = `${c.client}|${c.server}|${c.transport}|${c.protocol ?? c.port}`;
        for (const x of changed(pairs, key, c, c.lastSeen)) out.push(flowEvent(x, observer));
      }
      return out;
    },
  };
}
