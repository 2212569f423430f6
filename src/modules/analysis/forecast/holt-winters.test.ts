import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holtWinters, outsideBand } from './holt-winters.js';

describe('Holt-Winters', () => {
  it('follows the recursions on a hand-computed series', () => {
    // season 2, α = β = γ = 0.5; y = 10 20 12 22 14. Initial: level 15 (first cycle's mean), trend
    // (17 − 15) / 2 = 1 (first to last complete cycle), season −4.5, 4.5 (each cycle's deviations from
    // its mean and trend line: 10 − 15 + 0.5, 20 − 15 − 0.5; the same in the second). Then by hand:
    //   t2: ŷ = 15 + 1 − 4.5 = 11.5;          l = .5(12 + 4.5) + .5(16) = 16.25;        b = .5(1.25) + .5(1) = 1.125;       s0 = .5(12 − 16.25) + .5(−4.5) = −4.375
    //   t3: ŷ = 16.25 + 1.125 + 4.5 = 21.875;  l = .5(22 − 4.5) + .5(17.375) = 17.4375;  b = .5(1.1875) + .5(1.125) = 1.15625; s1 = .5(22 − 17.4375) + .5(4.5) = 4.53125
    //   t4: ŷ = 17.4375 + 1.15625 − 4.375 = 14.21875; l = .5(14 + 4.375) + .5(18.59375) = 18.484375; b = .5(1.046875) + .5(1.15625) = 1.1015625; s0 = .5(14 − 18.484375) + .5(−4.375) = −4.4296875
    //   forecast h1 = 18.484375 + 1.1015625 + 4.53125 = 24.1171875; h2 = 18.484375 + 2.203125 − 4.4296875 = 16.2578125
    const fit = holtWinters([10, 20, 12, 22, 14], { seasons: [2], params: { alpha: 0.5, beta: 0.5, gamma: 0.5, omega: 0 } });
    expect(fit.fittedFrom).toBe(2);
    expect(fit.fitted).toEqual([11.5, 21.875, 14.21875]);
    expect(fit.level).toBeCloseTo(18.484375, 10);
    expect(fit.trend).toBeCloseTo(1.1015625, 10);
    expect(fit.sigma).toBeCloseTo(Math.sqrt((0.5 ** 2 + 0.125 ** 2 + 0.21875 ** 2) / 3), 10);
    expect(fit.forecast(2).map((p) => p.value)).toEqual([24.1171875, 16.2578125]);
  });

  it('learns a daily and a weekly season with a trend and forecasts the next day within its band', () => {
    // hourly counts over four weeks: a slow rise, a working-day shape, quieter weekends, a little noise
    let seed = 7;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 4;
    const truth = (t: number) => 200 + 0.05 * t + 40 * Math.sin((2 * Math.PI * (t % 24)) / 24) + (Math.floor(t / 24) % 7 >= 5 ? -60 : 0);
    const y = Array.from({ length: 24 * 28 }, (_, t) => truth(t) + noise());
    const fit = holtWinters(y, { seasons: [24, 168] });
    expect(fit.seasons).toEqual([24, 168]);
    const next = fit.forecast(24);
    const actual = Array.from({ length: 24 }, (_, h) => truth(y.length + h));
    const worst = Math.max(...next.map((p, i) => Math.abs(p.value - (actual[i] as number))));
    expect(worst).toBeLessThan(12);
    expect(outsideBand(actual, next)).toEqual([]);
    // a burst of activity leaves the band, and is named
    const burst = actual.map((v, i) => (i === 10 ? v + 150 : v));
    expect(outsideBand(burst, next).map((o) => o.step)).toEqual([11]);
  });

  it('drops seasons the series is too short for, and bands widen with the horizon', () => {
    const y = Array.from({ length: 60 }, (_, t) => 10 + (t % 24 < 12 ? 5 : 0));
    const fit = holtWinters(y, { seasons: [24, 168] });
    expect(fit.seasons).toEqual([24]);
    const band = fit.forecast(48);
    const width = (i: number) => (band[i] as { upper: number; lower: number }).upper - (band[i] as { upper: number; lower: number }).lower;
    expect(width(47)).toBeGreaterThanOrEqual(width(0));
  });

  it('never returns NaN on any series of counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 10_000 }), { minLength: 0, maxLength: 120 }), (y) => {
        const fit = holtWinters(y, { seasons: [24] });
        for (const p of fit.forecast(5)) for (const v of [p.value, p.lower, p.upper]) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
