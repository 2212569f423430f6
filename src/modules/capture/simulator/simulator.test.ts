import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureAnalysis } from '../analysis/capture-analysis.js';
import { loadDefaultOui } from '../analysis/oui.js';
import type { DiscoveredHost, OperationRecord } from '../analysis/types.js';
import { oracleSpecs } from '../dissectors/index.js';
import type { ProtocolId } from '../dissectors/types.js';
import { builtinRules } from '../fingerprints/builtin-rules.js';
import { compareFields, ourFields, tsharkFields } from '../oracle/differential.js';
import { analyzeCapture } from '../pipeline.js';
import type { CaptureSummary } from '../types.js';
import { plantHosts, simulatePlant, writeSimulatedCapture } from './index.js';

const run = promisify(execFile);
/** Thirty seconds hold every scripted event (engineering session, exception, writes, interrogation). */
const options = { seed: 42, minutes: 0.5 } as const;

let dir: string;
let path: string;
let capture: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-simulator-'));
  path = join(dir, 'plant.pcap');
  capture = simulatePlant(options);
  await writeFile(path, capture);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tshark(...args: string[]): Promise<string> {
  const { stdout } = await run('tshark', ['-r', path, '-n', ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function records(data: Uint8Array): { time: number; data: Uint8Array }[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: { time: number; data: Uint8Array }[] = [];
  for (let o = 24; o < data.length; ) {
    const length = view.getUint32(o + 8, true);
    out.push({ time: view.getUint32(o, true) * 1e6 + view.getUint32(o + 4, true), data: data.subarray(o + 16, o + 16 + length) });
    o += 16 + length;
  }
  return out;
}

describe('simulatePlant', () => {
  it('gives the same bytes for the same seed and other bytes for another seed', () => {
    expect(Buffer.from(simulatePlant(options)).equals(Buffer.from(capture))).toBe(true);
    expect(Buffer.from(simulatePlant({ ...options, seed: 43 })).equals(Buffer.from(capture))).toBe(false);
  });

  it('writes a classic microsecond Ethernet pcap in time order, with valid IPv4 header checksums', () => {
    const header = new DataView(capture.buffer, capture.byteOffset, 24);
    expect(header.getUint32(0, true)).toBe(0xa1b2c3d4);
    expect([header.getUint16(4, true), header.getUint16(6, true), header.getUint32(20, true)]).toEqual([2, 4, 1]);
    const frames = records(capture);
    expect(frames.length).toBeGreaterThan(300);
    expect(frames[0]!.time).toBe(Date.UTC(2026, 2, 2, 7, 30, 0) * 1000 + 50_000);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.time).toBeGreaterThanOrEqual(frames[i - 1]!.time);
    for (const { data } of frames) {
      expect(data.length).toBeGreaterThanOrEqual(60);
      let sum = 0;
      for (let i = 14; i < 34; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
      while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
      expect(sum).toBe(0xffff);
    }
  });

  it('starts when asked, lengthens very short captures to 20 seconds and refuses nonsense', () => {
    const start = new Date(Date.UTC(2027, 0, 5, 12, 0, 0));
    const frames = records(simulatePlant({ seed: 1, minutes: 0.01, startTime: start }));
    const span = frames.at(-1)!.time - frames[0]!.time;
    expect(frames[0]!.time).toBeGreaterThanOrEqual(start.getTime() * 1000);
    expect(span).toBeGreaterThan(18_000_000);
    expect(span).toBeLessThan(20_000_000);
    expect(() => simulatePlant({ minutes: 0 })).toThrow(/minutes/);
    expect(() => simulatePlant({ seed: 1.5 })).toThrow(/seed/);
    expect(() => simulatePlant({ startTime: new Date('nope') })).toThrow(/startTime/);
  });

  it('streams the same capture to a file', async () => {
    const streamed = join(dir, 'streamed.pcap');
    const written = await writeSimulatedCapture(streamed, options);
    const bytes = await readFile(streamed);
    expect(bytes.equals(Buffer.from(capture))).toBe(true);
    expect(written).toEqual({ frames: records(capture).length, bytes: capture.length });
  });
});

describe('the simulated plant through our pipeline', () => {
  let summary: CaptureSummary;
  let malformed: number;
  let hosts: Map<string, DiscoveredHost>;
  let operations: OperationRecord[];

  beforeAll(async () => {
    const analysis = createCaptureAnalysis({ oui: await loadDefaultOui(), rules: builtinRules });
    summary = await analyzeCapture(
      (async function* () {
        yield capture;
      })(),
      analysis,
    );
    const result = analysis.finish();
    malformed = analysis.malformedTotal;
    hosts = new Map(result.hosts.map((h) => [h.key, h]));
    operations = result.operations;
  });

  const host = (ip: string): DiscoveredHost => {
    const h = hosts.get(ip);
    if (!h) throw new Error(`host ${ip} not found`);
    return h;
  };
  const topRole = (ip: string) => host(ip).roles[0]?.role;
  const facts = (ip: string) => host(ip).facts.map((f) => `${f.attribute}=${f.value}`);
  const ops = (protocol: ProtocolId) => operations.filter((o) => o.protocol === protocol);

  it('reads every frame and finds every station with its MAC address, nothing malformed', () => {
    expect(summary.error).toBeUndefined();
    expect(summary.frames).toBe(records(capture).length);
    expect(summary.malformed).toBe(0);
    expect(malformed).toBe(0);
    for (const h of Object.values(plantHosts)) expect(host(h.ip).mac, h.name).toBe(h.mac);
  });

  it('Modbus: the HMI polls two PLCs; identification, setpoint writes and one illegal address', () => {
    expect(topRole(plantHosts.hmi.ip)).toBe('hmi');
    expect(host(plantHosts.hmi.ip).uses).toContain('modbus');
    for (const plc of [plantHosts.filterPlc, plantHosts.clearwellPlc]) {
      expect(topRole(plc.ip)).toBe('plc');
      expect(host(plc.ip).serves).toContain('modbus');
    }
    expect(facts(plantHosts.filterPlc.ip)).toEqual(
      expect.arrayContaining(['vendor=Schneider Electric', 'product-code=BMX P34 2020', 'firmware=v3.20', 'model=BMX P34 2020']),
    );
    expect(host(plantHosts.filterPlc.ip).identity.vendor).toBe('Schneider Electric');
    const modbus = ops('modbus');
    expect(modbus.filter((o) => o.operation === 'discovery' && o.name === 'Read Device Identification')).toHaveLength(1);
    const writes = modbus.filter((o) => o.operation === 'write');
    expect(new Set(writes.map((o) => o.destination))).toEqual(new Set([plantHosts.filterPlc.ip, plantHosts.clearwellPlc.ip]));
    expect(writes.every((o) => o.code === 6 && o.result === 'ok' && o.values !== null)).toBe(true);
    const exceptions = modbus.filter((o) => o.result === 'exception');
    expect(exceptions.map((o) => [o.destination, o.detail])).toEqual([[plantHosts.clearwellPlc.ip, 'Illegal Data Address (2)']]);
    expect(modbus.filter((o) => o.operation === 'read').reduce((n, o) => n + o.count, 0)).toBeGreaterThan(100);
  });

  it('S7comm: the engineering workstation identifies, writes to, stops, downloads to and starts the PLC', () => {
    const plc = plantHosts.dosingPlc.ip;
    expect(topRole(plc)).toBe('plc');
    expect(host(plc).serves).toContain('s7comm');
    expect(facts(plc)).toEqual(
      expect.arrayContaining(['order-number=6ES7 315-2EH14-0AB0', 'firmware=V3.2.6', 'serial=S C-J7TB40112024', 'name=PLC-03 CHEM DOSING', 'product=CPU 315-2 PN/DP']),
    );
    expect(host(plc).identity).toMatchObject({ vendor: 'Siemens', model: 'S7-300' });
    expect(topRole(plantHosts.ews.ip)).toBe('engineering-workstation');
    const classes = new Set(ops('s7comm').filter((o) => o.source === plantHosts.ews.ip && o.result === 'ok').map((o) => o.operation));
    for (const c of ['session', 'discovery', 'read', 'write', 'stop', 'program-download', 'start'] as const) expect(classes, c).toContain(c);
  });

  it('EtherNet/IP: the ListIdentity reply names a Logix PLC', () => {
    const plc = plantHosts.uvPlc.ip;
    expect(topRole(plc)).toBe('plc');
    expect(facts(plc)).toEqual(expect.arrayContaining(['vendor-id=1', 'product=1756-L71/B LOGIX5571', 'product-code=54', 'serial=0x60a4b2c1']));
    expect(ops('enip').some((o) => o.operation === 'discovery' && o.source === plantHosts.ews.ip)).toBe(true);
  });

  it('counts no broadcast address as a station', () => {
    expect(hosts.has('255.255.255.255')).toBe(false);
  });

  it('DNP3: the SCADA front end polls the reservoir RTU', () => {
    const rtu = plantHosts.reservoirRtu.ip;
    expect(topRole(rtu)).toBe('rtu');
    expect(facts(rtu)).toContain('address=7');
    expect(host(plantHosts.scada.ip).uses).toContain('dnp3');
    const dnp3 = ops('dnp3');
    expect(dnp3.some((o) => o.operation === 'read' && o.result === 'ok')).toBe(true);
    expect(dnp3.some((o) => o.operation === 'write' && o.result === 'ok')).toBe(true);
  });

  it('IEC 104: STARTDT, a station interrogation and spontaneous values from the booster RTU', () => {
    const rtu = plantHosts.boosterRtu.ip;
    expect(topRole(rtu)).toBe('rtu');
    expect(host(plantHosts.scada.ip).uses).toContain('iec104');
    const iec104 = ops('iec104');
    expect(iec104.some((o) => o.name === 'C_IC_NA_1' && o.result === 'ok')).toBe(true);
    expect(iec104.some((o) => o.name === 'M_ME_TF_1' && o.source === rtu)).toBe(true);
  });
});

describe('the simulated plant through tshark', () => {
  it('decodes without malformed packets, bad checksums or expert warnings', async () => {
    const checks = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
    const expert = await tshark(...checks, '-q', '-z', 'expert,warn');
    expect(expert).not.toMatch(/Errors \(|Warns \(|Malformed/);
    expect(await tshark(...checks, '-Y', '_ws.malformed || _ws.expert.severity >= "warning"', '-T', 'fields', '-e', 'frame.number')).toBe('');
  });

  it('sees every TCP connection open with a handshake and close with FIN', async () => {
    const lines = await tshark('-Y', 'tcp', '-T', 'fields', '-e', 'tcp.stream', '-e', 'tcp.completeness');
    const completeness = new Map<string, number>();
    for (const line of lines.split('\n').filter(Boolean)) {
      const [stream = '', value = '0'] = line.split('\t');
      completeness.set(stream, Math.max(completeness.get(stream) ?? 0, Number(value)));
    }
    expect(completeness.size).toBe(5);
    // SYN, SYN-ACK, ACK, data and FIN, no reset
    for (const value of completeness.values()) expect(value).toBe(31);
  });

  it('shows the Modbus functions, S7 functions, DNP3 functions, IEC 104 types and ENIP identity we sent', async () => {
    const names = [
      'modbus.func_code',
      'modbus.exception_code',
      's7comm.param.func',
      's7comm.data.userdata.szl_id',
      's7comm.param.pistart.servicename',
      'dnp3.al.func',
      'iec60870_asdu.typeid',
      'enip.command',
      'enip.lir.name',
    ];
    const seen = new Map<string, string[]>(names.map((n) => [n, []]));
    const out = await tshark('-Y', 'modbus || s7comm || dnp3 || iec60870_asdu || enip', '-T', 'fields', '-E', 'occurrence=f', ...names.flatMap((n) => ['-e', n]));
    for (const line of out.split('\n').filter(Boolean)) {
      line.split('\t').forEach((value, i) => {
        if (value !== '') seen.get(names[i]!)!.push(value);
      });
    }
    const field = (name: string) => seen.get(name) ?? [];
    expect(new Set(field('modbus.func_code'))).toEqual(new Set(['1', '3', '6', '43']));
    expect(field('modbus.exception_code')).toEqual(['2']);
    const s7 = field('s7comm.param.func').filter((f, i, all) => f !== all[i - 1]);
    expect(s7).toEqual(['0xf0', '0x04', '0x05', '0x04', '0x29', '0x1a', '0x1b', '0x1c', '0x28', '0x04']);
    expect(field('s7comm.data.userdata.szl_id')).toEqual(['0x0011', '0x0011', '0x001c', '0x001c']);
    expect(field('s7comm.param.pistart.servicename')).toEqual(['P_PROGRAM', '_INSE', 'P_PROGRAM']);
    expect(new Set(field('dnp3.al.func'))).toEqual(new Set(['1', '2', '129']));
    expect(new Set(field('iec60870_asdu.typeid'))).toEqual(new Set(['1', '13', '36', '100']));
    expect(field('enip.command')).toEqual(['0x0063', '0x0063']);
    expect(field('enip.lir.name')).toEqual(['1756-L71/B LOGIX5571']);
  });

  it('agrees field by field with every registered dissector (the differential oracle)', async () => {
    const [theirs, ours] = await Promise.all([tsharkFields(path, oracleSpecs), ourFields(path, oracleSpecs)]);
    const unexcused: string[] = [];
    const compared = new Set<ProtocolId>();
    for (const spec of oracleSpecs) {
      const agreement = compareFields(path, spec, ours.get(spec.protocol) ?? new Map(), theirs.get(spec.protocol) ?? new Map());
      if (agreement.compared > 0) compared.add(spec.protocol);
      for (const d of agreement.disagreements) {
        if (d.excusedBy === undefined) unexcused.push(`${spec.protocol} frame ${d.frame} ${d.field}: ours [${d.ours.join(', ')}] tshark [${d.tshark.join(', ')}]`);
      }
    }
    expect(unexcused.slice(0, 20)).toEqual([]);
    const inPlant: ProtocolId[] = ['modbus', 's7comm', 'enip', 'dnp3', 'iec104'];
    expect([...compared].sort()).toEqual(inPlant.filter((p) => oracleSpecs.some((s) => s.protocol === p)).sort());
  });
});
