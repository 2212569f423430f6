// The simulated water plant as one classic pcap: every actor (HMI polling, engineering session,
// discovery broadcast, SCADA polling the remote stations) yields its frames in time order, and they
// are merged into capture order. Deterministic: the same options give the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { engineeringSession } from './actors/engineering-session.js';
import { enipDiscovery } from './actors/enip-discovery.js';
import { dnp3Master } from './actors/dnp3-master.js';
import { iec104Master } from './actors/iec104-master.js';
import { modbusPoller } from './actors/modbus-poller.js';
import { type Actor, type ActorContext, seconds } from './actors/context.js';
import { finishFrame, type SimFrame } from './frames.js';
import { pcapFileHeader, pcapRecord } from './pcap.js';
import {
  boosterCommonAddress,
  broadcast,
  dnp3Addresses,
  dosingPlcIdentity,
  filterPlcDeviceId,
  plantHosts as h,
  uvPlcIdentity,
} from './plant.js';
import { createRandom } from './random.js';
import { scenarioActors, type ScenarioName } from './scenarios.js';

export interface SimulateOptions {
  /** Seed of every random choice (default 1). */
  readonly seed?: number;
  /** Length of the capture in minutes (default 5); shorter than 20 seconds is lengthened to 20 seconds. */
  readonly minutes?: number;
  /** Time of the first frame (default 2026-03-02 07:30 UTC, so that the default capture never changes). */
  readonly startTime?: Date;
  /** Attack scenarios added to the routine traffic (scenarios.ts), one after the other from 40 % of the capture on. */
  readonly scenarios?: readonly ScenarioName[];
}

/** Time each scenario gets before the next one starts. */
const scenarioSpacing = seconds(12);

export const defaultSimulation = { seed: 1, minutes: 5, startTime: new Date(Date.UTC(2026, 2, 2, 7, 30, 0)) } as const;

/** Every scripted event (the engineering session takes about 12 s) fits in this much capture. */
export const minimumSeconds = 20;

interface Resolved {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly scenarios: readonly ScenarioName[];
  /** When the first scenario starts. */
  readonly scenariosAt: number;
}

function resolve(options: SimulateOptions): Resolved {
  const seed = options.seed ?? defaultSimulation.seed;
  const minutes = options.minutes ?? defaultSimulation.minutes;
  const startTime = options.startTime ?? defaultSimulation.startTime;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) throw new RangeError(`minutes must be above 0 and at most 1440, got ${minutes}`);
  const ms = startTime.getTime();
  if (Number.isNaN(ms) || ms < 0) throw new RangeError('startTime must be a valid date after 1970');
  const start = ms * 1000;
  const scenarios = options.scenarios ?? [];
  const routineEnd = start + seconds(Math.max(minutes * 60, minimumSeconds));
  const scenariosAt = start + Math.round((routineEnd - start) * 0.4);
  // the capture lasts until the last scenario has had its time
  const end = Math.max(routineEnd, scenariosAt + scenarios.length * scenarioSpacing + seconds(3));
  return { seed, start, end, scenarios, scenariosAt };
}

function actors(r: Resolved): Actor[] {
  const root = createRandom(r.seed);
  const ctx = (label: string): ActorContext => ({ start: r.start, end: r.end, random: root.fork(label) });
  const duration = r.end - r.start;
  // The engineer goes online a fifth into the capture, early enough to finish before it ends.
  const engineeringAt = r.start + Math.min(Math.max(duration / 5, seconds(4)), duration - seconds(14));
  return [
    modbusPoller(ctx('modbus-filter-gallery'), {
      hmi: h.hmi,
      plc: h.filterPlc,
      connectAt: 0.05,
      deviceId: filterPlcDeviceId,
      firstWriteAfter: 5,
      process: {
        // raw water level (cm), intake flow (m³/h x10), filter 1 and 2 differential pressure (mbar),
        // raw and filtered turbidity (NTU x100), pump 1 and 2 speed (% x10), alarm word, heartbeat
        registers: [418, 1852, 121, 134, 356, 8, 745, 0, 0, 0],
        drift: [2, 12, 1, 1, 6, 1, 4, 0, 0, 0],
        coils: [true, false, true, true, false, false, true, false, true, true, false, false, false, false, false, true],
        setpoint: { address: 100, value: 1850, step: 25 },
      },
    }),
    modbusPoller(ctx('modbus-clearwell'), {
      hmi: h.hmi,
      plc: h.clearwellPlc,
      connectAt: 0.12,
      badReadAtPoll: 3,
      firstWriteAfter: 12,
      process: {
        // clearwell level (cm), outlet pressure (bar x100), chlorine residual (mg/l x100), pH (x100),
        // dosing pump rate (l/h x10), distribution flow (m³/h), three spare words, heartbeat
        registers: [356, 452, 82, 718, 42, 1630, 0, 0, 0, 0],
        drift: [2, 3, 1, 1, 1, 10, 0, 0, 0, 0],
        coils: [true, true, false, false, true, false, false, false, true, false, false, false, false, false, false, false],
        setpoint: { address: 100, value: 80, step: 5 },
      },
    }),
    dnp3Master(ctx('dnp3-reservoir'), { master: h.scada, outstation: h.reservoirRtu, addresses: dnp3Addresses, connectAt: 0.3 }),
    iec104Master(ctx('iec104-booster'), { master: h.scada, rtu: h.boosterRtu, commonAddress: boosterCommonAddress, connectAt: 0.6 }),
    enipDiscovery(ctx('enip-discovery'), { scanner: h.ews, broadcast, device: h.uvPlc, identity: uvPlcIdentity, at: engineeringAt - seconds(1.5) }),
    engineeringSession(ctx('s7-engineering'), { ews: h.ews, plc: h.dosingPlc, identity: dosingPlcIdentity, at: engineeringAt }),
    ...r.scenarios.flatMap((name, i) => scenarioActors(name, ctx(`scenario-${name}`), r.scenariosAt + i * scenarioSpacing)),
  ];
}

/** The plant's frames in capture order, IPv4 identification and header checksums filled in. */
export function* simulatedFrames(options: SimulateOptions = {}): Generator<SimFrame> {
  const r = resolve(options);
  const sources = actors(r);
  const heads = sources.map((a) => a.next());
  const counters = new Map<string, number>();
  const ids = createRandom(r.seed).fork('ip-identification');
  const initial = () => ids.int(0, 0xffff);
  for (;;) {
    // a handful of actors: a linear scan beats a heap; ties go to the earlier actor
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i]!;
      if (head.done !== true && (best < 0 || head.value.time < (heads[best]!.value as SimFrame).time)) best = i;
    }
    if (best < 0) return;
    const frame = heads[best]!.value as SimFrame;
    heads[best] = sources[best]!.next();
    finishFrame(frame.data, counters, initial);
    yield frame;
  }
}

/** The whole capture in memory (a five-minute plant is about 300 kB). */
export function simulatePlant(options: SimulateOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [pcapFileHeader()];
  let size = parts[0]!.length;
  for (const frame of simulatedFrames(options)) {
    const record = pcapRecord(frame);
    parts.push(record);
    size += record.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Streams the capture to a file (for long simulations); resolves with what was written. */
export async function writeSimulatedCapture(path: string, options: SimulateOptions = {}): Promise<{ frames: number; bytes: number }> {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  let frames = 0;
  let bytes = 0;
  const write = async (chunk: Uint8Array) => {
    bytes += chunk.length;
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(pcapFileHeader());
  for (const frame of simulatedFrames(options)) {
    frames++;
    await write(pcapRecord(frame));
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { frames, bytes };
}
