// Detection throughput with indicators (issue 13): normalized events through 200 Sigma rules AND
// 100,000 STIX indicators on one core, the way the detector runs them per event: the compiled Sigma
// set, then the indicator stage's matching (the event as STIX observables, then the indexed matcher).
// The Sigma rules and the events are detection-sigma's generators, the indicators intel-match's; 2% of
// events carry a value some indicator looks for. Figures for Sigma alone and indicators alone show the
// share of each; the target is on the combined figure.
import { loadavg } from 'node:os';
import { createRandom } from '../src/modules/capture/simulator/random.js';
import { observationOf } from '../src/modules/detection/indicators/index.js';
import { compileRules, parseSigma, type SigmaRule } from '../src/modules/detection/sigma/index.js';
import { createMatcher } from '../src/modules/intel/pattern/index.js';
import type { SensedEvent } from '../src/modules/sensing/index.js';
import { generateEvents, ruleText } from './detection-sigma.js';
import { generateIndicators } from './intel-match.js';
import { medianRate, progress, report, round, type BenchCase } from './support.js';

const BENCH = 'detection-indicators';
const RULES = 200;
const ROUNDS = Number(process.env.SIGMA_BENCH_ROUNDS ?? 5);
const PLANT_EVERY = 50;

/** The same events with a planted indicator value in one of every PLANT_EVERY (as a DNS name, a destination, a URL or a file hash). */
function withPlants(events: readonly SensedEvent[], plant: readonly { type: string; value: string }[]): SensedEvent[] {
  return events.map((e, i) => {
    if (i % PLANT_EVERY !== 0) return e;
    const p = plant[(i / PLANT_EVERY) % plant.length] as { type: string; value: string };
    const f = e.fields;
    switch (p.type) {
      case 'ipv4-addr':
        return { ...e, fields: { ...f, destination: { ...f.destination, ip: p.value } } };
      case 'domain-name':
        return { ...e, fields: { ...f, dns: { question: { name: p.value } } } };
      case 'url':
        return { ...e, fields: { ...f, url: { original: p.value } } };
      default:
        return { ...e, fields: { ...f, file: { hash: { sha256: p.value } } } };
    }
  });
}

export const detectionIndicators: BenchCase = {
  id: BENCH,
  async run() {
    const rand = createRandom(20261207).next;
    const rules: SigmaRule[] = [];
    for (let i = 0; i < RULES; i++) rules.push(...parseSigma(ruleText(i, rand)).rules);
    const { matcher: sigma } = compileRules(rules);
    const { indicators, plant } = generateIndicators(rand);
    const loadStarted = performance.now();
    const stix = createMatcher(indicators);
    const loadMs = performance.now() - loadStarted;
    const events = withPlants(generateEvents(rand), plant);
    const times = events.map((e) => Date.parse(e.time));
    progress(`${BENCH}: ${RULES} Sigma rules, ${stix.stats().indicators} indicators (${stix.stats().indexed} indexed, loaded in ${Math.round(loadMs)} ms), ${events.length} events`);
    report({ bench: BENCH, metric: 'indicator_load_ms', value: round(loadMs, 0), unit: 'ms', n: indicators.length });

    let sigmaHits = 0;
    let indicatorHits = 0;
    const sigmaOnly = () => {
      sigmaHits = 0;
      for (const e of events) sigmaHits += sigma.match(e).length;
    };
    const indicatorsOnly = () => {
      indicatorHits = 0;
      for (let i = 0; i < events.length; i++) indicatorHits += stix.match(observationOf(events[i] as SensedEvent, times[i] as number)).length;
    };
    const both = () => {
      for (let i = 0; i < events.length; i++) {
        const e = events[i] as SensedEvent;
        sigma.match(e);
        stix.match(observationOf(e, times[i] as number));
      }
    };
    for (const [name, run] of [['sigma', sigmaOnly], ['indicators', indicatorsOnly], ['sigma+indicators', both]] as const) {
      const rate = medianRate(events.length, run, ROUNDS);
      const load = loadavg()[0] ?? 0;
      progress(`${BENCH}: ${name}: ${rate.wall} events/s wall, ${rate.cpu} events/s cpu (load ${load.toFixed(2)})`);
      const common = { bench: BENCH, n: events.length, rules: RULES, indicators: indicators.length, rounds: ROUNDS, path: name, loadavg: round(load, 2) };
      report({ ...common, metric: 'events_per_s', value: rate.wall, unit: 'events/s' });
      report({ ...common, metric: 'events_per_cpu_s', value: rate.cpu, unit: 'events/s' });
    }
    report({ bench: BENCH, metric: 'sigma_hits_per_round', value: sigmaHits, unit: 'hits', n: events.length });
    report({ bench: BENCH, metric: 'indicator_hits_per_round', value: indicatorHits, unit: 'hits', n: events.length });
  },
};
