import { describe, expect, it } from 'vitest';
import { evaluatePattern } from './evaluate.js';
import { observationsFromBundle } from './observations.js';
import { parsePattern } from './parser.js';
import type { BulwarkEvent, Observation, ObservedData } from './types.js';

function ast(text: string) {
  const r = parsePattern(text);
  if (!r.success) throw new Error(`${text}: ${r.error.message}`);
  return r.pattern;
}

const base = Date.UTC(2024, 5, 1, 8, 0, 0);
/** An event `seconds` after the base time carrying one object. */
function at(seconds: number, type: string, value: string): BulwarkEvent {
  return { time: base + seconds * 1000, objects: { '0': { type, value } } };
}
function od(id: string, first: number, last: number, count: number, objects: Record<string, { type: string; [k: string]: unknown }>): ObservedData {
  const iso = (s: number) => new Date(base + s * 1000).toISOString();
  return { type: 'observed-data', id, first_observed: iso(first), last_observed: iso(last), number_observed: count, objects };
}

const login = (s: number) => at(s, 'user-account', 'operator');
const scan = (s: number) => at(s, 'ipv4-addr', '10.9.9.9');
const write = (s: number) => at(s, 'x-modbus-write', 'coil-17');

describe('evaluatePattern: observation expressions', () => {
  it('matches OR with either side and reports the observations used', () => {
    const p = ast("[user-account:value = 'operator'] OR [ipv4-addr:value = '10.9.9.9']");
    const r = evaluatePattern(p, [write(0), scan(5)]);
    expect(r).toMatchObject({ matched: true, bindings: [[1]], observations: [1], truncated: false, skipped: [] });
    expect(evaluatePattern(p, [write(0)]).matched).toBe(false);
  });

  it('needs distinct observations for AND', () => {
    const both = ast("[ipv4-addr:value = '10.9.9.9'] AND [ipv4-addr:value LIKE '10.%']");
    expect(evaluatePattern(both, [scan(0)]).matched).toBe(false);
    const r = evaluatePattern(both, [scan(0), scan(1)]);
    expect(r.matched).toBe(true);
    expect(r.bindings).toEqual([[0, 1]]);
    // AND has no order in time.
    expect(evaluatePattern(ast("[x-modbus-write:value = 'coil-17'] AND [user-account:value = 'operator']"), [login(0), write(9)]).matched).toBe(true);
  });

  it('orders FOLLOWEDBY in time, allowing the same instant', () => {
    const p = ast("[user-account:value = 'operator'] FOLLOWEDBY [x-modbus-write:value = 'coil-17']");
    expect(evaluatePattern(p, [login(0), write(30)]).matched).toBe(true);
    expect(evaluatePattern(p, [write(0), login(30)]).matched).toBe(false);
    expect(evaluatePattern(p, [write(0), login(0)]).matched).toBe(true);
    const chain = ast("[user-account:value = 'operator'] FOLLOWEDBY [ipv4-addr:value = '10.9.9.9'] FOLLOWEDBY [x-modbus-write:value = 'coil-17']");
    expect(evaluatePattern(chain, [login(0), scan(10), write(20)]).matched).toBe(true);
    expect(evaluatePattern(chain, [login(0), write(10), scan(20)]).matched).toBe(false);
    expect(evaluatePattern(chain, [scan(10), login(0), write(20), write(5)]).bindings).toEqual([[0, 1, 2]]);
  });

  it('lets overlapping observed-data intervals satisfy FOLLOWEDBY when some choice of times does', () => {
    const p = ast("[a:value = 'x'] FOLLOWEDBY [b:value = 'y']");
    const later = od('observed-data--1', 100, 200, 1, { '0': { type: 'a', value: 'x' } });
    const earlier = od('observed-data--2', 50, 150, 1, { '0': { type: 'b', value: 'y' } });
    expect(evaluatePattern(p, [later, earlier]).matched).toBe(true);
    const tooEarly = od('observed-data--3', 10, 90, 1, { '0': { type: 'b', value: 'y' } });
    expect(evaluatePattern(p, [later, tooEarly]).matched).toBe(false);
  });

  it('applies WITHIN to all observations of the qualified expression, inclusive', () => {
    const p = ast("([user-account:value = 'operator'] FOLLOWEDBY [x-modbus-write:value = 'coil-17']) WITHIN 60 SECONDS");
    expect(evaluatePattern(p, [login(0), write(60)]).matched).toBe(true);
    expect(evaluatePattern(p, [login(0), write(60.001)]).matched).toBe(false);
    expect(evaluatePattern(p, [login(0), write(120), login(100)]).bindings).toEqual([[1, 2]]);
    expect(evaluatePattern(ast("[a:value = 'x'] AND [b:value = 'y'] WITHIN 1 SECONDS"), [at(0, 'a', 'x'), at(50, 'b', 'y')]).matched).toBe(true);
    expect(evaluatePattern(ast("([a:value = 'x'] AND [b:value = 'y']) WITHIN 0.5 SECONDS"), [at(0, 'a', 'x'), at(0.5, 'b', 'y')]).matched).toBe(true);
    expect(evaluatePattern(ast("([a:value = 'x'] AND [b:value = 'y']) WITHIN 0.5 SECONDS"), [at(0, 'a', 'x'), at(0.6, 'b', 'y')]).matched).toBe(false);
  });

  it('counts REPEATS over distinct observations, and number_observed as that many', () => {
    const p = ast("[ipv4-addr:value = '10.9.9.9'] REPEATS 3 TIMES");
    expect(evaluatePattern(p, [scan(0), scan(1)]).matched).toBe(false);
    expect(evaluatePattern(p, [scan(0), scan(1), scan(2)]).bindings).toEqual([[0, 1, 2]]);
    const three = od('observed-data--4', 0, 10, 3, { '0': { type: 'ipv4-addr', value: '10.9.9.9' } });
    expect(evaluatePattern(p, [three]).bindings).toEqual([[0, 0, 0]]);
    const two = { ...three, number_observed: 2 };
    expect(evaluatePattern(p, [two]).matched).toBe(false);
    expect(evaluatePattern(p, [two, scan(50)]).bindings).toEqual([[0, 0, 1]]);
    expect(evaluatePattern(ast("[a:value = 'x'] AND [a:value = 'x']"), [{ ...three, objects: { '0': { type: 'a', value: 'x' } }, number_observed: 2 }]).matched).toBe(true);
  });

  it('applies qualifiers in the order written', () => {
    const events = [scan(0), scan(4), scan(100), scan(104)];
    // Two repetitions, each pair within 5 s of itself: (0,4) and (100,104).
    const eachWithin = ast("([ipv4-addr:value = '10.9.9.9'] AND [ipv4-addr:value = '10.9.9.9']) WITHIN 5 SECONDS REPEATS 2 TIMES");
    expect(evaluatePattern(eachWithin, events).matched).toBe(true);
    // All four within 5 s: impossible.
    const allWithin = ast("([ipv4-addr:value = '10.9.9.9'] AND [ipv4-addr:value = '10.9.9.9']) REPEATS 2 TIMES WITHIN 5 SECONDS");
    expect(evaluatePattern(allWithin, events).matched).toBe(false);
    expect(evaluatePattern(allWithin, [scan(0), scan(1), scan(2), scan(3)]).matched).toBe(true);
  });

  it('keeps START inclusive and STOP exclusive', () => {
    const p = ast("[ipv4-addr:value = '10.9.9.9'] START t'2024-06-01T08:00:10Z' STOP t'2024-06-01T08:00:20Z'");
    expect(evaluatePattern(p, [scan(10)]).matched).toBe(true);
    expect(evaluatePattern(p, [scan(19.999)]).matched).toBe(true);
    expect(evaluatePattern(p, [scan(20)]).matched).toBe(false);
    expect(evaluatePattern(p, [scan(9.999)]).matched).toBe(false);
    // An observed-data interval only has to meet the range.
    expect(evaluatePattern(p, [od('observed-data--5', 0, 10, 1, { '0': { type: 'ipv4-addr', value: '10.9.9.9' } })]).matched).toBe(true);
    expect(evaluatePattern(p, [od('observed-data--6', 20, 30, 1, { '0': { type: 'ipv4-addr', value: '10.9.9.9' } })]).matched).toBe(false);
  });

  it('finds several bindings, up to the limit', () => {
    const p = ast("[ipv4-addr:value = '10.9.9.9']");
    const r = evaluatePattern(p, [scan(0), write(1), scan(2), scan(3)], { maxBindings: 2 });
    expect(r.bindings).toEqual([[0], [2]]);
    expect(evaluatePattern(p, [scan(0), write(1), scan(2)]).observations).toEqual([0, 2]);
  });

  it('skips malformed observations and says why', () => {
    const p = ast("[ipv4-addr:value = '10.9.9.9']");
    const bad: Observation[] = [
      { time: 'yesterday', objects: { '0': { type: 'ipv4-addr', value: '10.9.9.9' } } },
      { ...od('observed-data--7', 10, 0, 1, {}) },
      { ...od('observed-data--8', 0, 1, 0, {}) },
      { ...od('observed-data--9', 0, 1, 1, {}), first_observed: '2024-13-01T00:00:00Z' },
      null as unknown as Observation,
      { hello: 'world' } as unknown as Observation,
      scan(1),
    ];
    const r = evaluatePattern(p, bad);
    expect(r.matched).toBe(true);
    expect(r.bindings).toEqual([[6]]);
    expect(r.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.skipped[1]?.reason).toContain('earlier than first_observed');
    expect(r.skipped[2]?.reason).toContain('number_observed');
    expect(evaluatePattern(p, []).matched).toBe(false);
  });

  it('gives up within its step budget and says so, without overflowing the stack', () => {
    const many = Array.from({ length: 60 }, (_, i) => scan(i));
    // 30 repetitions within 0.5 s cannot be found among events one second apart; the search is cut short.
    const hard = ast("([ipv4-addr:value = '10.9.9.9'] AND [ipv4-addr:value = '10.9.9.9'] AND [ipv4-addr:value = '10.9.9.9']) REPEATS 20 TIMES WITHIN 30 SECONDS");
    const r = evaluatePattern(hard, many, { maxSteps: 5000 });
    expect(r).toMatchObject({ matched: false, truncated: true });
    const huge = ast("[ipv4-addr:value = '10.9.9.9'] REPEATS 999999999 TIMES");
    expect(evaluatePattern(huge, many)).toMatchObject({ matched: false, truncated: false });
    const deep = evaluatePattern(ast("[ipv4-addr:value = '10.9.9.9'] REPEATS 50000 TIMES"), Array.from({ length: 50_000 }, (_, i) => scan(i)));
    expect(deep.matched || deep.truncated).toBe(true);
  });

  it('reads observed-data with object_refs from a bundle, following references between SCOs', () => {
    const bundle = [
      { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--1b1b3f61-0000-5000-8000-000000000001', value: '198.51.100.23' },
      { type: 'network-traffic', spec_version: '2.1', id: 'network-traffic--2c2c3f61-0000-5000-8000-000000000002', dst_ref: 'ipv4-addr--1b1b3f61-0000-5000-8000-000000000001', dst_port: 44818, protocols: ['tcp'] },
      {
        type: 'observed-data', spec_version: '2.1', id: 'observed-data--3d3d3f61-0000-4000-8000-000000000003', created: '2024-06-01T08:00:00Z', modified: '2024-06-01T08:00:00Z',
        first_observed: '2024-06-01T08:00:00Z', last_observed: '2024-06-01T08:05:00Z', number_observed: 4,
        object_refs: ['network-traffic--2c2c3f61-0000-5000-8000-000000000002', 'ipv4-addr--1b1b3f61-0000-5000-8000-000000000001', 'x-unknown--00000000-0000-4000-8000-000000000000'],
      },
    ];
    const observations = observationsFromBundle(bundle);
    expect(observations).toHaveLength(1);
    const p = ast("[network-traffic:dst_ref.value = '198.51.100.23' AND network-traffic:dst_port = 44818] REPEATS 4 TIMES");
    expect(evaluatePattern(p, observations)).toMatchObject({ matched: true, bindings: [[0, 0, 0, 0]] });
    expect(evaluatePattern(ast("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"), observations).matched).toBe(true);
    expect(evaluatePattern(ast("[network-traffic:dst_ref.value = '198.51.100.24']"), observations).matched).toBe(false);
  });
});
