import { describe, expect, test, vi } from 'vitest';
import { compileDocuments, parseRuleText } from './engine.js';
import { sensedEvent } from './sigma/test-support.js';
import type { SensedEvent } from '../sensing/index.js';

// A write rule that only feeds two correlations: brute force (many writes, lower bound) and a poll that
// went quiet (fewer than three reads in a minute, an upper bound decided when the window closes).
const text = `title: Modbus write
id: 7e000000-0000-4000-8000-000000000001
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.operation: write
  condition: selection
---
title: Modbus read
id: 7e000000-0000-4000-8000-000000000002
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.operation: read
  condition: selection
---
title: Many writes to one device
id: 7e000000-0000-4000-8000-000000000003
correlation:
  type: event_count
  rules:
    - 7e000000-0000-4000-8000-000000000001
  group-by:
    - destination.ip
  timespan: 5m
  condition:
    gte: 3
level: high
---
title: Polling went quiet
id: 7e000000-0000-4000-8000-000000000004
correlation:
  type: event_count
  rules:
    - 7e000000-0000-4000-8000-000000000002
  group-by:
    - destination.ip
  timespan: 1m
  condition:
    lt: 3
level: medium
`;

const compiled = () => {
  const parsed = parseRuleText(text, 'pack.yml');
  expect(parsed.problems).toEqual([]);
  return compileDocuments(parsed.documents);
};

const op = (orgId: string, operation: 'read' | 'write', dst: string, time: string): SensedEvent => ({
  ...sensedEvent({ time, fields: { destination: { ip: dst }, ics: { protocol: 'modbus', operation } } }),
  orgId,
});

const feed = (set: ReturnType<typeof compileDocuments>, event: SensedEvent) => set.match(event).flatMap((hit) => set.correlate(hit, event));

describe('the compiled set correlates per organisation', () => {
  test("one organisation's events never count in another's group", () => {
    const set = compiled();
    const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 10, 0, s)).toISOString();
    // two writes in each of two organisations to the same address: neither reaches three
    const hits = [op('org-a', 'write', '10.0.0.9', at(0)), op('org-b', 'write', '10.0.0.9', at(1)), op('org-a', 'write', '10.0.0.9', at(2)), op('org-b', 'write', '10.0.0.9', at(3))].flatMap((e) => feed(set, e));
    expect(hits.filter((h) => h.correlationId.endsWith('3'))).toEqual([]);
    // a third in org-a completes org-a's group only, and the hit carries org-a's event
    const third = feed(set, op('org-a', 'write', '10.0.0.9', at(4)));
    const brute = third.filter((h) => h.correlationId.endsWith('3'));
    expect(brute).toHaveLength(1);
    expect(brute[0]?.count).toBe(3);
    expect(brute[0]?.event?.orgId).toBe('org-a');
  });

  test('a window with an upper bound closes on the wall clock when no event comes to close it', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 7, 12, 0, 0), toFake: ['Date'] });
    try {
      const set = compiled();
      const t0 = Date.UTC(2026, 11, 7, 9, 0, 0); // replayed event time, hours behind the wall clock
      expect(feed(set, op('org-a', 'read', '10.0.0.20', new Date(t0).toISOString()))).toEqual([]);
      expect(feed(set, op('org-a', 'read', '10.0.0.20', new Date(t0 + 10_000).toISOString()))).toEqual([]);
      // the stream stops: 30 s of wall time later the minute has not passed in event time
      vi.setSystemTime(Date.now() + 30_000);
      expect(set.flush(Date.now())).toEqual([]);
      // past the window: two reads in the minute, fewer than three, decided without another event
      vi.setSystemTime(Date.now() + 31_000);
      const quiet = set.flush(Date.now());
      expect(quiet).toHaveLength(1);
      expect(quiet[0]).toMatchObject({ correlationId: '7e000000-0000-4000-8000-000000000004', count: 2, group: { 'destination.ip': '10.0.0.20' } });
      expect(quiet[0]?.event?.orgId).toBe('org-a');
      // decided once
      expect(set.flush(Date.now() + 600_000)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a busy poll closes its window with three reads and raises nothing', () => {
    const set = compiled();
    const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);
    for (let i = 0; i < 4; i++) feed(set, op('org-a', 'read', '10.0.0.21', new Date(t0 + i * 10_000).toISOString()));
    expect(set.flush(Date.now() + 120_000)).toEqual([]);
  });
});
