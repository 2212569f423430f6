// Baseline membership as fields Sigma rules can use (docs/detection/fields.md): `baseline.zone`,
// `baseline.learning`, and once the zone's baseline is active `baseline.host_known`, `pair_known`,
// `protocol_known`, `operation_known`, `function_known`. While learning no `*_known` field is set, so a
// rule on `baseline.host_known: false` stays quiet until there is a baseline to be unknown to.
import type { SensedEvent } from '../../sensing/index.js';
import type { DetectionEnricher } from '../detector.js';
import { factsOf, keysOf } from './observe.js';
import type { BaselineRuntime } from './runtime.js';

export interface BaselineFields {
  readonly zone: string;
  readonly learning: boolean;
  readonly host_known?: boolean;
  readonly pair_known?: boolean;
  readonly protocol_known?: boolean;
  readonly operation_known?: boolean;
  readonly function_known?: boolean;
}

export function createBaselineEnricher(runtime: BaselineRuntime): DetectionEnricher {
  return {
    name: 'baselines',
    invalidate: () => runtime.invalidate(),
    async enrich(events) {
      const relevant = events.filter((e) => factsOf(e) !== undefined);
      if (relevant.length === 0) return events;
      await runtime.prepare(relevant);
      const out: SensedEvent[] = [];
      for (const e of events) {
        const x = factsOf(e);
        if (x === undefined) {
          out.push(e);
          continue;
        }
        const zone = runtime.zoneOf(e);
        const entry = runtime.entry(e.orgId, zone);
        let baseline: BaselineFields = { zone, learning: true };
        if (entry !== undefined && entry.baseline.state === 'active') {
          const model = await runtime.model(entry);
          const k = keysOf(x);
          baseline = {
            zone,
            learning: false,
            host_known: k.hosts.every((h) => model.has('host', h)),
            ...(k.pair === undefined ? {} : { pair_known: model.has('pair', k.pair) }),
            ...(k.protocol === undefined ? {} : { protocol_known: model.has('protocol', k.protocol) }),
            ...(k.operation === undefined ? {} : { operation_known: model.has('operation', k.operation) }),
            ...(k.fn === undefined ? {} : { function_known: model.has('function', k.fn) }),
          };
        }
        out.push({ ...e, fields: { ...e.fields, baseline } as SensedEvent['fields'] });
      }
      return out;
    },
  };
}
