import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, keyedRecorder, pcaps, type KeyedRecording } from '../dissector-test-kit.js';
import type { PduContext } from '../types.js';
import { probeS7comm, s7commDissector, type S7State } from './index.js';

// Builders for S7comm PDUs (big-endian): header, then parameters and data.
const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const padded = (s: string, n: number): number[] => ascii(s.padEnd(n, '\0'));

function pdu(rosctr: number, pduref: number, param: number[], data: number[] = [], error = -1): Uint8Array {
  const err = rosctr === 2 || rosctr === 3 ? u16(Math.max(error, 0)) : [];
  return Uint8Array.from([0x32, rosctr, 0, 0, ...u16(pduref), ...u16(param.length), ...u16(data.length), ...err, ...param, ...data]);
}

/** S7ANY item: transport size, count, DB, area, bit address. */
const any = (size: number, count: number, db: number, area: number, byte: number, bit = 0): number[] => {
  const address = (byte << 3) | bit;
  return [0x12, 0x0a, 0x10, size, ...u16(count), ...u16(db), area, address >> 16, (address >> 8) & 0xff, address & 0xff];
};

/** Userdata parameters: request (4 bytes after the head) or response (8, with data unit reference). */
function userdata(type: number, group: number, sub: number, seq: number, unitRef = -1, last = 0, error = 0): number[] {
  const head = [0x00, 0x01, 0x12];
  if (unitRef < 0) return [...head, 4, 0x11, (type << 4) | group, sub, seq];
  return [...head, 8, 0x12, (type << 4) | group, sub, seq, unitRef, last, ...u16(error)];
}

function feed(state: S7State, toServer: boolean, bytes: Uint8Array, r: KeyedRecording): void {
  const ctx: PduContext<S7State> = { frame: 1, time: 0, toServer, state };
  s7commDissector.dissect(bytes, ctx, r.sink);
}

/** SZL 0x0011 entries (order number, hardware, firmware) and 0x001c entries (names, serial, type). */
const moduleIdentification = [
  ...u16(1), ...padded('6ES7 315-2EH14-0AB0 ', 20), ...u16(0xc0), ...u16(0), ...u16(1),
  ...u16(7), ...padded(' ', 20), ...u16(0xc0), ...u16(0x5603), ...u16(0x0207),
];
const component = (index: number, text: string): number[] => [...u16(index), ...padded(text, 32)];

describe('S7comm', () => {
  it('probes the protocol id and ROSCTR', () => {
    expect(probeS7comm(pdu(1, 1, [0xf0, 0, 0, 1, 0, 1, 1, 0xe0]))).toBe(true);
    expect(probeS7comm(Uint8Array.of(0x72, 1, 0, 0, 0, 0, 0, 0, 0, 0))).toBe(false);
    expect(probeS7comm(Uint8Array.of(0x32, 9, 0, 0, 0, 0, 0, 0, 0, 0))).toBe(false);
  });

  it('decodes setup communication as a session and reports the PLC role', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    feed(state, true, pdu(1, 0x100, [0xf0, 0, ...u16(1), ...u16(1), ...u16(480)]), r);
    feed(state, false, pdu(3, 0x100, [0xf0, 0, ...u16(1), ...u16(1), ...u16(240)]), r);
    expect(r.fields.get('s7comm.param.pdu_length')).toEqual([480, 240]);
    expect(r.ops).toEqual([{ operation: 'session', name: 'Setup Communication', code: 0xf0, pairKey: '256' }]);
    expect(r.outcomes).toEqual([{ key: '256', outcome: { result: 'ok' } }]);
    expect(r.ids).toEqual([{ subject: 'destination', attribute: 'role-hint', value: 'plc', confidence: 0.6 }]);
  });

  it('decodes Read Var items, their targets, and item errors in the response', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    feed(state, true, pdu(1, 7, [0x04, 2, ...any(2, 4, 1, 0x84, 0), ...any(1, 1, 0, 0x83, 100, 3)]), r);
    feed(state, false, pdu(3, 7, [0x04, 2], [0xff, 0x04, ...u16(32), 1, 2, 3, 4, 0x0a, 0x00, ...u16(0)]), r);
    expect(r.fields.get('s7comm.param.item.area')).toEqual([0x84, 0x83]);
    expect(r.fields.get('s7comm.param.item.address')).toEqual([0, (100 << 3) | 3]);
    expect(r.fields.get('s7comm.data.length')).toEqual([4, 0]);
    expect(r.ops).toEqual([{ operation: 'read', name: 'Read Var', code: 4, target: 'DB1.DBX 0.0 BYTE x4, M 100.3 BIT', pairKey: '7' }]);
    expect(r.outcomes).toEqual([{ key: '7', outcome: { result: 'exception', detail: 'item 2: Object does not exist (0x0a)' } }]);
  });

  it('logs the values of a small Write Var and the header error of its acknowledgement', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    feed(state, true, pdu(1, 8, [0x05, 1, ...any(4, 1, 0, 0x82, 2)], [0x00, 0x04, ...u16(16), 0x12, 0x34]), r);
    feed(state, false, pdu(2, 8, [], [], 0x8104), r);
    expect(r.ops[0]).toMatchObject({ operation: 'write', target: 'Q 2.0 WORD', values: '0x1234' });
    expect(r.fields.get('s7comm.param.errcod')).toEqual([0x8104]);
    expect(r.outcomes[0]?.outcome).toEqual({ result: 'exception', detail: 'Service not implemented on the module (0x8104)' });
  });

  it('maps block transfers, PI services and PLC stop to their operation classes', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    feed(state, true, pdu(1, 1, [0x1a, 0, 1, 0, 0, 0, 0, 0, 9, ...ascii('_0A00001P'), 13, ...ascii('1000216000088')]), r);
    feed(state, false, pdu(1, 2, [0x1b, 0, 0, 0, 0, 0, 0, 0, 9, ...ascii('_0A00001P')]), r);
    feed(state, true, pdu(1, 3, [0x1d, 0, 0, 0, 0, 0, 0, 0, 9, ...ascii('_0800001A')]), r);
    const blocks = [1, 0, ...ascii('0A00001P')];
    feed(state, true, pdu(1, 4, [0x28, 0, 0, 0, 0, 0, 0, 0xfd, ...u16(blocks.length), ...blocks, 5, ...ascii('_INSE')]), r);
    feed(state, true, pdu(1, 5, [0x28, 0, 0, 0, 0, 0, 0, 0xfd, ...u16(2), ...ascii('C '), 9, ...ascii('P_PROGRAM')]), r);
    feed(state, true, pdu(1, 6, [0x29, 0, 0, 0, 0, 0, 9, ...ascii('P_PROGRAM')]), r);
    expect(r.ops.map((o) => [o.operation, o.name, o.target, o.values])).toEqual([
      ['program-download', 'Request Download', 'DB1', undefined],
      ['program-upload', 'Start Upload', 'OB1', undefined],
      ['program-download', 'PI Service _INSE', 'DB1', undefined],
      ['start', 'PI Service P_PROGRAM', undefined, 'C'],
      ['stop', 'PLC Stop', 'P_PROGRAM', undefined],
    ]);
    expect(r.fields.get('s7comm.data.blockcontrol.block_type')).toEqual(['0A', '0A', '08', '0A']);
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'role-hint', value: 'engineering-workstation', confidence: 0.7 });
  });

  it('reads module identification: order number, hardware and firmware', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    feed(state, true, pdu(7, 9, userdata(4, 4, 1, 0), [0xff, 0x09, ...u16(4), ...u16(0x0011), ...u16(0)]), r);
    const szl = [...u16(0x0011), ...u16(0), ...u16(28), ...u16(2), ...moduleIdentification];
    feed(state, false, pdu(7, 9, userdata(8, 4, 1, 1, 0, 0), [0xff, 0x09, ...u16(szl.length), ...szl]), r);
    expect(r.ops).toEqual([{ operation: 'discovery', name: 'Read SZL', code: 0x0401, target: 'SZL 0x0011 index 0x0000', pairKey: '9' }]);
    expect(r.outcomes).toEqual([{ key: '9', outcome: { result: 'ok' } }]);
    expect(r.fields.get('s7comm.szl.xy11.0001.anz')).toEqual(['6ES7 315-2EH14-0AB0 ', ' ']);
    const facts = r.ids.filter((f) => f.attribute !== 'role-hint').map((f) => [f.attribute, f.value]);
    expect(facts).toEqual([
      ['order-number', '6ES7 315-2EH14-0AB0'],
      ['vendor', 'Siemens'],
      ['hardware', '1'],
      ['firmware', 'V3.2.7'],
    ]);
  });

  it('joins fragmented component identification before reading names and serial number', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    const entries = [component(1, 'Station 1'), component(2, 'PLC_1'), component(5, 'S C-B1U393142011'), component(7, 'CPU 315-2 PN/DP')].flat();
    const szl = [...u16(0x001c), ...u16(0), ...u16(34), ...u16(4), ...entries];
    const first = szl.slice(0, 60);
    const rest = szl.slice(60);
    feed(state, true, pdu(7, 1, userdata(4, 4, 1, 0), [0xff, 0x09, ...u16(4), ...u16(0x001c), ...u16(0)]), r);
    feed(state, false, pdu(7, 1, userdata(8, 4, 1, 1, 0xd7, 1), [0xff, 0x09, ...u16(first.length), ...first]), r);
    expect(r.fields.has('s7comm.szl.001c.0002.name')).toBe(false);
    feed(state, true, pdu(7, 2, userdata(4, 4, 1, 2, 0, 0), [0x0a, 0, 0, 0]), r);
    feed(state, false, pdu(7, 2, userdata(8, 4, 1, 3, 0xd7, 0), [0xff, 0x09, ...u16(rest.length), ...rest]), r);
    expect(r.fields.get('s7comm.data.userdata.szl_id')).toEqual([0x001c, 0x001c]);
    expect(r.fields.get('s7comm.szl.001c.0002.name')).toEqual(['PLC_1']);
    const facts = r.ids.filter((f) => f.attribute !== 'role-hint').map((f) => [f.attribute, f.value]);
    expect(facts).toEqual([
      ['name', 'Station 1'],
      ['name', 'PLC_1'],
      ['serial', 'S C-B1U393142011'],
      ['product', 'CPU 315-2 PN/DP'],
    ]);
    expect(state.fragment).toBeUndefined();
  });

  it('classifies userdata requests: password, set clock, cyclic subscription', () => {
    const state = s7commDissector.createState();
    const r = keyedRecorder();
    feed(state, true, pdu(7, 1, userdata(4, 5, 1, 0), [0xff, 0x09, ...u16(8), ...ascii('pass1234')]), r);
    feed(state, true, pdu(7, 2, userdata(4, 7, 2, 0), [0xff, 0x09, ...u16(10), 0x00, 0x20, 0x24, 0x03, 0x15, 0x10, 0x15, 0x20, 0x12, 0x34]), r);
    const cyclic = [...u16(1), 1, 2, ...any(2, 2, 5, 0x84, 10)];
    feed(state, true, pdu(7, 3, userdata(4, 2, 1, 0), [0xff, 0x09, ...u16(cyclic.length), ...cyclic]), r);
    feed(state, false, pdu(7, 1, userdata(8, 5, 1, 1, 0, 0, 0xd602), [0x0a, 0, 0, 0]), r);
    expect(r.ops.map((o) => [o.operation, o.name, o.target, o.values])).toEqual([
      ['session', 'PLC password', undefined, undefined],
      ['time-sync', 'Set clock', undefined, '2024-03-15 10:15:20.123'],
      ['subscribe', 'Cyclic transfer', 'DB5.DBX 10.0 BYTE x2', undefined],
    ]);
    expect(r.outcomes).toEqual([{ key: '1', outcome: { result: 'exception', detail: 'Incorrect password entered (0xd602)' } }]);
  });

  it('reports malformed headers and survives truncation and mutation with bounded state', () => {
    const r = keyedRecorder();
    feed(s7commDissector.createState(), true, Uint8Array.of(0x32, 1, 0, 0), r);
    feed(s7commDissector.createState(), true, pdu(1, 1, [0x04, 1, ...any(2, 1, 1, 0x84, 0)]).subarray(0, 20), r);
    expect(r.malformed[0]).toBe('s7comm: 4 bytes, header needs 10');
    expect(r.malformed[1]).toContain('run past');
    const state = s7commDissector.createState();
    const szl = [...u16(0x001c), ...u16(0), ...u16(34), ...u16(1), ...component(2, 'PLC_1')];
    const samples = [
      pdu(7, 1, userdata(8, 4, 1, 1, 0xd7, 1), [0xff, 0x09, ...u16(szl.length), ...szl]),
      pdu(1, 7, [0x04, 2, ...any(2, 4, 1, 0x84, 0), ...any(1, 1, 0, 0x83, 100, 3)]),
      pdu(3, 7, [0x04, 2], [0xff, 0x04, ...u16(32), 1, 2, 3, 4, 0x0a, 0x00, ...u16(0)]),
    ];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 6000; i++) {
      const sample = samples[i % samples.length]!;
      const bytes = sample.slice(0, Math.floor(next() * (sample.length + 1)));
      for (let k = 0; k < bytes.length; k++) if (next() < 0.1) bytes[k] = Math.floor(next() * 256);
      feed(state, next() < 0.5, bytes, r);
    }
    expect(state.pending.size).toBeLessThanOrEqual(256);
    expect(state.fragment === undefined || state.fragment.length <= 16 * 1024).toBe(true);
  });

  it('identifies the PLC and the engineering station in the shared captures', async () => {
    const online = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}s7/tia_s300_goOnline.pcapng`, online);
    const facts = new Set(online.identities.map((i) => `${i.fact.attribute}=${i.fact.value}`));
    for (const fact of ['order-number=6ES7 315-2EH14-0AB0', 'firmware=V3.2.7', 'name=PLC_1', 'serial=S C-B1U393142011', 'product=CPU 315-2 PN/DP']) {
      expect(facts).toContain(fact);
    }
    const download = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}s7/step7_s300_download.pcapng`, download);
    const ops = download.operations.map((o) => `${o.op.operation} ${o.op.name} ${o.op.target ?? ''}`);
    expect(ops).toContain('program-download Request Download DB1');
    expect(ops).toContain('program-download PI Service _INSE DB1');
    const stop = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}s7/snap7_s300_stop.pcapng`, stop);
    expect(stop.operations.map((o) => o.op.operation)).toEqual(['stop']);
    expect(stop.outcomes.map((o) => o.outcome.result)).toEqual(['ok']);
  });
});
