// What one event tells a baseline: its hosts, the talker pair, protocol, operation class, function,
// the address range touched and when (first and last time, how many folded operations), as keys the
// learner counts and the deviation stage looks up. Pure, so the learner and the stage agree.
import type { SensedEvent } from '../../sensing/index.js';

/** Kinds of event that describe network behaviour (logs and telemetry do not). */
const behaviourKinds = new Set(['operation', 'flow', 'host']);

export interface HostFact {
  /** The baseline key: the IP address, else `mac:<mac>`. */
  readonly key: string;
  readonly ip: string | undefined;
  readonly mac: string | undefined;
  readonly asset: string | undefined;
}

export interface EventFacts {
  readonly hosts: readonly HostFact[];
  /** `source>destination` (IP, else MAC), when both ends are known. */
  readonly pair?: string;
  readonly source?: string;
  readonly destination?: string;
  readonly protocol?: string;
  readonly operation?: string;
  /** Function name (protocol vocabulary), else its code. */
  readonly fn?: string;
  readonly code?: number;
  readonly range?: { readonly space: string; readonly lo: number; readonly hi: number; readonly text: string };
  readonly target?: string;
  /** Event time (ms), the last folded operation's time and how many operations the event folds. */
  readonly t0: number;
  readonly t1: number;
  readonly n: number;
}

const broadcastIp = (ip: string) => ip === '255.255.255.255' || ip === '0.0.0.0' || /^2(2[4-9]|3\d)\./.test(ip) || /^ff/i.test(ip);
const broadcastMac = (mac: string) => /^ff:ff:ff:ff:ff:ff$/i.test(mac) || /^01:00:5e/i.test(mac) || /^33:33/i.test(mac);

function host(end: { ip?: string; mac?: string } | undefined, asset: string | undefined): HostFact | undefined {
  const ip = end?.ip?.toLowerCase();
  const mac = end?.mac?.toLowerCase();
  if (ip !== undefined && !broadcastIp(ip)) return { key: ip, ip, mac, asset };
  if (ip === undefined && mac !== undefined && !broadcastMac(mac)) return { key: `mac:${mac}`, ip, mac, asset };
  return undefined;
}

const endpoint = (end: { ip?: string; mac?: string } | undefined): string | undefined => end?.ip?.toLowerCase() ?? end?.mac?.toLowerCase();

/** `holding registers 0-9`, `IOA 1001`, `coils 16`: the space and the addresses. */
export function parseRange(target: string | undefined): EventFacts['range'] {
  if (target === undefined) return undefined;
  const m = /^(.*?[A-Za-z].*?)\s+(\d{1,9})(?:\s*-\s*(\d{1,9}))?$/.exec(target.trim());
  if (m === null) return undefined;
  const lo = Number(m[2]);
  const hi = m[3] === undefined ? lo : Number(m[3]);
  return { space: (m[1] as string).toLowerCase(), lo: Math.min(lo, hi), hi: Math.max(lo, hi), text: target };
}

export function factsOf(event: SensedEvent): EventFacts | undefined {
  if (!behaviourKinds.has(event.kind)) return undefined;
  const f = event.fields;
  const t0 = Date.parse(event.time);
  if (Number.isNaN(t0)) return undefined;
  const count = Number(f.labels?.['count'] ?? '1');
  const n = Number.isInteger(count) && count > 0 ? count : 1;
  const last = f.labels?.['last_time'] === undefined ? Number.NaN : Date.parse(f.labels['last_time']);
  const t1 = n > 1 && !Number.isNaN(last) && last >= t0 ? last : t0;
  const hosts = [host(f.source, event.assets.source), host(f.destination, event.assets.destination)].filter((h): h is HostFact => h !== undefined);
  const source = endpoint(f.source);
  const destination = endpoint(f.destination);
  const protocol = f.ics?.protocol ?? f.network?.protocol;
  const fn = f.ics?.function ?? (f.ics?.code === undefined ? undefined : String(f.ics.code));
  const range = parseRange(f.ics?.target);
  return {
    hosts,
    ...(source !== undefined && destination !== undefined ? { pair: `${source}>${destination}`, source, destination } : {}),
    ...(protocol === undefined ? {} : { protocol: protocol.toLowerCase() }),
    ...(f.ics?.operation === undefined ? {} : { operation: f.ics.operation }),
    ...(fn === undefined ? {} : { fn }),
    ...(f.ics?.code === undefined ? {} : { code: f.ics.code }),
    ...(range === undefined ? {} : { range }),
    ...(f.ics?.target === undefined ? {} : { target: f.ics.target }),
    t0,
    t1,
    n,
  };
}

/** The item keys an event's facts make, most general first. */
export function keysOf(x: EventFacts): {
  readonly hosts: readonly string[];
  readonly hostmacs: readonly string[];
  readonly pair?: string;
  readonly protocol?: string;
  readonly operation?: string;
  readonly fn?: string;
  readonly range?: string;
  readonly polling?: string;
} {
  const protocol = x.pair !== undefined && x.protocol !== undefined ? `${x.pair}|${x.protocol}` : undefined;
  return {
    hosts: x.hosts.map((h) => h.key),
    hostmacs: x.hosts.flatMap((h) => (h.ip !== undefined && h.mac !== undefined ? [`${h.ip}|${h.mac}`] : [])),
    ...(x.pair === undefined ? {} : { pair: x.pair }),
    ...(protocol === undefined ? {} : { protocol }),
    ...(protocol !== undefined && x.operation !== undefined ? { operation: `${protocol}|${x.operation}` } : {}),
    ...(protocol !== undefined && x.fn !== undefined ? { fn: `${protocol}|${x.fn}` } : {}),
    ...(protocol !== undefined && x.fn !== undefined && x.range !== undefined ? { range: `${protocol}|${x.fn}|${x.range.space}` } : {}),
    ...(protocol !== undefined && x.fn !== undefined && x.operation !== undefined ? { polling: `${protocol}|${x.fn}|${x.target ?? ''}` } : {}),
  };
}

/** Intervals (ms) an event adds to its polling key: the gap since the key's last operation, and the folded ones. */
export const MAX_POLL_GAP_MS = 10 * 60_000;

export function intervalSamples(x: EventFacts, lastTime: number | undefined): { readonly value: number; readonly weight: number }[] {
  const out: { value: number; weight: number }[] = [];
  if (lastTime !== undefined) {
    const gap = x.t0 - lastTime;
    if (gap >= 0 && gap <= MAX_POLL_GAP_MS) out.push({ value: gap, weight: 1 });
  }
  if (x.n > 1) out.push({ value: (x.t1 - x.t0) / (x.n - 1), weight: x.n - 1 });
  return out;
}
