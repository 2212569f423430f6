// Holt-Winters forecasting of activity counts (issue 14): additive level, trend and up to two seasons
// (daily and weekly on hourly counts, Taylor's double-seasonal form), with a prediction band. Our own
// code: it is the core of forecasts and of "activity outside its band" anomalies, and it must explain
// itself (the fitted smoothing parameters and the one-step error are part of the answer).
//
// Recursions, for seasons of length m1 and m2 (seasonal terms s1, s2):
//   level   l_t = α (y_t − s1_{t−m1} − s2_{t−m2}) + (1 − α)(l_{t−1} + b_{t−1})
//   trend   b_t = β (l_t − l_{t−1}) + (1 − β) b_{t−1}
//   season  s1_t = γ (y_t − l_t − s2_{t−m2}) + (1 − γ) s1_{t−m1}
//   season  s2_t = ω (y_t − l_t − s1_{t−m1}) + (1 − ω) s2_{t−m2}
//   forecast ŷ_{t+h} = l_t + h b_t + s1_{t+h−m1·k1} + s2_{t+h−m2·k2}
// Initial state: level the first cycle's mean (of the longest season), trend the difference of the first
// two cycles' means per step, seasonal terms the mean deviations of every complete cycle.

export interface HoltWintersParams {
  readonly alpha: number;
  readonly beta: number;
  /** Smoothing of the first (shorter) season. */
  readonly gamma: number;
  /** Smoothing of the second season. */
  readonly omega: number;
}

export interface HoltWintersOptions {
  /** Season lengths in steps, shorter first (e.g. [24, 168] on hourly counts); seasons longer than half the series are dropped. */
  readonly seasons: readonly number[];
  /** Fixed parameters; fitted by least squares of the one-step errors when absent. */
  readonly params?: HoltWintersParams;
  /** Width of the band in standard deviations of the error (default 1.96: about 95 %). */
  readonly z?: number;
}

export interface ForecastPoint {
  readonly step: number;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

export interface HoltWintersFit {
  readonly params: HoltWintersParams;
  /** Season lengths actually used. */
  readonly seasons: readonly number[];
  /** One-step-ahead forecasts for the observations after the initial cycle (aligned with `fittedFrom`). */
  readonly fitted: readonly number[];
  readonly fittedFrom: number;
  /** Root mean square of the one-step errors. */
  readonly sigma: number;
  readonly level: number;
  readonly trend: number;
  forecast(horizon: number): ForecastPoint[];
}

interface State {
  level: number;
  trend: number;
  /** Seasonal terms per season, indexed by time modulo the season length. */
  readonly seasonal: number[][];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const mod = (a: number, m: number) => ((a % m) + m) % m;

function initial(y: readonly number[], seasons: readonly number[]): { state: State; start: number } {
  const cycle = seasons.length === 0 ? Math.min(2, y.length) : (seasons[seasons.length - 1] as number);
  const first = y.slice(0, cycle);
  const second = y.slice(cycle, 2 * cycle);
  const level = mean(first);
  const cycles = cycle > 0 ? Math.floor(y.length / cycle) : 0;
  // the slope between the first and the last complete cycle: steadier than between the first two
  const trend = cycles >= 2 ? (mean(y.slice((cycles - 1) * cycle, cycles * cycle)) - level) / ((cycles - 1) * cycle) : cycle > 0 && second.length === cycle ? (mean(second) - level) / cycle : 0;
  // Seasonal terms from every complete cycle, each taken from its own mean and trend line (so the trend
  // does not leak into them): with a few weeks of history, the first week alone would leave the weekly shape half learnt and
  // the level would soak up every weekend. The shorter season takes what it explains, the longer the rest.
  const deviations = new Array<number>(cycle).fill(0);
  for (let c = 0; c < cycles; c++) {
    const part = y.slice(c * cycle, (c + 1) * cycle);
    const m = mean(part);
    // less the trend's ramp within the cycle, or the season would carry the trend and the level pay for it
    part.forEach((v, i) => (deviations[i] = (deviations[i] as number) + (v - m - trend * (i - (cycle - 1) / 2)) / cycles));
  }
  const seasonal: number[][] = [];
  let rest = deviations;
  for (const m of seasons) {
    const s = Array.from({ length: m }, (_, i) => mean(rest.filter((_, t) => t % m === i)));
    seasonal.push(s);
    rest = rest.map((v, t) => v - (s[t % m] as number));
  }
  return { state: { level, trend, seasonal }, start: cycle };
}

function seasonalAt(state: State, seasons: readonly number[], t: number, skip = -1): number {
  let sum = 0;
  seasons.forEach((m, k) => {
    if (k !== skip) sum += state.seasonal[k]?.[mod(t, m)] ?? 0;
  });
  return sum;
}

/** Horizons whose errors are measured on the history (beyond, the last one's grows with the square root). */
const measuredHorizons = 48;

/**
 * Runs the recursions over y from `start`; returns the one-step forecasts, the final state, and the
 * root mean square error of the h-step forecasts made from every earlier point (h = 1 … errorHorizons).
 * Those are exact while h is within the shorter season: the seasonal term a forecast uses is not
 * updated between the forecast's origin and its target, so it is read at the target, before its update.
 */
function run(y: readonly number[], seasons: readonly number[], p: HoltWintersParams, errorHorizons = 0): { fitted: number[]; state: State; start: number; sse: number; stepErrors: number[] } {
  const { state, start } = initial(y, seasons);
  const fitted: number[] = [];
  let sse = 0;
  const origins: { level: number; trend: number }[] = [];
  const squares = new Array<number>(errorHorizons).fill(0);
  const counts = new Array<number>(errorHorizons).fill(0);
  for (let t = start; t < y.length; t++) {
    const obs = y[t] as number;
    const season = seasonalAt(state, seasons, t);
    const predicted = state.level + state.trend + season;
    fitted.push(predicted);
    sse += (obs - predicted) ** 2;
    for (let h = 1; h <= Math.min(errorHorizons, origins.length); h++) {
      const o = origins[origins.length - h] as { level: number; trend: number };
      squares[h - 1] = (squares[h - 1] as number) + (obs - (o.level + h * o.trend + season)) ** 2;
      counts[h - 1] = (counts[h - 1] as number) + 1;
    }
    const previous = state.level;
    state.level = p.alpha * (obs - season) + (1 - p.alpha) * (state.level + state.trend);
    state.trend = p.beta * (state.level - previous) + (1 - p.beta) * state.trend;
    seasons.forEach((m, k) => {
      const smoothing = k === 0 ? p.gamma : p.omega;
      const s = state.seasonal[k] as number[];
      const i = mod(t, m);
      s[i] = smoothing * (obs - state.level - seasonalAt(state, seasons, t, k)) + (1 - smoothing) * (s[i] as number);
    });
    if (errorHorizons > 0) {
      origins.push({ level: state.level, trend: state.trend });
      if (origins.length > errorHorizons) origins.shift();
    }
  }
  const stepErrors = squares.flatMap((sq, i) => ((counts[i] as number) > 0 ? [Math.sqrt(sq / (counts[i] as number))] : []));
  return { fitted, state, start, sse, stepErrors };
}

const grid = {
  alpha: [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9],
  beta: [0, 0.01, 0.05, 0.1, 0.2],
  gamma: [0.05, 0.1, 0.2, 0.4],
  omega: [0.05, 0.1, 0.2, 0.4],
};

/** Least squares of the one-step errors over a grid: bounded work, and the same answer every time. */
function fitParams(y: readonly number[], seasons: readonly number[]): HoltWintersParams {
  let best: { p: HoltWintersParams; sse: number } | undefined;
  const gammas = seasons.length >= 1 ? grid.gamma : [0];
  const omegas = seasons.length >= 2 ? grid.omega : [0];
  for (const alpha of grid.alpha)
    for (const beta of grid.beta)
      for (const gamma of gammas)
        for (const omega of omegas) {
          const p = { alpha, beta, gamma, omega };
          const { sse } = run(y, seasons, p);
          if (best === undefined || sse < best.sse) best = { p, sse };
        }
  return best?.p ?? { alpha: 0.5, beta: 0, gamma: 0, omega: 0 };
}

/**
 * Fits the series (counts per step, oldest first). Needs at least two cycles of the longest season it
 * keeps; seasons the series is too short for are dropped, down to level and trend alone.
 */
export function holtWinters(y: readonly number[], options: HoltWintersOptions): HoltWintersFit {
  const seasons = [...options.seasons].sort((a, b) => a - b).filter((m) => m >= 2 && y.length >= 2 * m);
  const params = options.params ?? fitParams(y, seasons);
  const horizons = Math.min(measuredHorizons, seasons[0] ?? measuredHorizons);
  const { fitted, state, start, sse, stepErrors } = run(y, seasons, params, horizons);
  const sigma = fitted.length === 0 ? 0 : Math.sqrt(sse / fitted.length);
  const z = options.z ?? 1.96;
  const last = y.length - 1;
  /** The error of an h-step forecast as measured on the history; past what was measured it grows like a random walk's. */
  const errorAt = (h: number): number => {
    const measured = stepErrors[Math.min(h, stepErrors.length) - 1];
    if (measured === undefined) return sigma * Math.sqrt(h);
    return h <= stepErrors.length ? measured : measured * Math.sqrt(h / stepErrors.length);
  };
  return {
    params,
    seasons,
    fitted,
    fittedFrom: start,
    sigma,
    level: state.level,
    trend: state.trend,
    forecast(horizon) {
      const out: ForecastPoint[] = [];
      for (let h = 1; h <= horizon; h++) {
        const value = state.level + h * state.trend + seasonalAt(state, seasons, last + h);
        const spread = z * errorAt(h);
        out.push({ step: h, value, lower: value - spread, upper: value + spread });
      }
      return out;
    },
  };
}

/** Where observed counts leave the band forecast for them: the steps and by how much. */
export function outsideBand(observed: readonly number[], band: readonly ForecastPoint[]): { step: number; value: number; expected: number; lower: number; upper: number }[] {
  const out: { step: number; value: number; expected: number; lower: number; upper: number }[] = [];
  band.forEach((p, i) => {
    const value = observed[i];
    if (value !== undefined && (value < p.lower || value > p.upper)) out.push({ step: p.step, value, expected: p.value, lower: p.lower, upper: p.upper });
  });
  return out;
}
