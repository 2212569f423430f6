import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, keyedRecorder, pcaps, type KeyedRecording } from '../dissector-test-kit.js';
import type { PduContext } from '../types.js';
import { probeS7commPlus, s7commPlusDissector, type S7commPlusState } from './index.js';

const u16 = (v: number): number[] => [v >> 8, v & 0xff];

/** 0x72, version, data length, data, and the trailer unless the PDU continues in the next unit. */
function unit(version: number, data: number[], last = true): Uint8Array {
  return Uint8Array.from([0x72, version, ...u16(data.length), ...data, ...(last ? [0x72, version, 0, 0] : [])]);
}

const request = (fn: number, seq: number, rest: number[] = []): number[] => [0x31, 0, 0, ...u16(fn), 0, 0, ...u16(seq), 0, 0, 0, 1, 0x34, ...rest];
const response = (fn: number, seq: number, rest: number[] = [0]): number[] => [0x32, 0, 0, ...u16(fn), 0, 0, ...u16(seq), 0x34, ...rest];

function feed(state: S7commPlusState, toServer: boolean, bytes: Uint8Array, r: KeyedRecording): void {
  const ctx: PduContext<S7commPlusState> = { frame: 1, time: 0, toServer, state };
  s7commPlusDissector.dissect(bytes, ctx, r.sink);
}

describe('S7comm-plus', () => {
  it('probes the protocol id and known versions', () => {
    expect(probeS7commPlus(unit(1, [0x31]))).toBe(true);
    expect(probeS7commPlus(Uint8Array.of(0x72, 0x09, 0, 0))).toBe(false);
    expect(probeS7commPlus(Uint8Array.of(0x32, 1, 0, 0))).toBe(false);
  });

  it('pairs requests and responses by sequence number and classifies functions coarsely', () => {
    const state = s7commPlusDissector.createState();
    const r = keyedRecorder();
    feed(state, true, unit(2, request(0x054c, 3)), r);
    feed(state, false, unit(2, response(0x054c, 3)), r);
    feed(state, true, unit(2, request(0x0542, 4)), r);
    // Return value with the error extension bit: a failure.
    feed(state, false, unit(2, response(0x0542, 4, [0xa0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])), r);
    feed(state, true, unit(2, request(0x04d4, 5)), r);
    expect(r.ops.map((o) => [o.operation, o.name, o.pairKey])).toEqual([
      ['read', 'GetMultiVariables', 'p3'],
      ['write', 'SetMultiVariables', 'p4'],
      ['session', 'DeleteObject', 'p5'],
    ]);
    expect(r.outcomes.map((o) => [o.key, o.outcome.result])).toEqual([
      ['p3', 'ok'],
      ['p4', 'exception'],
    ]);
    expect(r.fields.get('data.len')).toEqual([22, 19, 22, 27, 22]);
  });

  it('skips continuation units of a PDU split over several', () => {
    const state = s7commPlusDissector.createState();
    const r = keyedRecorder();
    feed(state, false, unit(2, response(0x0586, 8, [0, 1, 2, 3]), false), r);
    // The continuation looks like anything: here like a request it must not be taken for.
    feed(state, false, unit(2, request(0x04bb, 9)), r);
    feed(state, false, unit(2, response(0x0586, 10)), r);
    expect(r.ops).toEqual([]);
    expect(state.continuing).toEqual([false, false]);
  });

  it('reads order number and firmware from the CreateObject response', () => {
    const state = s7commPlusDissector.createState();
    const r = keyedRecorder();
    feed(state, true, unit(1, request(0x04ca, 1)), r);
    const version = [0xa3, 0x82, 0x32, 0x00, 0x15, 27, ...ascii('1;6ES7 214-1HE30-0XB0 ;V2.2'), 0x00];
    feed(state, false, unit(1, response(0x04ca, 1, [0, ...version])), r);
    expect(r.ops[0]).toMatchObject({ operation: 'session', name: 'CreateObject' });
    expect(r.ids.map((f) => [f.subject, f.attribute, f.value])).toEqual([
      ['destination', 'role-hint', 'plc'],
      ['source', 'vendor', 'Siemens'],
      ['source', 'order-number', '6ES7 214-1HE30-0XB0'],
      ['source', 'firmware', 'V2.2'],
    ]);
  });

  it('reports short units as malformed and survives mutations with bounded state', () => {
    const r = keyedRecorder();
    feed(s7commPlusDissector.createState(), true, Uint8Array.of(0x72, 2), r);
    expect(r.malformed).toEqual(['s7comm-plus: 2 bytes, header needs 4']);
    const state = s7commPlusDissector.createState();
    const sample = unit(2, request(0x054c, 3, [1, 2, 3, 4, 5, 6]));
    let seed = 5;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 5000; i++) {
      const bytes = sample.slice(0, Math.floor(next() * (sample.length + 1)));
      for (let k = 0; k < bytes.length; k++) if (next() < 0.1) bytes[k] = Math.floor(next() * 256);
      feed(state, next() < 0.5, bytes, r);
    }
    expect(state.pending.size).toBeLessThanOrEqual(256);
  });

  it('recognizes an S7-1200 session in the shared captures', async () => {
    const sink = new RecordingSink();
    const summary = await analyzeCaptureFile(`${pcaps}s7/S7-1200-Uploading-OB1-TIAV12.pcap`, sink);
    expect(summary.pdus['s7comm-plus']).toBeGreaterThan(80);
    expect(sink.operations[0]?.op).toMatchObject({ operation: 'session', name: 'CreateObject' });
    const facts = sink.identities.map((i) => `${i.fact.attribute}=${i.fact.value}`);
    expect(facts).toContain('order-number=6ES7 214-1HE30-0XB0');
    expect(facts).toContain('firmware=V2.2');
  });
});
