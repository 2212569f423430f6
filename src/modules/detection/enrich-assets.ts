// The asset-context enricher: before any rule sees a batch, each event's source and destination get what
// the organisation's inventory says about them (docs/detection/fields.md, "Asset context"): known or not,
// the asset's role (engineering workstation, HMI, PLC ...), zone and criticality, and whether the address
// pair disagrees with the inventory (a known IP behind another MAC, a known MAC at another IP: ARP
// spoofing and address takeover). The rule pack's predicates ("a stop from a host that is not an
// engineering workstation") are plain Sigma over these fields.
//
// Per organisation the enricher keeps what it looked up, keyed by address, until the inventory changes:
// each batch costs one statement to read the inventories' versions and at most one per organisation for
// addresses not looked up before.
import type { Db } from '../../storage/index.js';
import type { EndpointFields, SensedEvent } from '../sensing/index.js';
import { selectAssetContexts, selectInventoryVersions, type AssetContext } from './asset-context.store.js';
import type { DetectionEnricher } from './detector.js';

/** What an endpoint gets under `asset`. */
export interface EndpointAssetFields {
  readonly known: boolean;
  readonly id?: string;
  readonly name?: string;
  readonly role?: string;
  readonly zone?: string;
  readonly criticality?: string;
  /** The IP is a known asset's, the MAC is not the one the inventory has for it. */
  readonly mac_mismatch?: boolean;
  /** The MAC is a known asset's, seen at another IP than the inventory's. */
  readonly ip_changed?: boolean;
}

/** Lookup of one organisation's assets by IP and by lower-case MAC; null: looked up, not in the inventory. */
export interface AssetIndex {
  byIp(ip: string): AssetContext | null | undefined;
  byMac(mac: string): AssetContext | null | undefined;
}

/** Broadcast and multicast addresses name no one asset: they get no asset context. Character tests, no allocation. */
function isGroupAddress(ip: string | undefined, mac: string | undefined): boolean {
  if (mac !== undefined && mac.length >= 2) {
    // the group bit is the low bit of the first octet: the second hex digit is odd
    const c = mac.charCodeAt(1);
    if (((c <= 57 ? c - 48 : (c | 32) - 87) & 1) === 1) return true;
  }
  if (ip === undefined) return false;
  const dot = ip.indexOf('.');
  if (dot < 0) return ip.startsWith('ff'); // IPv6 multicast ff00::/8
  if (ip.endsWith('.255')) return true;
  let first = 0;
  for (let i = 0; i < dot; i++) first = first * 10 + ip.charCodeAt(i) - 48;
  return first >= 224 && first <= 239;
}

/** One frozen object per asset: events of the same endpoint share it (no allocation per event). */
const fieldsCache = new WeakMap<AssetContext, EndpointAssetFields>();
const unknownEndpoint: EndpointAssetFields = Object.freeze({ known: false });

function fieldsOf(a: AssetContext): EndpointAssetFields {
  let fields = fieldsCache.get(a);
  if (fields === undefined) fieldsCache.set(a, (fields = Object.freeze(buildFields(a))));
  return fields;
}

function buildFields(a: AssetContext): EndpointAssetFields {
  return {
    known: true,
    id: a.id,
    name: a.name,
    ...(a.role === null ? {} : { role: a.role }),
    ...(a.zone === null ? {} : { zone: a.zone }),
    criticality: a.criticality,
  };
}

/** The asset fields of one endpoint, or undefined when it has no unicast address. */
export function endpointAsset(endpoint: EndpointFields | undefined, index: AssetIndex): EndpointAssetFields | undefined {
  if (endpoint === undefined) return undefined;
  const ip = endpoint.ip;
  const mac = endpoint.mac?.toLowerCase();
  if (ip === undefined && (mac === undefined || mac === '')) return undefined;
  const atIp = ip === undefined ? undefined : index.byIp(ip);
  if (atIp != null) {
    if (mac !== undefined && mac !== '' && atIp.mac !== null && atIp.mac !== mac) return { ...fieldsOf(atIp), mac_mismatch: true };
    return fieldsOf(atIp);
  }
  // an inventoried address is no group address: the test is only needed for the others
  if (isGroupAddress(ip, mac)) return undefined;
  const atMac = mac === undefined || mac === '' ? undefined : index.byMac(mac);
  if (atMac != null) return ip !== undefined && atMac.ip !== null && atMac.ip !== ip ? { ...fieldsOf(atMac), ip_changed: true } : fieldsOf(atMac);
  return unknownEndpoint;
}

/** The event with `source.asset` and `destination.asset` set (the event itself when neither applies). */
export function withAssetContext(event: SensedEvent, index: AssetIndex): SensedEvent {
  const f = event.fields;
  const source = endpointAsset(f.source, index);
  const destination = endpointAsset(f.destination, index);
  if (source === undefined && destination === undefined) return event;
  return {
    ...event,
    fields: {
      ...f,
      ...(source === undefined ? {} : { source: { ...f.source, asset: source } as EndpointFields }),
      ...(destination === undefined ? {} : { destination: { ...f.destination, asset: destination } as EndpointFields }),
    },
  };
}

/** An index over a fixed list of assets (tests, benchmarks, replays of a capture against a known plant). */
export function staticAssetIndex(assets: readonly AssetContext[]): AssetIndex {
  const ips = new Map<string, AssetContext>();
  const macs = new Map<string, AssetContext>();
  for (const a of assets) {
    if (a.ip !== null && !ips.has(a.ip)) ips.set(a.ip, a);
    if (a.mac !== null && !macs.has(a.mac.toLowerCase())) macs.set(a.mac.toLowerCase(), a);
  }
  return { byIp: (ip) => ips.get(ip) ?? null, byMac: (mac) => macs.get(mac) ?? null };
}

/** An enricher over fixed inventories per organisation (no database). */
export function createStaticAssetEnricher(inventories: ReadonlyMap<string, readonly AssetContext[]>): DetectionEnricher {
  const indexes = new Map([...inventories].map(([org, assets]) => [org, staticAssetIndex(assets)]));
  const empty = staticAssetIndex([]);
  return {
    name: 'asset-context',
    enrich: (events) => Promise.resolve(events.map((e) => withAssetContext(e, indexes.get(e.orgId) ?? empty))),
  };
}

interface OrgCache {
  version: string;
  readonly ips: Map<string, AssetContext | null>;
  readonly macs: Map<string, AssetContext | null>;
}

/** Past this many cached addresses per organisation the cache starts again (a scan of a /16 stays bounded). */
const maxCachedAddresses = 200_000;

/** The enricher over the organisations' inventories in the database. */
export function createAssetEnricher(db: Db): DetectionEnricher {
  const caches = new Map<string, OrgCache>();

  async function refresh(orgId: string, version: string, events: readonly SensedEvent[]): Promise<OrgCache> {
    let cache = caches.get(orgId);
    if (cache === undefined || cache.version !== version || cache.ips.size + cache.macs.size > maxCachedAddresses) {
      cache = { version, ips: new Map(), macs: new Map() };
      caches.set(orgId, cache);
    }
    const ips = new Set<string>();
    const macs = new Set<string>();
    for (const e of events) {
      for (const ep of [e.fields.source, e.fields.destination]) {
        if (ep?.ip !== undefined && !cache.ips.has(ep.ip)) ips.add(ep.ip);
        const mac = ep?.mac?.toLowerCase();
        if (mac !== undefined && mac !== '' && !cache.macs.has(mac)) macs.add(mac);
      }
    }
    if (ips.size === 0 && macs.size === 0) return cache;
    const found = await selectAssetContexts(db, orgId, [...ips], [...macs]);
    for (const ip of ips) cache.ips.set(ip, null);
    for (const mac of macs) cache.macs.set(mac, null);
    // The first asset (by id) at an address wins, as the ingest's resolution does.
    for (const a of found) {
      if (a.ip !== null && ips.has(a.ip) && cache.ips.get(a.ip) === null) cache.ips.set(a.ip, a);
      if (a.mac !== null && macs.has(a.mac) && cache.macs.get(a.mac) === null) cache.macs.set(a.mac, a);
    }
    return cache;
  }

  return {
    name: 'asset-context',
    async enrich(events) {
      if (events.length === 0) return events;
      const byOrg = new Map<string, SensedEvent[]>();
      for (const e of events) {
        const list = byOrg.get(e.orgId);
        if (list === undefined) byOrg.set(e.orgId, [e]);
        else list.push(e);
      }
      const versions = await selectInventoryVersions(db, [...byOrg.keys()]);
      const indexes = new Map<string, AssetIndex>();
      for (const [orgId, list] of byOrg) {
        const cache = await refresh(orgId, versions.get(orgId) ?? '', list);
        indexes.set(orgId, { byIp: (ip) => cache.ips.get(ip), byMac: (mac) => cache.macs.get(mac) });
      }
      return events.map((e) => withAssetContext(e, indexes.get(e.orgId) as AssetIndex));
    },
    invalidate() {
      caches.clear();
    },
  };
}
