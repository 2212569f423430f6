// The industrial rule pack end to end without a server: simulator traffic and shared captures through
// the capture analysis, the sensor's events, the ingest's normalization, the asset-context enricher and
// the compiled pack. Each attack scenario and capture below must raise its techniques; the plant's
// routine traffic (and captures of routine operation against a full inventory) must raise nothing; and
// every rule of the pack must fire somewhere in this file.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plantInventory } from '../../capture/simulator/inventory.js';
import { scenarioNames, type ScenarioName } from '../../capture/simulator/scenarios.js';
import { simulatePlant } from '../../capture/simulator/simulate.js';
import type { AssetContext } from '../asset-context.store.js';
import type { CompiledSet, ParsedDocument } from '../engine.js';
import { compilePack, readPack } from './index.js';
import { captureEvents, enrichAll, inventoryFromHosts, runRules, techniquesOf, type PackHit } from './replay.js';

const pcaps = new URL('../../../../../shared/data/pcaps/', import.meta.url).pathname;
const attack = new URL('../../../../../shared/data/attack/ics-attack.json', import.meta.url).pathname;

export const plantAssets: AssetContext[] = plantInventory.map((a, i) => ({ id: `plant-${i}`, name: a.name, ip: a.ip, mac: a.mac, role: a.role, zone: a.zone, criticality: a.criticality }));

/** What each scenario must raise against the plant's inventory (the rogue laptop itself is always a new host, T0864). */
const scenarioTechniques: Record<ScenarioName, string[]> = {
  'rogue-master-writes': ['T0801', 'T0802', 'T0831', 'T0836', 'T0848', 'T0855', 'T0864', 'T0877'],
  'stop-start-unknown-host': ['T0813', 'T0826', 'T0855', 'T0858', 'T0864', 'T0881'],
  'program-download': ['T0809', 'T0821', 'T0843', 'T0864', 'T0889'],
  'program-upload': ['T0845', 'T0864', 'T0882'],
  'firmware-update': ['T0839', 'T0848', 'T0855', 'T0857', 'T0864'],
  'dnp3-cold-restart': ['T0816', 'T0826', 'T0848', 'T0864'],
  'dnp3-disable-unsolicited': ['T0804', 'T0829', 'T0848', 'T0864', 'T0878'],
  'iec104-new-station': ['T0848', 'T0855', 'T0864'],
  's7-setup-new-host': ['T0864', 'T0868', 'T0888'],
  'cip-reset-mode-change': ['T0813', 'T0816', 'T0826', 'T0858', 'T0864', 'T0881'],
  'bacnet-dcc-reinitialize': ['T0803', 'T0804', 'T0814', 'T0816', 'T0827', 'T0864'],
  'modbus-force-listen-only': ['T0804', 'T0814', 'T0815', 'T0858', 'T0864', 'T0872'],
  'brute-force-writes': ['T0806', 'T0848', 'T0855', 'T0864'],
  'scan-and-identity-reads': ['T0840', 'T0846', 'T0864', 'T0868', 'T0888'],
  'address-takeover': ['T0830', 'T0849'],
  'new-host': ['T0864'],
  'remote-access': ['T0822', 'T0864', 'T0869', 'T0883', 'T0885', 'T0886'],
  'spoofed-reports': ['T0832', 'T0856', 'T0864'],
};

/** Shared captures: the inventory they are replayed against (see bench/detection-manifest.json) and what must fire. */
const captureCases: { path: string; inventory: 'none' | 'servers' | 'all'; techniques: string[] }[] = [
  { path: 's7/snap7_s300_stop.pcapng', inventory: 'servers', techniques: ['T0813', 'T0826', 'T0858', 'T0881'] },
  { path: 's7/s7comm_downloading_block_db1.pcap', inventory: 'servers', techniques: ['T0821', 'T0843', 'T0861', 'T0864', 'T0868', 'T0888', 'T0889'] },
  { path: 's7/snap7_s300_everything.pcapng', inventory: 'servers', techniques: ['T0845', 'T0882', 'T0858', 'T0861'] },
  { path: 's7/tia_s300_downloadHwConfig.pcapng', inventory: 'servers', techniques: ['T0809', 'T0843', 'T0855', 'T0858'] },
  { path: 's7/step7_s300_AuthPassword.pcapng', inventory: 'servers', techniques: ['T0859', 'T0883', 'T0822'] },
  { path: 'enip/cip_stop_plc.pcap', inventory: 'servers', techniques: ['T0858', 'T0881'] },
  { path: 'enip/cip_start_plc.pcap', inventory: 'servers', techniques: ['T0855', 'T0858'] },
  { path: 'enip/enip_test.pcap', inventory: 'servers', techniques: ['T0888'] },
  { path: 'dnp3/cold_restart_and_response.pcap', inventory: 'servers', techniques: ['T0816', 'T0848'] },
  { path: 'dnp3/disable_unsolcited_and_response.pcap', inventory: 'servers', techniques: ['T0804', 'T0878'] },
  { path: 'dnp3/bro_dnp3.pcap', inventory: 'servers', techniques: ['T0813', 'T0881', 'T0816', 'T0804'] },
  { path: 'dnp3/assign_class.pcap', inventory: 'servers', techniques: ['T0838', 'T0878'] },
  { path: 'dnp3/file_delete.pcap', inventory: 'servers', techniques: ['T0809'] },
  { path: 'dnp3/file_read.pcap', inventory: 'servers', techniques: ['T0882'] },
  { path: 'dnp3/file_write.pcap', inventory: 'servers', techniques: ['T0839', 'T0857'] },
  { path: 'dnp3/auth_change_session_keys.pcap', inventory: 'servers', techniques: ['T0859'] },
  { path: 'iec104/TestDissectIec104.pcap', inventory: 'servers', techniques: ['T0848', 'T0855'] },
  { path: 'modbus/modbus_test_data_part1.pcap', inventory: 'servers', techniques: ['T0804', 'T0814', 'T0815', 'T0816', 'T0830', 'T0872', 'T0888'] },
  { path: 'modbus/modbus_test_data_part2.pcap', inventory: 'servers', techniques: ['T0866', 'T0839', 'T0857', 'T0882'] },
  { path: 'modbus/mb2.pcap', inventory: 'servers', techniques: ['T0846', 'T0840', 'T0801'] },
  { path: 'fins/omron_test.pcap', inventory: 'servers', techniques: ['T0888'] },
  { path: 'opcua/opc-ua-ap-method-wireshark-freeze.pcap', inventory: 'servers', techniques: ['T0859', 'T0871', 'T0888'] },
  { path: 'profinet/ChangeIPUsingDCP.pcap', inventory: 'none', techniques: ['T0836', 'T0814', 'T0864'] },
  { path: 'iec61850/piccolo.pcap', inventory: 'servers', techniques: ['T0888'] },
];

/** Captures of routine operation, every host inventoried with the role the capture shows: nothing may fire. */
const routineCaptures = [
  's7/wincc_s300_setup-alarm-read.pcapng',
  's7/s7-1200-hmi.pcap',
  's7/S7-1511_db2_var1_HMI.pcap',
  'iec104/090813_diverse.pcap',
  'iec61850/GOOSE.pcap',
  'iec61850/8d7c7db0-9804-012b-b2a6-0016cb8cea27.pcap',
  'dnp3/read_and_response.pcap',
  'modbus/modbus_test.pcap',
  'enip/cip-multiple-1.pcap',
  'bacnet/bacnet_test.pcap',
  'profinet/profinet.pcap',
];

let pack: { set: CompiledSet; documents: ParsedDocument[] };
const fired = new Set<string>();

async function replay(input: string | Uint8Array, inventory: (hosts: Parameters<typeof inventoryFromHosts>[0]) => AssetContext[]): Promise<PackHit[]> {
  const r = await captureEvents(input);
  const hits = runRules(pack.set, enrichAll(r.events, inventory(r.hosts)));
  for (const h of hits) fired.add(h.ruleId);
  return hits;
}

beforeAll(async () => {
  pack = await compilePack();
});

describe('the industrial rule pack', () => {
  it('is valid Sigma with our own ids, titles, false positives and ATT&CK for ICS tags covering at least 40 techniques', async () => {
    const files = await readPack();
    expect(files.length).toBeGreaterThanOrEqual(35);
    const known = new Set<string>();
    for (const o of (JSON.parse(readFileSync(attack, 'utf8')) as { objects: { type: string; revoked?: boolean; x_mitre_deprecated?: boolean; external_references?: { source_name: string; external_id?: string }[] }[] }).objects) {
      if (o.type !== 'attack-pattern' || o.revoked === true || o.x_mitre_deprecated === true) continue;
      for (const r of o.external_references ?? []) if (r.source_name === 'mitre-attack' && r.external_id !== undefined) known.add(r.external_id);
    }
    const ids = pack.documents.map((d) => d.sigmaId);
    expect(new Set(ids).size).toBe(ids.length);
    const techniques = new Set(pack.documents.flatMap((d) => d.techniques));
    expect(techniques.size).toBeGreaterThanOrEqual(40);
    for (const t of techniques) expect(known, t).toContain(t);
    for (const f of files) {
      expect(f.text, f.file).toMatch(/^falsepositives:\n {2}- \S/m);
      expect(f.text, f.file).toMatch(/^ {2}- attack\.t0\d{3}$/m);
    }
    expect(pack.set.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('raises nothing on the plant simulator\u2019s routine traffic (five minutes, engineering session included)', async () => {
    const hits = await replay(simulatePlant(), () => plantAssets);
    expect(hits.map((h) => h.title)).toEqual([]);
  });

  it.each(scenarioNames)('scenario %s raises its techniques', async (name) => {
    const hits = await replay(simulatePlant({ minutes: 1, scenarios: [name] }), () => plantAssets);
    const found = techniquesOf(hits);
    for (const t of scenarioTechniques[name]) expect(found, `${name}: ${t}`).toContain(t);
  });

  it.each(captureCases)('shared capture $path ($inventory inventory) raises $techniques', async ({ path, inventory, techniques }) => {
    const hits = await replay(`${pcaps}${path}`, (hosts) => (inventory === 'none' ? [] : inventoryFromHosts(hosts, inventory)));
    const found = techniquesOf(hits);
    for (const t of techniques) expect(found, `${path}: ${t}`).toContain(t);
  });

  it.each(routineCaptures)('routine capture %s raises nothing against a full inventory', async (path) => {
    const hits = await replay(`${pcaps}${path}`, (hosts) => inventoryFromHosts(hosts, 'all'));
    expect(hits.map((h) => h.title)).toEqual([]);
  });

  it('has every rule fire on some capture or scenario above', () => {
    const alerting = pack.documents.filter((d) => d.kind === 'correlation' || !pack.set.correlationOnly.has(d.sigmaId));
    const silent = alerting.filter((d) => !fired.has(d.sigmaId)).map((d) => d.title);
    expect(silent).toEqual([]);
    expect(alerting.length).toBeGreaterThanOrEqual(35);
  });
});
