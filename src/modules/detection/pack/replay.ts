// A capture through the whole detection path without a server: capture analysis (the sensor's: operations,
// hosts, communications) → events as a sensor ships them → the ingest's normalization → the asset-context
// enricher over a given inventory → the compiled rule set, correlations included. The pack's tests, the
// quality manifest and the capture-to-alerts benchmark all run it, so they measure one path.
import { createReadStream } from 'node:fs';
import { createLiveAnalysis, type DiscoveredHost, type OperationRecord } from '../../capture/index.js';
import type { CaptureInput } from '../../capture/reader/read-capture.js';
import { normalizeDrafts, type EndpointFields, type EventDraft, type EventSeverity, type SensedEvent } from '../../sensing/index.js';
import { flowEvent, hostEvent, operationEvent } from '../../sensing/sensor/sensor-events.js';
import type { AssetContext } from '../asset-context.store.js';
import { staticAssetIndex, withAssetContext } from '../enrich-assets.js';
import type { CompiledSet } from '../engine.js';

export const replayOrg = '00000000-0000-4000-8000-0000000000aa';

export interface CaptureReplay {
  readonly events: readonly SensedEvent[];
  readonly hosts: readonly DiscoveredHost[];
  readonly frames: number;
  readonly operations: number;
}

/** Reads a capture (file path, bytes or stream) into normalized events, in time order. */
export async function captureEvents(input: string | Uint8Array | CaptureInput, observer = 'replay'): Promise<CaptureReplay> {
  const live = await createLiveAnalysis();
  const stream: CaptureInput =
    typeof input === 'string'
      ? createReadStream(input, { highWaterMark: 1 << 20 })
      : input instanceof Uint8Array
        ? (async function* () {
            yield input;
          })()
        : input;
  await live.read(stream);
  const result = live.finish();
  const drafts: EventDraft[] = [
    ...result.operations.map((r) => operationEvent(r, observer)),
    ...result.hosts.map((h) => hostEvent(h, observer)),
    ...result.communications.map((c) => flowEvent(c, observer)),
  ];
  const normalized = normalizeDrafts({ orgId: replayOrg, tlp: 'amber', sharedUpward: false, source: { type: 'sensor', id: observer, name: observer } }, drafts, undefined, Date.now());
  const events = [...normalized.events].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { events, hosts: result.hosts, frames: live.frames, operations: result.operations.length };
}

/**
 * An inventory as asset discovery on the capture would fill it: every host (`all`: the capture is of a
 * plant the organisation knows), or only the hosts that serve an industrial protocol (`servers`: the
 * plant's devices are inventoried, the clients in the capture are not).
 */
export function inventoryFromHosts(hosts: readonly DiscoveredHost[], mode: 'all' | 'servers'): AssetContext[] {
  return hosts
    .filter((h) => mode === 'all' || h.serves.length > 0)
    .map((h) => ({ id: `asset:${h.key}`, name: h.identity.name ?? h.key, ip: h.ip, mac: h.mac, role: h.identity.deviceType ?? h.roles[0]?.role ?? null, zone: null, criticality: 'medium' }));
}

export function enrichAll(events: readonly SensedEvent[], inventory: readonly AssetContext[]): SensedEvent[] {
  const index = staticAssetIndex(inventory);
  return events.map((e) => withAssetContext(e, index));
}

export interface PackHit {
  readonly ruleId: string;
  readonly title: string;
  readonly techniques: readonly string[];
  readonly eventIds: readonly string[];
  readonly correlation: boolean;
}

/** Every hit the set raises on the events, in order, as the detector would turn them into alerts. */
export function runRules(set: CompiledSet, events: readonly SensedEvent[]): PackHit[] {
  const hits: PackHit[] = [];
  for (const event of events) {
    for (const hit of set.match(event)) {
      if (!set.correlationOnly.has(hit.ruleId)) hits.push({ ruleId: hit.ruleId, title: hit.title, techniques: hit.techniques, eventIds: [event.id], correlation: false });
      for (const c of set.correlate(hit, event)) hits.push({ ruleId: c.correlationId, title: c.title, techniques: c.techniques, eventIds: c.eventIds, correlation: true });
    }
  }
  return hits;
}

/** Techniques of the hits, upper case (`T0843`), sorted. */
export function techniquesOf(hits: readonly PackHit[]): string[] {
  return [...new Set(hits.flatMap((h) => h.techniques.map((t) => t.toUpperCase())))].sort();
}

const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const endpointOf = (address: string): EndpointFields => (macPattern.test(address) ? { mac: address } : { ip: address });
const mediumOperations = new Set(['stop', 'start', 'restart', 'program-download', 'firmware-update', 'mode-change', 'configuration-change']);

/**
 * A capture job's operation record as the event the job's emission stores (sensing/capture-events.ts:
 * id `capture:<job>:<seq>`, the same fields), built in memory: the capture-to-alerts path without the
 * database, with no hashing per record.
 */
export function captureOperationEvent(r: OperationRecord, seq: number, job: { readonly id: string; readonly name: string; readonly orgId: string }): SensedEvent {
  const time = new Date(Math.floor(r.time / 1000)).toISOString();
  const severity: EventSeverity = mediumOperations.has(r.operation) ? 'medium' : r.operation === 'write' ? 'low' : 'info';
  const labels: Record<string, string> = { count: String(r.count), last_frame: String(r.lastFrame) };
  if (r.detail !== null) labels['detail'] = r.detail;
  return {
    id: `capture:${job.id}:${seq}`,
    time,
    receivedAt: time,
    orgId: job.orgId,
    tlp: 'amber',
    sharedUpward: false,
    source: { type: 'capture', id: job.id, name: job.name },
    kind: 'operation',
    severity,
    message: `${r.name}${r.target === null ? '' : ` ${r.target}`}${r.count > 1 ? ` (x${r.count})` : ''}`,
    fields: {
      source: endpointOf(r.source),
      destination: endpointOf(r.destination),
      network: { protocol: r.protocol },
      event: { action: r.operation, dataset: 'capture.operations', ...(r.result === null ? {} : { outcome: r.result === 'ok' ? 'success' : 'failure' }) },
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
      labels,
    },
    assets: {},
    raw: null,
    rawTruncated: false,
    origin: { frame: r.frame, stream: `capture/${job.id}` },
  };
}
