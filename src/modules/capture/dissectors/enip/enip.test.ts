import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, keyedRecorder, pcaps, type KeyedRecording } from '../dissector-test-kit.js';
import type { PduContext } from '../types.js';
import { enipPduLength, enipTcpDissector, enipUdpDissector, probeEnip, type EnipState } from './index.js';

// Builders for the encapsulation (little-endian), CPF items and CIP messages, from the ODVA specification.
const u16 = (v: number): number[] => [v & 0xff, v >> 8];
const u32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];

function encap(command: number, data: number[], context = ascii('CONTEXT1'), status = 0): Uint8Array {
  return Uint8Array.from([...u16(command), ...u16(data.length), ...u32(0x11223344), ...u32(status), ...context, ...u32(0), ...data]);
}

function cpf(items: [number, number[]][]): number[] {
  return [...u16(items.length), ...items.flatMap(([type, data]) => [...u16(type), ...u16(data.length), ...data])];
}

/** SendRRData with an unconnected CIP message. */
function rr(message: number[], context = ascii('CONTEXT1')): Uint8Array {
  return encap(0x6f, [...u32(0), ...u16(5), ...cpf([[0, []], [0xb2, message]])], context);
}

/** SendUnitData with a connected CIP message and its sequence count. */
function unit(message: number[], sequence: number): Uint8Array {
  return encap(0x70, [...u32(0), ...u16(0), ...cpf([[0xa1, u32(0x00ab0001)], [0xb1, [...u16(sequence), ...message]]])], new Array(8).fill(0));
}

const request = (service: number, path: number[], data: number[] = []): number[] => [service, path.length / 2, ...path, ...data];
const response = (service: number, status = 0, data: number[] = [], ext: number[] = []): number[] => [service | 0x80, 0, status, ext.length / 2, ...ext, ...data];
const symbol = (name: string): number[] => [0x91, name.length, ...ascii(name), ...(name.length % 2 ? [0] : [])];

function feed(state: EnipState, toServer: boolean, bytes: Uint8Array, r: KeyedRecording, udp = false): void {
  const ctx: PduContext<EnipState> = { frame: 1, time: 0, toServer, state };
  (udp ? enipUdpDissector : enipTcpDissector).dissect(bytes, ctx, r.sink);
}

const identityRecord = [...u16(1), ...u16(14), ...u16(0x37), 20, 11, ...u16(0x3060), ...u32(0x00c0ffee), 13, ...ascii('1756-L61/B LO')];

describe('EtherNet/IP and CIP', () => {
  it('frames the encapsulation and rejects what is not EtherNet/IP', () => {
    const nop = encap(0x0000, []);
    expect(enipPduLength(nop)).toBe(24);
    expect(enipPduLength(nop.subarray(0, 3))).toBe(0);
    expect(enipPduLength(Uint8Array.of(0x42, 0x42, 0, 0))).toBe(-1);
    expect(probeEnip(encap(0x65, [...u16(1), ...u16(0)]))).toBe(true);
  });

  it('turns a ListIdentity reply into identity facts', () => {
    const state = enipUdpDissector.createState();
    const r = keyedRecorder();
    const context = [0, 5, 1, 2, 3, 4, 5, 6];
    feed(state, true, encap(0x63, [], context), r, true);
    const item = [...u16(1), 0, 2, 0xaf, 0x12, 10, 0, 0, 2, ...new Array(8).fill(0), ...identityRecord, 3];
    feed(state, false, encap(0x63, cpf([[0x0c, item]]), context), r, true);
    expect(r.fields.get('enip.listid_delay')).toEqual([0x0500]);
    expect(r.fields.get('enip.context')).toEqual(['010203040506', '0005010203040506']);
    expect(r.fields.get('enip.lir.revision')).toEqual([(20 << 8) | 11]);
    expect(r.fields.get('enip.sinaddr')).toEqual(['10.0.0.2']);
    expect(r.ops).toEqual([{ operation: 'discovery', name: 'List Identity', code: 0x63, pairKey: 'e99:0005010203040506' }]);
    expect(r.outcomes).toEqual([{ key: 'e99:0005010203040506', outcome: { result: 'ok' } }]);
    const facts = Object.fromEntries(r.ids.map((f) => [f.attribute, f.value]));
    expect(facts).toMatchObject({
      'vendor-id': '1',
      vendor: 'Rockwell Automation/Allen-Bradley',
      'device-type': 'Programmable Logic Controller (14)',
      'product-code': '55',
      firmware: '20.11',
      serial: '0x00c0ffee',
      product: '1756-L61/B LO',
      'role-hint': 'plc',
    });
  });

  it('pairs an unconnected Get_Attribute_Single by sender context and repeats its path in the response', () => {
    const state = enipTcpDissector.createState();
    const r = keyedRecorder();
    feed(state, true, rr(request(0x0e, [0x20, 0x01, 0x24, 0x01, 0x30, 0x07])), r);
    feed(state, false, rr(response(0x0e, 0, [13, ...ascii('1756-L61/B LO')])), r);
    expect(r.fields.get('cip.class')).toEqual([1, 1]);
    expect(r.fields.get('cip.attribute')).toEqual([7, 7]);
    expect(r.fields.get('cip.id.product_name')).toEqual(['1756-L61/B LO']);
    expect(r.ops[0]).toMatchObject({ operation: 'read', name: 'Get_Attribute_Single', target: 'Identity instance 1 attribute 7' });
    expect(r.outcomes).toEqual([{ key: 'u434f4e5445585431', outcome: { result: 'ok' } }]);
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'product', value: '1756-L61/B LO', confidence: 0.9 });
  });

  it('reads the identity object from Get_Attributes_All and reports CIP errors with extended status', () => {
    const state = enipTcpDissector.createState();
    const r = keyedRecorder();
    feed(state, true, rr(request(0x01, [0x20, 0x01, 0x24, 0x01]), ascii('IDENTITY')), r);
    feed(state, false, rr(response(0x01, 0, identityRecord), ascii('IDENTITY')), r);
    feed(state, true, rr(request(0x10, [0x20, 0xf5, 0x24, 0x01, 0x30, 0x06], [4, 0x61, 0x62]), ascii('SETATTR1')), r);
    feed(state, false, rr(response(0x10, 0x0e, [], [0x01, 0x02]), ascii('SETATTR1')), r);
    expect(r.fields.get('cip.attribute')).toEqual([1, 2, 3, 4, 5, 6, 7, 6, 6]);
    expect(r.fields.get('cip.id.serial_number')).toEqual([0x00c0ffee]);
    expect(r.ops[1]).toMatchObject({ operation: 'write', target: 'TCP/IP Interface instance 1 attribute 6', values: '046162' });
    expect(r.outcomes[1]).toEqual({ key: 'u5345544154545231', outcome: { result: 'exception', detail: 'Attribute not settable (0x0e) ext 0x0201' } });
  });

  it('unwraps Multiple Service Packets: every embedded request is an operation with its own outcome', () => {
    const state = enipTcpDissector.createState();
    const r = keyedRecorder();
    const first = request(0x4c, symbol('Program:Main'), u16(1));
    const second = request(0x4d, [...symbol('Setpoint'), 0x28, 0x05], [...u16(0xc4), ...u16(1), ...u32(16)]);
    const msp = [...u16(2), ...u16(6), ...u16(6 + first.length), ...first, ...second];
    feed(state, true, unit(request(0x0a, [0x20, 0x02, 0x24, 0x01], msp), 12), r);
    const ok = response(0x4c, 0, [...u16(0xc4), ...u32(42)]);
    const failed = response(0x4d, 0x04);
    feed(state, false, unit(response(0x0a, 0x1e, [...u16(2), ...u16(6), ...u16(6 + ok.length), ...ok, ...failed]), 12), r);
    expect(r.fields.get('cip.sc')).toEqual([0x0a, 0x4c, 0x4d, 0x0a, 0x4c, 0x4d]);
    expect(r.fields.get('cip.symbol')).toEqual(['Program:Main', 'Setpoint', 'Program:Main', 'Setpoint']);
    expect(r.fields.get('cip.member')).toEqual([5, 5]);
    expect(r.ops.map((o) => [o.operation, o.name, o.target, o.pairKey])).toEqual([
      ['read', 'Read_Tag', 'Program:Main', 'c12#0'],
      ['write', 'Write_Tag', 'Setpoint[5]', 'c12#1'],
    ]);
    expect(r.ops[1]?.values).toBe('10000000');
    expect(r.outcomes).toEqual([
      { key: 'c12#0', outcome: { result: 'ok' } },
      { key: 'c12#1', outcome: { result: 'exception', detail: 'Path segment error (0x04)' } },
    ]);
  });

  it('unwraps Unconnected Send, whose response is the embedded one', () => {
    const state = enipTcpDissector.createState();
    const r = keyedRecorder();
    const embedded = request(0x05, [0x20, 0x01, 0x24, 0x01], [0]);
    const send = [0x07, 0xe9, ...u16(embedded.length), ...embedded, ...(embedded.length % 2 ? [0] : []), 1, 0, 1, 0];
    feed(state, true, rr(request(0x52, [0x20, 0x06, 0x24, 0x01], send)), r);
    feed(state, false, rr(response(0x05)), r);
    expect(r.fields.get('cip.class')).toEqual([6, 1, 6, 1]);
    expect(r.ops).toEqual([
      { operation: 'restart', name: 'Reset', code: 5, target: 'Identity instance 1', pairKey: 'u434f4e5445585431' },
    ]);
    expect(r.outcomes[0]?.outcome).toEqual({ result: 'ok' });
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'role-hint', value: 'engineering-workstation', confidence: 0.6 });
  });

  it.each([
    [0x06, [0x20, 0x8e, 0x24, 0x01], 'start', 'Start'],
    [0x07, [0x20, 0x8e, 0x24, 0x01], 'stop', 'Stop'],
    [0x08, [0x20, 0xac, 0x24, 0x01], 'program-download', 'Create'],
    [0x4c, [0x20, 0x8e, 0x24, 0x01, 0x20, 0x74, 0x24, 0x01], 'other', 'Service 0x4c'],
    [0x0e, [0x21, 0x00, 0x34, 0x12, 0x25, 0x00, 0x78, 0x56, 0x30, 0x03], 'read', 'Get_Attribute_Single'],
  ])('classifies service %i on its path', (service, path, operation, name) => {
    const r = keyedRecorder();
    feed(enipTcpDissector.createState(), true, unit(request(service, path), 1), r);
    expect(r.ops[0]).toMatchObject({ operation, name });
  });

  it('decodes Forward Open and Register Session as session operations', () => {
    const state = enipTcpDissector.createState();
    const r = keyedRecorder();
    const open = [0x0a, 0x0e, ...u32(0), ...u32(0x12345678), ...u16(1), ...u16(1), ...u32(7), 1, 0, 0, 0, ...u32(2000000), ...u16(0x43f4), ...u32(2000000), ...u16(0x43f4), 0xa3, 3, 0x01, 0x00, 0x20, 0x02, 0x24, 0x01];
    feed(state, true, rr(request(0x54, [0x20, 0x06, 0x24, 0x01], open)), r);
    feed(state, true, encap(0x65, [...u16(1), ...u16(0)]), r);
    feed(state, false, encap(0x65, [...u16(1), ...u16(0)]), r);
    expect(r.fields.get('cip.class')).toEqual([6, 2]);
    expect(r.ops.map((o) => [o.operation, o.name, o.target])).toEqual([
      ['session', 'Forward_Open', 'connection to Message Router instance 1'],
      ['session', 'Register Session', undefined],
    ]);
    expect(r.outcomes.map((o) => o.outcome.result)).toEqual(['ok']);
  });

  it('decodes implicit I/O as CPF items only', () => {
    const r = keyedRecorder();
    const io = Uint8Array.from(cpf([[0x8002, [...u32(0x11223344), ...u32(5)]], [0xb1, [...u16(5), 1, 0, 0, 0, 0xaa, 0xbb]]]));
    feed(enipUdpDissector.createState(), true, io, r, true);
    expect(r.fields.get('enip.cpf.sai.connid')).toEqual([0x11223344]);
    expect(r.fields.get('enip.cpf.sai.seq')).toEqual([5]);
    expect(r.fields.has('cip.seq')).toBe(false);
    expect(r.ops).toEqual([]);
  });

  it('reports truncated input as malformed and survives mutations with bounded state', () => {
    const r = keyedRecorder();
    feed(enipTcpDissector.createState(), true, encap(0x6f, [0, 0, 0, 0, 5, 0, 2, 0, 0, 0]).subarray(0, 30), r);
    expect(r.malformed[0]).toContain('enip:');
    const state = enipTcpDissector.createState();
    const sample = unit(request(0x0a, [0x20, 0x02, 0x24, 0x01], [...u16(1), ...u16(4), ...request(0x4c, symbol('A'), u16(1))]), 9);
    let seed = 3;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 5000; i++) {
      const bytes = sample.slice(0, Math.floor(next() * (sample.length + 1)));
      for (let k = 0; k < bytes.length; k++) if (next() < 0.1) bytes[k] = Math.floor(next() * 256);
      feed(state, next() < 0.5, bytes, r);
      feed(state, next() < 0.5, bytes, r, true);
    }
    expect(state.pending.size).toBeLessThanOrEqual(256);
  });

  it('finds the stop command and the adapter identity in the shared captures', async () => {
    const stop = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}enip/cip_stop_plc.pcap`, stop);
    expect(stop.operations.map((o) => o.op)).toEqual([{ operation: 'stop', name: 'Stop', code: 7, target: 'Controller instance 1', pairKey: 'c262' }]);
    const list = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}enip/enip_test.pcap`, list);
    const facts = list.identities.map((i) => i.fact);
    expect(facts).toContainEqual({ subject: 'source', attribute: 'product', value: '1756-ENBT/A', confidence: 0.9 });
    expect(facts).toContainEqual({ subject: 'source', attribute: 'serial', value: '0x00524d8e', confidence: 0.9 });
  });
});
