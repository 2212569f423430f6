// The detection pages' logic (web/src/pages/detection): the queue's filters in the URL and as the API
// takes them, saved views, the explanation in words, the workbench's line/column to offset, the
// coverage bands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertListQuery } from '../src/modules/detection/schemas.js';
import { alertViewFilterSchema } from '../src/modules/detection/console-schemas.js';
import type { Alert } from '../src/modules/detection/types.js';
import { band, explain, filterOf, offsetOf, queueSearch, readQueueState, stateOfView, techniqueId, viewFilterOf, whyItMatters, type QueueState } from '../web/src/pages/detection/detection-model.js';

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  orgId: 'o1',
  ruleId: 'r1',
  ruleTitle: 'S7 program download',
  entity: 'ip:10.0.0.9',
  severity: 'high',
  level: 'high',
  status: 'new',
  assignee: null,
  tlp: 'amber',
  sharedUpward: false,
  techniques: ['T0843'],
  assetIds: [],
  eventIds: ['e1', 'e2'],
  selections: ['download'],
  count: 2,
  firstSeen: '2026-12-07T10:00:00.000Z',
  lastSeen: '2026-12-07T10:05:00.000Z',
  createdAt: '2026-12-07T10:00:01.000Z',
  updatedAt: '2026-12-07T10:05:01.000Z',
  ...over,
});

describe('alert queue state', () => {
  it('round-trips through the URL, ignoring values the API would refuse', () => {
    const state: QueueState = { status: 'acknowledged', severity: 'high', technique: 't0843', ruleId: 'r1', assetId: 'a9', since: '7d' };
    const back = readQueueState(new URLSearchParams(queueSearch(state)));
    expect(back).toEqual({ ...state, technique: 'T0843' });
    expect(readQueueState(new URLSearchParams('status=closed&severity=urgent&since=2y'))).toEqual({ status: '', severity: '', technique: '', ruleId: '', assetId: '', since: '' });
  });

  it('gives the API only filters its schema takes, the time preset resolved against now', () => {
    const now = Date.parse('2026-12-07T12:00:00.000Z');
    const filter = filterOf({ status: 'new', severity: '', technique: 't08', ruleId: '', assetId: '', since: '24h' }, now);
    // An unfinished technique id is left out rather than refused.
    expect(filter).toEqual({ status: 'new', from: '2026-12-06T12:00:00.000Z' });
    expect(techniqueId(' t0843.001 ')).toBe('T0843.001');
    fc.assert(
      fc.property(
        fc.constantFrom('', 'new', 'resolved'),
        fc.constantFrom('', 'low', 'critical'),
        fc.string({ maxLength: 8 }),
        fc.constantFrom('', '24h', '30d'),
        (status, severity, technique, since) => {
          const f = filterOf({ status: status as QueueState['status'], severity: severity as QueueState['severity'], technique, ruleId: '', assetId: '', since: since as QueueState['since'] }, now);
          expect(alertListQuery.safeParse(f).success).toBe(true);
        },
      ),
    );
  });

  it('keeps views without their time, in the form the views API validates', () => {
    const state: QueueState = { status: 'new', severity: 'critical', technique: 'T0814', ruleId: '', assetId: '', since: '24h' };
    const view = viewFilterOf(state);
    expect(view).toEqual({ status: 'new', severity: 'critical', technique: 'T0814' });
    expect(alertViewFilterSchema.safeParse(view).success).toBe(true);
    expect(stateOfView(view)).toEqual({ ...state, since: '' });
  });
});

describe('alert explanation', () => {
  it('says what happened, why it matters, and whether it is new here', () => {
    const text = explain(alert(), null, []);
    expect(text.what).toBe('The rule “S7 program download” matched events about the address 10.0.0.9 2 times, between Mon, 07 Dec 2026 10:00:00 GMT and Mon, 07 Dec 2026 10:05:00 GMT (matching on download).');
    expect(text.why).toContain('A program download replaces the logic');
    expect(text.why).toContain('look at it first');
    expect(text.normal).toBe('This rule has not fired about the address 10.0.0.9 before: the activity is new here.');
  });

  it('counts earlier alerts of the rule about the same thing, and those dismissed as false positives', () => {
    const earlier = [alert({ id: 'a0', status: 'false_positive' }), alert({ id: 'b0', status: 'resolved' }), alert({ id: 'c0', entity: 'ip:10.0.0.10', status: 'false_positive' })];
    expect(explain(alert(), 'PLC-3', earlier).normal).toBe('This rule fired about the asset PLC-3 2 times before, and 1 of those alerts were marked false positives: it may be routine here.');
    expect(explain(alert({ count: 1, firstSeen: '2026-12-07T10:00:00.000Z', lastSeen: '2026-12-07T10:00:00.000Z' }), 'PLC-3', []).what).toContain('about the asset PLC-3 once, at Mon, 07 Dec 2026 10:00:00 GMT');
    expect(whyItMatters(['T0999'], 'low')).toBe('The rule’s author judged this activity worth a person’s look.');
  });
});

describe('workbench and coverage helpers', () => {
  it('turns a problem’s line and column into the editor offset', () => {
    const text = 'title: a\ndetection:\n  condition: x\n';
    expect(text.slice(offsetOf(text, 3, 14))).toBe('x\n');
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 99, 99)).toBe(text.length);
  });

  it('bands counts so that every step of the scale is one band', () => {
    expect([0, 1, 2, 3, 4, 9, 10, 500].map(band)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
  });
});
