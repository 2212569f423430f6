// Child process: a capture to alerts on one core, without the database. The capture job's path: the
// capture analysis (reading, decoding, dissection, inventory, operations log), its operation records
// handed over as they complete and made the events the job's emission stores (capture:<job>:<seq>), the
// asset-context enricher over a fixed inventory, and the industrial rule pack (correlations included).
// With `--sensor`, the records go the sensor's way instead: shipped as sensor events (an id hashed per
// event) and through the ingest's normalization. Prints JSON.
// Usage: capture-alerts-core.ts CAPTURE [INVENTORY-CAPTURE ...] — the inventory is every host of the
// small captures the benchmark file was built from, analysed before the timing starts.
import { analyzeCaptureFile } from '../src/modules/capture/pipeline.js';
import { createCaptureAnalysis } from '../src/modules/capture/analysis/capture-analysis.js';
import type { OperationRecord } from '../src/modules/capture/analysis/types.js';
import { builtinRules } from '../src/modules/capture/fingerprints/builtin-rules.js';
import { compilePack } from '../src/modules/detection/pack/index.js';
import { captureEvents, captureOperationEvent, enrichAll, inventoryFromHosts, replayOrg, runRules } from '../src/modules/detection/pack/replay.js';
import { normalizeDrafts } from '../src/modules/sensing/index.js';
import { operationEvent } from '../src/modules/sensing/sensor/sensor-events.js';
import type { AssetContext } from '../src/modules/detection/asset-context.store.js';
import { peakRssMb } from './kb-support.js';

const args = process.argv.slice(2);
const sensor = args.includes('--sensor');
const [file, ...inventorySources] = args.filter((a) => a !== '--sensor');
if (!file) throw new Error('usage: capture-alerts-core.ts CAPTURE [INVENTORY-CAPTURE ...]');
const inventory: AssetContext[] = [];
for (const source of inventorySources) inventory.push(...inventoryFromHosts((await captureEvents(source)).hosts, 'all'));
const { set } = await compilePack();
const job = { id: 'bench', name: 'bench', orgId: replayOrg };
const context = { orgId: replayOrg, tlp: 'amber' as const, sharedUpward: false, source: { type: 'sensor' as const, id: 'bench', name: 'bench' } };

const analysis = createCaptureAnalysis({ rules: builtinRules });
let operations = 0;
let events = 0;
let hits = 0;
const byRule = new Map<string, number>();
/** Time inside detection (events, normalization, context, rules), apart from the capture analysis. */
const stages = { ship: 0, normalize: 0, enrich: 0, rules: 0 };
function detect(records: readonly OperationRecord[]): void {
  if (records.length === 0) return;
  let t = performance.now();
  const lap = (stage: keyof typeof stages) => {
    const now = performance.now();
    stages[stage] += now - t;
    t = now;
  };
  operations += records.length;
  let normalized;
  if (sensor) {
    const drafts = records.map((r) => operationEvent(r, 'bench'));
    lap('ship');
    normalized = normalizeDrafts(context, drafts, undefined, Date.now()).events;
    lap('normalize');
  } else {
    normalized = records.map((r, i) => captureOperationEvent(r, operations - records.length + i, job));
    lap('ship');
  }
  events += normalized.length;
  const enriched = enrichAll(normalized, inventory);
  lap('enrich');
  for (const h of runRules(set, enriched)) {
    hits += 1;
    byRule.set(h.title, (byRule.get(h.title) ?? 0) + 1);
  }
  lap('rules');
}
const started = performance.now();
const cpuStart = process.cpuUsage();
// Operations go to detection as they complete (the sensor ships them in batches), so memory stays bounded.
const timer = setInterval(() => detect(analysis.operations.drain()), 50);
const summary = await analyzeCaptureFile(file, analysis);
clearInterval(timer);
detect(analysis.operations.drain());
detect(analysis.finish().operations);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({ path: sensor ? 'sensor' : 'capture-job', frames: summary.frames, bytes: summary.bytes, operations, events, hits, rules: Object.fromEntries(byRule), stagesMs: stages, inventory: inventory.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: await peakRssMb(), error: summary.error ?? null })}\n`,
);
