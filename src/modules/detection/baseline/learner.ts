// Learning: each event's facts are counted into the batch's aggregate in memory (hosts, IP and MAC
// pairs, talker pairs, protocols, operation classes and functions per pair, address ranges, polling
// intervals); the stage writes the aggregate with one set-based upsert per batch.
import { addInterval, widen, type ItemAggregate } from './model.js';
import { intervalSamples, keysOf, type EventFacts } from './observe.js';
import type { PollState } from './runtime.js';

export function learn(agg: ItemAggregate, baselineId: string, x: EventFacts, polling: Map<string, PollState>): void {
  const k = keysOf(x);
  const add = (kind: Parameters<ItemAggregate['add']>[1], key: string | undefined) => (key === undefined ? undefined : agg.add(baselineId, kind, key, x.t0, x.t1, x.n));
  for (const h of k.hosts) add('host', h);
  for (const h of k.hostmacs) add('hostmac', h);
  add('pair', k.pair);
  add('protocol', k.protocol);
  add('operation', k.operation);
  add('function', k.fn);
  const range = add('range', k.range);
  if (range !== undefined && x.range !== undefined) widen(range, x.range.lo, x.range.hi);
  if (k.polling !== undefined) {
    const s = add('polling', k.polling);
    const state = polling.get(k.polling);
    if (s !== undefined) for (const sample of intervalSamples(x, state?.last)) addInterval(s, sample.value, sample.weight);
    polling.set(k.polling, { last: Math.max(x.t1, state?.last ?? x.t1), strikes: 0 });
  }
}
