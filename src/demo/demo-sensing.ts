// The demo's event stream: the built-in simulated water plant runs once through a sensor's pipeline
// (capture analysis → operation, host and flow events), and its routine minute is repeated over the
// last 24 hours, with the engineering session (PLC stop, program download, start) at two moments of
// the day. Written through the sensing ingest in large batches, so a first start stays fast.
import type { Actor } from '../platform/access.js';
import type { Services } from '../services.js';
import { simulatePlant } from '../modules/capture/simulator/index.js';
import type { EventDraft, IngestContext } from '../modules/sensing/index.js';
import { startSensorRun } from '../modules/sensing/sensor/sensor-run.js';
import { createSensorService } from '../modules/sensing/sensor/sensor.service.js';
import { recordContact } from '../modules/sensing/sensor/sensor.store.js';

export interface DemoSensorPlan {
  /** Organisation key in demoOrgs, the sensor's name, and how its plant's addresses read. */
  readonly org: string;
  readonly sensor: string;
  /** Replaces the simulated plant's `10.20.` prefix (the water plant's own network keeps it). */
  readonly prefix: string;
  /** Minutes between two repetitions of the routine minute. */
  readonly everyMinutes: number;
}

export const demoSensors: readonly DemoSensorPlan[] = [
  { org: 'water', sensor: 'wtp-demo-sensor', prefix: '10.20.', everyMinutes: 20 },
  { org: 'chem', sensor: 'ngc-demo-sensor', prefix: '172.16.', everyMinutes: 60 },
];

const minute = 60_000;
/** The engineering session happens at these offsets before now (the night shift, and this afternoon). */
const sessionsAgoMs = [19 * 3_600_000 + 20 * minute, 2 * 3_600_000 + 35 * minute];
/** Host and flow summaries are shipped once an hour, as a sensor's snapshot would be. */
const snapshotEveryMs = 3_600_000;
const simulatedMinutes = 1;

export interface DemoStream {
  /** Routine operations of the simulated minute (polling, reads, setpoint writes), times relative to its start. */
  readonly routine: readonly { readonly draft: EventDraft; readonly offsetMs: number }[];
  /** The engineering workstation's session (discovery, PLC stop, program download, start). */
  readonly session: readonly { readonly draft: EventDraft; readonly offsetMs: number }[];
  /** Hosts and communications seen in the minute. */
  readonly snapshot: readonly { readonly draft: EventDraft; readonly offsetMs: number }[];
}

/** One simulated minute of the plant through the sensor's analysis; deterministic for a seed. */
export async function simulateDemoStream(seed = 1): Promise<DemoStream> {
  const start = Date.UTC(2026, 0, 1);
  const bytes = simulatePlant({ seed, minutes: simulatedMinutes, startTime: new Date(start) });
  const drafts: EventDraft[] = [];
  async function* input(): AsyncGenerator<Uint8Array> {
    yield bytes;
  }
  // Long timer periods: everything comes out at the end, operations folded per minute as a sensor ships them.
  const run = startSensorRun({ input: input(), name: 'demo', sink: { enqueue: async (events) => void drafts.push(...events) }, flushMs: 3_600_000, snapshotMs: 3_600_000 });
  await run.done;
  const ews = '10.20.2.30';
  const entry = (draft: EventDraft) => ({ draft, offsetMs: Date.parse(draft.time) - start });
  const fromEws = (d: EventDraft) => d.fields.source?.ip === ews;
  return {
    routine: drafts.filter((d) => d.kind === 'operation' && !fromEws(d)).map(entry),
    session: drafts.filter((d) => d.kind === 'operation' && fromEws(d)).map(entry),
    snapshot: drafts.filter((d) => d.kind !== 'operation').map(entry),
  };
}

/** A draft moved to `at`, re-addressed and observed by `sensor`; its id comes from the new content. */
function placed(draft: EventDraft, at: number, plan: DemoSensorPlan): EventDraft {
  const { id: _id, ...rest } = draft;
  const text = JSON.stringify({ ...rest, time: new Date(at).toISOString(), origin: { stream: `sensor:${plan.sensor}` } })
    .replaceAll('10.20.', plan.prefix)
    .replaceAll('"observer":{"name":"demo"', `"observer":{"name":"${plan.sensor}"`);
  return JSON.parse(text) as EventDraft;
}

/** The last 24 hours of a demo sensor, oldest first. */
export function demoDrafts(stream: DemoStream, plan: DemoSensorPlan, now: number): EventDraft[] {
  const out: EventDraft[] = [];
  // Whole minutes, every event inside the last 24 hours and before now.
  const end = Math.floor(now / minute) * minute - minute;
  const first = Math.ceil((now - 24 * 3_600_000) / minute) * minute;
  const step = plan.everyMinutes * minute;
  for (let at = first; at < end; at += step) {
    for (const e of stream.routine) out.push(placed(e.draft, at + e.offsetMs, plan));
    if ((at - first) % snapshotEveryMs === 0) for (const e of stream.snapshot) out.push(placed(e.draft, at + e.offsetMs, plan));
  }
  for (const ago of sessionsAgoMs) {
    const at = Math.floor((now - ago) / minute) * minute;
    const t0 = Math.min(...stream.session.map((e) => e.offsetMs));
    for (const e of stream.session) out.push(placed(e.draft, at + e.offsetMs - t0, plan));
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** Offers in batches, waiting when the pipeline says it is full; resolves when everything is stored. */
async function ingestAll(services: Services, context: IngestContext, drafts: readonly EventDraft[]): Promise<void> {
  const batch = 5000;
  for (let i = 0; i < drafts.length; ) {
    const result = await services.sensing.ingest.offer(context, drafts.slice(i, i + batch));
    if (result.accepted) i += batch;
    else await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs));
  }
  await services.sensing.ingest.flush();
}

/**
 * Registers each demo sensor and gives it its last 24 hours of events, unless it exists already (a
 * restart or a second `bulwark demo` adds nothing). Returns how many events were written.
 */
export async function seedDemoEvents(services: Services, actor: Actor, orgIds: ReadonlyMap<string, string>, now = Date.now()): Promise<number> {
  const sensors = createSensorService(services.database);
  const known = await sensors.list(actor);
  const plans = demoSensors.filter((p) => orgIds.has(p.org) && !known.some((s) => s.name === p.sensor && s.orgId === orgIds.get(p.org)));
  if (plans.length === 0) return 0;
  const stream = await simulateDemoStream();
  let written = 0;
  for (const plan of plans) {
    const orgId = orgIds.get(plan.org) as string;
    const sensor = await sensors.add(actor, { name: plan.sensor, orgId });
    const drafts = demoDrafts(stream, plan, now);
    await ingestAll(services, { orgId, tlp: 'amber', sharedUpward: true, source: { type: 'sensor', id: sensor.id, name: sensor.name } }, drafts);
    await recordContact(services.database.db, sensor.id, { address: '127.0.0.1', events: drafts.length, reported: { eventsShipped: drafts.length, droppedEvents: 0, spooledEvents: 0 } });
    written += drafts.length;
  }
  return written;
}
