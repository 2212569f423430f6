// MQTT payloads into telemetry events: JSON through the source's field paths, and Sparkplug B
// (Eclipse Tahu's protobuf, topics spBv1.0/<group>/<type>/<edge node>[/<device>]) metric by metric.
// Never throws: a payload that cannot be read is one issue.
import { get as sparkplugCodec } from 'sparkplug-payload';
import type { EventDraft } from '../types.js';
import type { MqttJsonMapping } from './types.js';

export type PayloadResult = { readonly drafts: EventDraft[] } | { readonly issue: string };

/** `a.b.0.c` into an object or array; undefined when a step is missing. */
export function valueAt(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const step of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = Array.isArray(at) ? (/^\d+$/.test(step) ? at[Number(step)] : undefined) : (at as Record<string, unknown>)[step];
  }
  return at;
}

/** Epoch seconds, epoch milliseconds or an ISO date into ISO; undefined when it is none of them. */
export function timeOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    // Below 10^11 it cannot be milliseconds after 1973: seconds.
    const ms = value < 1e11 ? value * 1000 : value;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  return undefined;
}

type Scalar = number | string | boolean;

/** A reading as the event keeps it: numbers, booleans and short text; anything else is no reading. */
function scalar(value: unknown): Scalar | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= 1000 ? value : undefined;
  // protobufjs Long (64-bit integers): a number while it is exact, else its decimal text.
  if (value !== null && typeof value === 'object' && typeof (value as { toNumber?: unknown }).toNumber === 'function' && 'high' in value) {
    const long = value as unknown as { toNumber(): number; toString(): string };
    const n = long.toNumber();
    return Number.isSafeInteger(n) ? n : long.toString();
  }
  return undefined;
}

function telemetry(time: string, target: string, value: Scalar, uom: string | undefined, topic: string, extra: Partial<EventDraft['fields']> = {}, raw?: string): EventDraft {
  return {
    time,
    kind: 'telemetry',
    severity: 'info',
    message: `${target} = ${String(value)}${uom === undefined ? '' : ` ${uom}`}`,
    fields: { ...extra, ics: { ...extra.ics, target, value, ...(uom === undefined ? {} : { uom }) } },
    ...(raw === undefined ? {} : { raw }),
    origin: { stream: topic },
  };
}

/** A JSON payload (an object, or an array of them) mapped by the source's paths. */
export function mapJsonPayload(topic: string, payload: Buffer, mapping: MqttJsonMapping, receivedAt: Date): PayloadResult {
  let parsed: unknown;
  const text = payload.toString('utf8');
  try {
    parsed = JSON.parse(text);
  } catch {
    return { issue: `${topic}: the payload is not JSON` };
  }
  const records = Array.isArray(parsed) ? parsed : [parsed];
  const drafts: EventDraft[] = [];
  for (const [i, record] of records.entries()) {
    const where = records.length > 1 ? `${topic}[${i}]` : topic;
    const value = scalar(valueAt(record, mapping.valuePath));
    if (value === undefined) return { issue: `${where}: no number, boolean or text at ${mapping.valuePath}` };
    const timeValue = mapping.timePath === undefined ? undefined : valueAt(record, mapping.timePath);
    const time = timeValue === undefined ? receivedAt.toISOString() : timeOf(timeValue);
    if (time === undefined) return { issue: `${where}: ${mapping.timePath ?? 'time'} is not a time (epoch seconds, milliseconds or ISO 8601)` };
    const named = mapping.metricPath === undefined ? undefined : valueAt(record, mapping.metricPath);
    const target = typeof named === 'string' && named !== '' ? named : (mapping.metric ?? topic);
    const unitValue = mapping.unitPath === undefined ? undefined : valueAt(record, mapping.unitPath);
    const uom = typeof unitValue === 'string' && unitValue !== '' ? unitValue : mapping.unit;
    drafts.push(telemetry(time, target, value, uom, topic, { ics: { protocol: 'mqtt' }, event: { dataset: 'mqtt' } }, records.length === 1 ? text : JSON.stringify(record)));
  }
  return { drafts };
}

export interface SparkplugTopic {
  readonly group: string;
  readonly type: string;
  readonly edgeNode: string;
  readonly device?: string | undefined;
}

/** spBv1.0/<group>/<type>/<edge node>[/<device>]; undefined for other topics (and STATE, which is not protobuf). */
export function parseSparkplugTopic(topic: string): SparkplugTopic | undefined {
  const parts = topic.split('/');
  if (parts[0] !== 'spBv1.0' || parts.length < 4 || parts.length > 5 || parts[1] === 'STATE') return undefined;
  const [, group, type, edgeNode, device] = parts as [string, string, string, string, string | undefined];
  return { group, type, edgeNode, device };
}

/**
 * Remembers metric names by alias per edge node and device, from their BIRTH messages: DATA messages
 * may carry only the alias (Sparkplug B's bandwidth saving).
 */
export interface AliasBook {
  readonly names: Map<string, string>;
}

export function createAliasBook(): AliasBook {
  return { names: new Map() };
}

const BOOK_LIMIT = 100_000;

/** Engineering unit, as Sparkplug producers (Ignition among them) put it in the metric's properties. */
function unitOf(properties: unknown): string | undefined {
  if (properties === null || typeof properties !== 'object') return undefined;
  const p = properties as Record<string, { value?: unknown } | undefined>;
  const value = (p['engUnit'] ?? p['EngUnit'] ?? p['engineeringUnits'] ?? p['units'])?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A Sparkplug B payload: each metric with a value becomes one telemetry event; a DEATH becomes one log event. */
export function decodeSparkplugPayload(topic: string, payload: Buffer, book: AliasBook, receivedAt: Date): PayloadResult {
  const spb = parseSparkplugTopic(topic);
  if (spb === undefined) return { issue: `${topic}: not a Sparkplug B topic (spBv1.0/<group>/<type>/<edge node>[/<device>])` };
  const codec = sparkplugCodec('spBv1.0');
  if (codec === null) return { issue: 'the Sparkplug B codec is missing' };
  let decoded;
  try {
    decoded = codec.decodePayload(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
  } catch (error) {
    return { issue: `${topic}: not a Sparkplug B payload (${(error as Error).message})` };
  }
  const node = spb.device === undefined ? spb.edgeNode : `${spb.edgeNode}/${spb.device}`;
  const context = {
    ics: { protocol: 'sparkplug_b', function: spb.type },
    event: { action: spb.type, dataset: 'sparkplug_b' },
    observer: { name: spb.edgeNode },
    host: { name: node },
    labels: { 'sparkplug.group': spb.group, 'sparkplug.edge_node': spb.edgeNode, ...(spb.device === undefined ? {} : { 'sparkplug.device': spb.device }) },
  };
  const payloadTime = timeOf(scalar(decoded.timestamp)) ?? receivedAt.toISOString();
  if (spb.type === 'NDEATH' || spb.type === 'DDEATH') {
    return { drafts: [{ time: payloadTime, kind: 'log', severity: 'low', message: `Sparkplug ${spb.type}: ${node} went offline`, fields: context, origin: { stream: topic } }] };
  }
  const birth = spb.type === 'NBIRTH' || spb.type === 'DBIRTH';
  const drafts: EventDraft[] = [];
  for (const metric of decoded.metrics ?? []) {
    const alias = metric.alias === null || metric.alias === undefined ? undefined : `${spb.group}/${node}#${String(scalar(metric.alias))}`;
    if (birth && alias !== undefined && typeof metric.name === 'string') {
      if (book.names.size >= BOOK_LIMIT) book.names.clear();
      book.names.set(alias, metric.name);
    }
    const name = metric.name ?? (alias === undefined ? undefined : book.names.get(alias));
    if (metric.isNull === true) continue;
    const value = scalar(metric.value);
    // DataSets, Templates and bytes have no single reading.
    if (value === undefined) continue;
    const time = timeOf(scalar(metric.timestamp)) ?? payloadTime;
    drafts.push(telemetry(time, name ?? `alias ${String(scalar(metric.alias) ?? '?')}`, value, unitOf(metric.properties), topic, context));
  }
  return { drafts };
}
