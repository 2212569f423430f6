import { describe, expect, it } from 'vitest';
import { sensedEvent } from './sigma/test-support.js';
import { entityOf, highestCriticality, severityOf } from './alert-keys.js';
import { suppresses } from './suppression-match.js';
import type { Suppression } from './types.js';

describe('alert keys', () => {
  it('names the entity: the asset acted on first, then addresses and host names, else the organisation', () => {
    const e = sensedEvent({ fields: { source: { ip: '10.0.0.5' }, destination: { ip: '10.0.0.9' }, host: { name: 'ews1' } } });
    expect(entityOf({ ...e, assets: { source: 'a1', destination: 'a2' } })).toBe('asset:a2');
    expect(entityOf({ ...e, assets: { source: 'a1' } })).toBe('asset:a1');
    expect(entityOf(e)).toBe('ip:10.0.0.9');
    expect(entityOf(sensedEvent({ fields: { host: { name: 'ews1' }, source: { ip: '10.0.0.5' } } }))).toBe('host:ews1');
    expect(entityOf(sensedEvent({ fields: { source: { ip: '10.0.0.5' } } }))).toBe('ip:10.0.0.5');
    expect(entityOf(sensedEvent())).toBe('org');
  });

  it('takes severity from the rule level, moved by the most critical asset', () => {
    expect(severityOf('informational', undefined)).toBe('info');
    expect(severityOf('high', undefined)).toBe('high');
    expect(severityOf('high', 'critical')).toBe('critical');
    expect(severityOf('critical', 'critical')).toBe('critical');
    expect(severityOf('medium', 'low')).toBe('low');
    expect(severityOf('informational', 'low')).toBe('info');
    expect(severityOf('medium', 'high')).toBe('medium');
    expect(highestCriticality([undefined, 'low', 'high', 'medium'])).toBe('high');
    expect(highestCriticality([undefined])).toBeUndefined();
  });
});

describe('suppressions', () => {
  const base: Suppression = { id: 's', orgId: 'o', ruleId: null, entity: null, assetId: null, field: null, value: null, reason: '', expiresAt: null, createdBy: 'x', createdAt: '2026-12-07T00:00:00Z', hitCount: 0 };
  const event = sensedEvent({ fields: { source: { ip: '10.0.0.5' }, ics: { function: 'Write Single Register' } } });
  const hit = { orgId: 'o', ruleId: 'r1', entity: 'ip:10.0.0.9', assetIds: ['a1'], event };
  const now = Date.parse('2026-12-07T12:00:00Z');

  it('matches when every scope field it sets matches', () => {
    expect(suppresses(base, hit, now)).toBe(true);
    expect(suppresses({ ...base, orgId: 'other' }, hit, now)).toBe(false);
    expect(suppresses({ ...base, ruleId: 'r1', entity: 'ip:10.0.0.9', assetId: 'a1' }, hit, now)).toBe(true);
    expect(suppresses({ ...base, ruleId: 'r2' }, hit, now)).toBe(false);
    expect(suppresses({ ...base, assetId: 'a2' }, hit, now)).toBe(false);
    expect(suppresses({ ...base, field: 'source.ip', value: '10.0.0.5' }, hit, now)).toBe(true);
    expect(suppresses({ ...base, field: 'ics.function', value: 'Read Coils' }, hit, now)).toBe(false);
    expect(suppresses({ ...base, field: 'message', value: '' }, hit, now)).toBe(true);
  });

  it('stops at its expiry', () => {
    expect(suppresses({ ...base, expiresAt: '2026-12-07T13:00:00Z' }, hit, now)).toBe(true);
    expect(suppresses({ ...base, expiresAt: '2026-12-07T11:00:00Z' }, hit, now)).toBe(false);
  });
});
