import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEventQuery, parseEventQuery, type EventQuery, type FieldClause } from './query-language.js';
import { inRange, matchesQuery } from './query-match.js';
import type { SensedEvent } from './types.js';

const parsed = (text: string): EventQuery => {
  const result = parseEventQuery(text);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.query;
};
const issuesOf = (text: string) => {
  const result = parseEventQuery(text);
  if (result.ok) throw new Error(`expected issues for ${text}`);
  return result.issues;
};

const event = (over: Partial<SensedEvent> = {}): SensedEvent => ({
  id: 'e1',
  time: '2026-12-07T08:00:00.000Z',
  receivedAt: '2026-12-07T08:00:01.000Z',
  orgId: 'org-1',
  tlp: 'amber',
  sharedUpward: false,
  source: { type: 'zeek', id: 'zeek:1', name: 'zeek' },
  kind: 'operation',
  severity: 'medium',
  message: 'S7comm PLC Stop from 10.20.1.5 to PLC-1',
  fields: {
    source: { ip: '10.20.1.5', port: 49152 },
    destination: { ip: '10.20.2.10', port: 102 },
    ics: { protocol: 's7comm', operation: 'stop', unit: 3 },
    host: { name: 'HMI 1' },
    event: { category: ['network', 'intrusion_detection'] },
  },
  assets: { source: 'asset-hmi' },
  raw: null,
  rawTruncated: false,
  origin: {},
  ...over,
});

describe('events query language', () => {
  it('parses free text, phrases, prefixes and field filters with their positions', () => {
    const q = parsed('plc "modbus write" stor* source.ip:10.20.1.0/24 -kind:alert severity>=medium');
    expect(q.clauses.map((c) => [c.type, c.position, c.negated])).toEqual([
      ['text', 0, false],
      ['text', 4, false],
      ['text', 19, false],
      ['field', 25, false],
      ['field', 48, true],
      ['field', 60, false],
    ]);
    expect(q.clauses[1]).toMatchObject({ text: 'modbus write', phrase: true });
    expect(q.clauses[2]).toMatchObject({ text: 'stor', prefix: true });
    const severity = q.clauses[5] as FieldClause;
    expect(severity).toMatchObject({ field: 'severity', comparison: '>=', values: [{ text: 'medium' }] });
  });

  it('maps hot fields to columns and other ECS paths into fields', () => {
    const q = parsed('destination.port:502 host.name:"HMI 1" ics.operation:(stop,start) labels.zeek_uid:C1');
    const targets = q.clauses.map((c) => (c as FieldClause).target);
    expect(targets[0]).toEqual({ type: 'int', columns: ['destination_port'], min: 0, max: 65535 });
    expect(targets[1]).toEqual({ type: 'json', path: ['host', 'name'] });
    expect(targets[2]).toEqual({ type: 'json', path: ['ics', 'operation'], implied: 'action' });
    expect((q.clauses[2] as FieldClause).values.map((v) => v.text)).toEqual(['stop', 'start']);
    expect(targets[3]).toEqual({ type: 'json', path: ['labels', 'zeek_uid'] });
  });

  it('reports bad queries with the character position, never throwing', () => {
    expect(issuesOf('source.ip:10.0.0.300')).toEqual([{ position: 10, message: expect.stringContaining('not an IP address') }]);
    expect(issuesOf('kind:alert severity:urgent')[0]).toMatchObject({ position: 20, message: expect.stringContaining('not a severity') });
    expect(issuesOf('destination.port:70000')[0]).toMatchObject({ position: 17, message: expect.stringContaining('outside 0-65535') });
    expect(issuesOf('plc "stop')[0]).toEqual({ position: 4, message: 'unterminated quote' });
    expect(issuesOf('ics.operation:(stop,start')[0]).toMatchObject({ position: 14, message: expect.stringContaining('unclosed') });
    expect(issuesOf('sorce.ip:1.2.3.4')[0]).toMatchObject({ position: 0, message: expect.stringContaining('unknown field "sorce.ip"') });
    expect(issuesOf('kind>alert')[0]).toMatchObject({ position: 0, message: expect.stringContaining('cannot be compared') });
    expect(issuesOf('ok - x')[0]).toMatchObject({ position: 3, message: expect.stringContaining('nothing to negate') });
    expect(issuesOf('host.name: x')[0]).toMatchObject({ position: 10, message: 'no value after host.name:' });
    expect(issuesOf('source.ip:10.0.0.0/33')[0]?.message).toContain('prefix length');
    expect(issuesOf('x'.repeat(5000))[0]?.message).toContain('longer than');
  });

  it('never throws and always answers a result or positioned issues, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom('a', 'Z', '1', '.', ':', '-', '"', '(', ')', ',', '*', ' ', '>', '=', '<', '/', '\\', 'é') }), (text) => {
        const result = parseEventQuery(text);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const i of result.issues) expect(i.position).toBeGreaterThanOrEqual(0);
          for (const i of result.issues) expect(i.position).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('formats a query as text that parses back to the same clauses', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
    const value = fc.oneof(word, fc.constantFrom('HMI 1', 'a "quoted" b', 'x,y', 'back\\slash', '(paren)'));
    const clause = fc.oneof(
      fc.tuple(fc.boolean(), word).map(([neg, w]) => `${neg ? '-' : ''}${w}`),
      fc.tuple(fc.boolean(), value).map(([neg, v]) => `${neg ? '-' : ''}host.name:"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`),
      fc.tuple(fc.boolean(), fc.array(value, { minLength: 1, maxLength: 3 })).map(
        ([neg, vs]) => `${neg ? '-' : ''}ics.function:(${vs.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')})`,
      ),
      fc.integer({ min: 0, max: 65535 }).map((p) => `destination.port>=${p}`),
      fc.constantFrom('source.ip:10.0.0.0/8', 'severity>=high', 'kind:alert', 'user.name:adm*', 'process.command_line:*', '"plc stop"'),
    );
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 6 }), (parts) => {
        const first = parsed(parts.join(' '));
        const again = parsed(formatEventQuery(first));
        const strip = (q: EventQuery) => q.clauses.map((c) => (c.type === 'text' ? { ...c, position: 0, phrase: false } : { ...c, position: 0, values: c.values.map((v) => ({ ...v, position: 0 })) }));
        expect(strip(again)).toEqual(strip(first));
      }),
      { numRuns: 500 },
    );
  });

  it('matches events in memory as the SQL does', () => {
    const e = event();
    const yes = (text: string) => expect(matchesQuery(parsed(text), e), text).toBe(true);
    const no = (text: string) => expect(matchesQuery(parsed(text), e), text).toBe(false);
    yes('plc stop');
    yes('"plc stop"');
    no('"stop plc"');
    yes('pl*');
    yes('source.ip:10.20.1.0/24 destination.port:102 ics.operation:(start,stop) severity>=medium');
    no('source.ip:10.20.2.0/24');
    yes('-source.ip:10.20.2.0/24');
    yes('host.name:"HMI 1" host.name:HMI* ics.unit:3 ics.unit>=3 ics.unit<4 event.category:network');
    no('ics.unit>3');
    yes('-user.name:*');
    no('user.name:*');
    yes('action:stop protocol:s7comm asset:asset-hmi input.type:zeek');
    no('kind:alert');
    yes('-kind:alert');
  });

  it('tests address ranges like inet <<=', () => {
    expect(inRange('10.20.1.5', '10.20.1.0/24')).toBe(true);
    expect(inRange('10.20.1.5', '10.20.1.5')).toBe(true);
    expect(inRange('10.20.2.5', '10.20.1.0/24')).toBe(false);
    expect(inRange('10.20.1.5', '0.0.0.0/0')).toBe(true);
    expect(inRange('fe80::1', 'fe80::/10')).toBe(true);
    expect(inRange('2001:db8::1', 'fe80::/10')).toBe(false);
    expect(inRange('::ffff:10.0.0.1', '::ffff:10.0.0.0/120')).toBe(true);
    expect(inRange('10.0.0.1', '::/0')).toBe(false);
  });
});
