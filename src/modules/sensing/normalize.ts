// From a draft (what a parser or input says) to the stored event: organisation, marking and source from
// the ingest context, a deterministic id, a checked time, a bounded raw text, and the assets the
// addresses resolve to. Drafts that cannot be stored are refused with a reason, never thrown.
import { isIP } from 'node:net';
import type { OrgSnapshot } from './asset-resolver.js';
import { normalizeMac } from './asset-resolver.js';
import { eventId, isValidEventId } from './event-id.js';
import { eventKinds, eventSeverities, RAW_LIMIT, type EndpointFields, type EventDraft, type IngestContext, type SensedEvent } from './types.js';

/** Events claiming to be from further ahead than this are clock skew: they take the received time. */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;
/** Messages longer than this are cut (the raw text keeps the original, bounded too). */
export const MESSAGE_LIMIT = 4096;

export interface NormalizeRefusal {
  /** Index of the draft in the batch. */
  readonly index: number;
  readonly path: string;
  readonly message: string;
}

export interface Normalized {
  readonly events: SensedEvent[];
  readonly refused: NormalizeRefusal[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MIN_TIME = Date.UTC(1970, 0, 1);

/**
 * ISO 8601 (offset optional, UTC assumed) to `YYYY-MM-DDTHH:MM:SS.ffffffZ`, keeping microseconds (Zeek and
 * capture times have them; PostgreSQL stores them), or undefined when it is not a time.
 */
export function normalizeTime(text: string): { readonly iso: string; readonly ms: number } | undefined {
  const m = ISO.exec(text.length > 40 ? '' : text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string | undefined];
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number((frac + '000').slice(0, 3));
  const local = Date.UTC(Number(y), month - 1, day, hour, minute, second, millis);
  // 31 April and 30 February roll over into the next month: not a time
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offsetMinutes = zone === 'Z' || zone === 'z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(':', '').slice(3, 5) || '0'));
  const ms = local - offsetMinutes * 60_000;
  if (ms < MIN_TIME) return undefined;
  const micros = (frac + '000000').slice(0, 6);
  // Already UTC: the parts as they are; otherwise the instant in UTC.
  const iso = offsetMinutes === 0 ? `${y}-${mo}-${d}T${h}:${mi}:${s}.${micros}Z` : `${new Date(ms).toISOString().slice(0, 20)}${micros}Z`;
  return { iso, ms };
}

/** A time for an epoch in milliseconds, in the same form. */
export function isoMicros(ms: number, micros = 0): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

/** Text PostgreSQL can hold: no NUL, no lone surrogates. */
export function storableText(text: string): string {
  const clean = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return LONE_SURROGATE.test(clean) ? clean.replace(LONE_SURROGATE_ALL, '\uFFFD') : clean;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/** An address the inet column accepts (IPv6 zone dropped), or null. */
export function inetOrNull(ip: unknown): string | null {
  if (typeof ip !== 'string') return null;
  const bare = ip.includes('%') ? ip.slice(0, ip.indexOf('%')) : ip;
  return isIP(bare) === 0 ? null : bare.toLowerCase();
}

function portOrNull(port: unknown): number | null {
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

function resolveAsset(endpoint: EndpointFields | undefined, ip: string | null, org: OrgSnapshot | undefined): string | undefined {
  if (org === undefined || endpoint === undefined) return undefined;
  const byIp = ip === null ? undefined : org.byIp.get(ip);
  if (byIp !== undefined) return byIp;
  const mac = typeof endpoint.mac === 'string' ? normalizeMac(endpoint.mac) : undefined;
  return mac === undefined ? undefined : org.byMac.get(mac);
}

/** The hot columns copied beside `fields` (events.store.ts writes them). */
export interface HotColumns {
  readonly sourceIp: string | null;
  readonly sourcePort: number | null;
  readonly destinationIp: string | null;
  readonly destinationPort: number | null;
  readonly protocol: string | null;
  readonly action: string | null;
}

export function hotColumns(event: Pick<SensedEvent, 'fields'>): HotColumns {
  const f = event.fields;
  return {
    sourceIp: inetOrNull(f.source?.ip),
    sourcePort: portOrNull(f.source?.port),
    destinationIp: inetOrNull(f.destination?.ip),
    destinationPort: portOrNull(f.destination?.port),
    protocol: f.ics?.protocol ?? f.network?.protocol ?? null,
    action: f.ics?.operation ?? f.event?.action ?? null,
  };
}

/**
 * Normalizes a batch for one context. `org` is the organisation's snapshot (asset-resolver.ts); without
 * it nothing resolves. `receivedAt` is the ingest's clock.
 */
export function normalizeDrafts(context: IngestContext, drafts: readonly EventDraft[], org: OrgSnapshot | undefined, receivedAtMs: number): Normalized {
  const receivedAt = isoMicros(receivedAtMs);
  const events: SensedEvent[] = [];
  const refused: NormalizeRefusal[] = [];
  drafts.forEach((draft, index) => {
    const refuse = (path: string, message: string): void => {
      refused.push({ index, path, message });
    };
    if (typeof draft !== 'object' || draft === null) return refuse('', 'not an event');
    if (!(eventKinds as readonly string[]).includes(draft.kind)) return refuse('kind', `unknown kind ${String(draft.kind)}`);
    if (typeof draft.message !== 'string') return refuse('message', 'message must be text');
    if (draft.id !== undefined && (typeof draft.id !== 'string' || !isValidEventId(draft.id))) return refuse('id', 'id must be 1-128 printable characters without spaces');
    const time = typeof draft.time === 'string' ? normalizeTime(draft.time) : undefined;
    if (time === undefined) return refuse('time', `not an ISO 8601 time after 1970: ${String(draft.time).slice(0, 64)}`);
    // A clock far ahead would create partitions for days that have not come; the received time is the better guess.
    const at = time.ms - receivedAtMs > FUTURE_TOLERANCE_MS ? receivedAt : time.iso;
    const fields = draft.fields ?? {};
    const id = eventId(context.orgId, context.source.type, time.iso, { ...draft, fields }, time.ms);
    const message = storableText(draft.message.length > MESSAGE_LIMIT ? draft.message.slice(0, MESSAGE_LIMIT) : draft.message);
    const raw = draft.raw === undefined ? null : storableText(draft.raw.length > RAW_LIMIT ? draft.raw.slice(0, RAW_LIMIT) : draft.raw);
    const assets: { source?: string; destination?: string } = {};
    const sourceAsset = resolveAsset(fields.source, inetOrNull(fields.source?.ip), org);
    const destinationAsset = resolveAsset(fields.destination, inetOrNull(fields.destination?.ip), org);
    if (sourceAsset !== undefined) assets.source = sourceAsset;
    if (destinationAsset !== undefined) assets.destination = destinationAsset;
    events.push({
      id,
      time: at,
      receivedAt,
      orgId: context.orgId,
      tlp: context.tlp,
      sharedUpward: context.sharedUpward,
      source: context.source,
      kind: draft.kind,
      severity: (eventSeverities as readonly string[]).includes(draft.severity) ? draft.severity : 'info',
      message,
      fields,
      assets,
      raw,
      rawTruncated: draft.raw !== undefined && draft.raw.length > RAW_LIMIT,
      origin: draft.origin ?? {},
    });
  });
  return { events, refused };
}
