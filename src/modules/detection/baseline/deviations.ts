// After learning: what in an event departs from the baseline, most general first (a new host makes its
// pair, protocol and functions new too, so only the host is raised), with what was expected and what
// was seen, mapped to ATT&CK for ICS.
import type { RuleLevel } from '../types.js';
import { intervalOf, type BaselineModel } from './model.js';
import type { AcceptItem } from './baseline.store.js';
import { intervalSamples, keysOf, type EventFacts } from './observe.js';
import type { PollState } from './runtime.js';
import type { DeviationKind } from './types.js';

export interface Found {
  readonly kind: DeviationKind;
  readonly key: string;
  readonly expected: string;
  readonly seen: string;
  readonly techniques: readonly string[];
  readonly level: RuleLevel;
  /** The alert's entity when it is not the event's (a new host is about that host). */
  readonly entity?: string;
}

export const deviationLabels: Record<DeviationKind, string> = {
  'new-host': 'new host',
  'host-mac': 'host with a new MAC address',
  'new-pair': 'new talker pair',
  'new-protocol': 'new protocol between a known pair',
  'new-operation': 'new operation class between a known pair',
  'new-function': 'new function code between a known pair',
  'new-range': 'address outside the learnt range',
  polling: 'polling period changed',
};

/** T0864 transient cyber asset, T0830 adversary-in-the-middle (ARP), T0886 remote services, T0869 standard application layer protocol, T0855 unauthorized command message, T0836/T0861 parameters and points, T0814 denial of service. */
const mapping: Record<Exclude<DeviationKind, 'new-range'>, { techniques: readonly string[]; level: RuleLevel }> = {
  'new-host': { techniques: ['T0864'], level: 'high' },
  'host-mac': { techniques: ['T0830'], level: 'high' },
  'new-pair': { techniques: ['T0886'], level: 'medium' },
  'new-protocol': { techniques: ['T0869'], level: 'medium' },
  'new-operation': { techniques: ['T0855'], level: 'high' },
  'new-function': { techniques: ['T0855'], level: 'medium' },
  polling: { techniques: ['T0814'], level: 'medium' },
};

const writing = new Set(['write', 'configuration-change', 'program-download', 'firmware-update']);
const listed = (names: readonly string[], none: string) => (names.length === 0 ? none : names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', '));
const ms = (v: number) => `${Math.round(v)} ms`;

/** Least samples a polling item needs before its period is trusted. */
export const MIN_POLL_SAMPLES = 5;
/** Consecutive intervals off the learnt period before it is a change (a single late poll is not). */
export const POLL_STRIKES = 3;

function found(kind: Exclude<DeviationKind, 'new-range'>, key: string, expected: string, seen: string, entity?: string): Found {
  return { kind, key, expected, seen, ...mapping[kind], ...(entity === undefined ? {} : { entity }) };
}

export function deviationsOf(model: BaselineModel, x: EventFacts, polling: Map<string, PollState>): Found[] {
  const out: Found[] = [];
  const k = keysOf(x);
  for (const h of x.hosts) {
    const entity = h.asset !== undefined ? `asset:${h.asset}` : h.ip !== undefined ? `ip:${h.ip}` : `host:${h.mac ?? h.key}`;
    if (!model.has('host', h.key)) {
      out.push(found('new-host', h.key, `${model.size('host')} known hosts`, `${h.ip ?? h.mac ?? h.key}${h.ip !== undefined && h.mac !== undefined ? ` (MAC ${h.mac})` : ''}`, entity));
    } else if (h.ip !== undefined && h.mac !== undefined && !model.has('hostmac', `${h.ip}|${h.mac}`)) {
      const macs = model.children('hostmac', h.ip);
      if (macs.length > 0) out.push(found('host-mac', `${h.ip}|${h.mac}`, `${h.ip} at ${listed(macs, '-')}`, `${h.ip} at ${h.mac}`, entity));
    }
  }
  if (out.some((f) => f.kind === 'new-host')) return out;
  if (k.pair === undefined || x.source === undefined || x.destination === undefined) return out;
  if (!model.has('pair', k.pair)) return [...out, found('new-pair', k.pair, `${x.source} talks to ${listed(model.children('pair', x.source), 'no one')}`, `${x.source} -> ${x.destination}`)];
  if (k.protocol === undefined) return out;
  if (!model.has('protocol', k.protocol)) return [...out, found('new-protocol', k.protocol, `${x.source} -> ${x.destination} over ${listed(model.children('protocol', k.pair), 'nothing')}`, x.protocol ?? '')];
  if (k.operation !== undefined && !model.has('operation', k.operation)) {
    return [...out, found('new-operation', k.operation, `${x.protocol ?? ''} ${listed(model.children('operation', k.protocol), 'none')}`, `${x.operation ?? ''} (${x.fn ?? '-'})`)];
  }
  if (k.fn === undefined) return out;
  if (!model.has('function', k.fn)) {
    return [...out, found('new-function', k.fn, `${x.protocol ?? ''} ${listed(model.children('function', k.protocol), 'none')}`, `${x.fn}${x.code === undefined || String(x.code) === x.fn ? '' : ` (${x.code})`}`)];
  }
  if (k.range !== undefined && x.range !== undefined) {
    const r = model.get('range', k.range);
    if (r === undefined || r.lo === null || r.hi === null || x.range.lo < r.lo || x.range.hi > r.hi) {
      const expected = r === undefined || r.lo === null || r.hi === null ? `no ${x.range.space} addressed by ${x.fn ?? ''}` : `${x.range.space} ${r.lo}-${r.hi}`;
      out.push({ kind: 'new-range', key: k.range, expected, seen: `${x.range.space} ${x.range.lo}-${x.range.hi}`, techniques: writing.has(x.operation ?? '') ? ['T0836'] : ['T0861'], level: 'low' });
    }
  }
  if (k.polling !== undefined) {
    const p = pollingChange(model, k.polling, x, polling);
    if (p !== undefined) out.push(p);
  }
  return out;
}

function pollingChange(model: BaselineModel, key: string, x: EventFacts, polling: Map<string, PollState>): Found | undefined {
  const state = polling.get(key) ?? { last: x.t0, strikes: 0 };
  const samples = intervalSamples(x, polling.has(key) ? state.last : undefined);
  polling.set(key, { last: Math.max(x.t1, state.last), strikes: state.strikes });
  const item = model.get('polling', key);
  if (item === undefined || item.ivN < MIN_POLL_SAMPLES || item.ivMin === null || item.ivMax === null) return undefined;
  const { mean, std } = intervalOf(item);
  const tolerance = Math.max(3 * std, 0.25 * mean, 20);
  const low = item.ivMin - tolerance;
  const high = item.ivMax + tolerance;
  let strikes = state.strikes;
  let off: number | undefined;
  for (const s of samples) {
    if (s.value < low || s.value > high) {
      strikes += s.weight;
      off = s.value;
    } else {
      strikes = 0;
      off = undefined;
    }
  }
  polling.set(key, { last: Math.max(x.t1, state.last), strikes });
  if (strikes < POLL_STRIKES || off === undefined) return undefined;
  return found('polling', key, `every ${ms(mean)} ± ${ms(std)} (${ms(item.ivMin)}-${ms(item.ivMax)})`, `every ${ms(off)}`);
}

/** What makes the event normal when an operator accepts its deviation: every key it has, its addresses, its interval. */
export function addsOf(x: EventFacts, found: Found): AcceptItem[] {
  const k = keysOf(x);
  const out: AcceptItem[] = [...k.hosts.map((key) => ({ kind: 'host' as const, key })), ...k.hostmacs.map((key) => ({ kind: 'hostmac' as const, key }))];
  for (const [kind, key] of [['pair', k.pair], ['protocol', k.protocol], ['operation', k.operation], ['function', k.fn]] as const) if (key !== undefined) out.push({ kind, key });
  if (k.range !== undefined && x.range !== undefined) out.push({ kind: 'range', key: k.range, lo: x.range.lo, hi: x.range.hi });
  const interval = found.kind === 'polling' ? /every (\d+(?:\.\d+)?) ms/.exec(found.seen) : null;
  if (k.polling !== undefined) out.push({ kind: 'polling', key: k.polling, ...(interval === null ? {} : { intervalMs: Number(interval[1]) }) });
  return out;
}
