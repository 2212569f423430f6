// Detection quality against our own labels (bench/detection-manifest.json): every labelled shared
// capture and simulator scenario through the capture analysis, the sensor's events, normalization, the
// asset-context enricher (with the inventory the manifest names) and the industrial rule pack. Per
// capture: techniques detected, missed, raised but not labelled (false alarms), and the alerts a
// benign capture raised; then the totals. JSON lines, one per capture, then the summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plantInventory } from '../src/modules/capture/simulator/inventory.js';
import { isScenarioName } from '../src/modules/capture/simulator/scenarios.js';
import { simulatePlant } from '../src/modules/capture/simulator/simulate.js';
import type { AssetContext } from '../src/modules/detection/asset-context.store.js';
import { compilePack } from '../src/modules/detection/pack/index.js';
import { captureEvents, enrichAll, inventoryFromHosts, runRules, techniquesOf } from '../src/modules/detection/pack/replay.js';
import { progress, repoRoot, report, round, type BenchCase } from './support.js';

const BENCH = 'detection-quality';
const pcaps = join(repoRoot, '..', 'shared', 'data', 'pcaps');

interface Labelled {
  readonly label: 'attack' | 'benign';
  readonly expect: readonly string[];
}
interface Manifest {
  readonly captures: readonly (Labelled & { readonly capture: string; readonly inventory: 'none' | 'servers' | 'all' })[];
  readonly scenarios: readonly (Labelled & { readonly scenario: string; readonly minutes: number })[];
}

const plantAssets: AssetContext[] = plantInventory.map((a, i) => ({ id: `plant-${i}`, name: a.name, ip: a.ip, mac: a.mac, role: a.role, zone: a.zone, criticality: a.criticality }));

export const detectionQuality: BenchCase = {
  id: BENCH,
  async run() {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'bench', 'detection-manifest.json'), 'utf8')) as Manifest;
    const { set } = await compilePack();
    const totals = { items: 0, expected: 0, detected: 0, missed: 0, falseAlarms: 0, benign: 0, benignAlerts: 0, benignHours: 0 };

    async function measure(kind: 'capture' | 'scenario', name: string, item: Labelled, input: string | Uint8Array, inventory: (hosts: Parameters<typeof inventoryFromHosts>[0]) => AssetContext[]): Promise<void> {
      const replay = await captureEvents(input);
      const hits = runRules(set, enrichAll(replay.events, inventory(replay.hosts)));
      const raised = techniquesOf(hits);
      const expected = new Set(item.expect);
      const detected = raised.filter((t) => expected.has(t));
      const missed = [...expected].filter((t) => !raised.includes(t));
      const falseAlarms = raised.filter((t) => !expected.has(t));
      // distinct alerts as the detector would store them: one per rule and entity
      const alerts = new Set(hits.map((h) => `${h.ruleId}|${h.eventIds[0] ?? ''}`)).size;
      const times = replay.events.map((e) => Date.parse(e.time));
      const hours = times.length === 0 ? 0 : (Math.max(...times) - Math.min(...times)) / 3_600_000;
      totals.items += 1;
      totals.expected += expected.size;
      totals.detected += detected.length;
      totals.missed += missed.length;
      totals.falseAlarms += falseAlarms.length;
      if (item.label === 'benign') {
        totals.benign += 1;
        totals.benignAlerts += alerts;
        totals.benignHours += hours;
      }
      process.stdout.write(`${JSON.stringify({ bench: BENCH, kind, name, label: item.label, events: replay.events.length, hits: hits.length, expected: [...expected], detected, missed, false_alarms: falseAlarms })}\n`);
    }

    for (const c of manifest.captures) {
      await measure('capture', c.capture, c, join(pcaps, c.capture), (hosts) => (c.inventory === 'none' ? [] : inventoryFromHosts(hosts, c.inventory)));
    }
    for (const s of manifest.scenarios) {
      const scenarios = s.scenario === 'routine' ? [] : isScenarioName(s.scenario) ? [s.scenario] : undefined;
      if (scenarios === undefined) throw new Error(`unknown scenario ${s.scenario} in the manifest`);
      await measure('scenario', s.scenario, s, simulatePlant({ minutes: s.minutes, scenarios }), () => plantAssets);
    }
    const common = { bench: BENCH, n: totals.items };
    report({ ...common, metric: 'techniques_detected', value: totals.detected, unit: 'techniques', expected: totals.expected });
    report({ ...common, metric: 'techniques_missed', value: totals.missed, unit: 'techniques', expected: totals.expected });
    report({ ...common, metric: 'detection_rate', value: round(totals.expected === 0 ? 1 : totals.detected / totals.expected, 3), unit: 'ratio' });
    report({ ...common, metric: 'false_alarm_techniques', value: totals.falseAlarms, unit: 'techniques' });
    report({ ...common, metric: 'benign_alerts', value: totals.benignAlerts, unit: 'alerts', benign_items: totals.benign, benign_hours: round(totals.benignHours, 3) });
    progress(`${BENCH}: ${totals.detected}/${totals.expected} labelled techniques detected, ${totals.missed} missed, ${totals.falseAlarms} raised without a label, ${totals.benignAlerts} alerts on ${totals.benign} benign items (${round(totals.benignHours, 2)} h of traffic)`);
  },
};
