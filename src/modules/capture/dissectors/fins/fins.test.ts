import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { fromHex as hex, keyedRecorder, pcaps, type KeyedRecording } from '../dissector-test-kit.js';
import type { PduContext } from '../types.js';
import { finsPduLength, finsTcpDissector, finsUdpDissector, probeFins, type FinsState } from './index.js';

function feed(state: FinsState, toServer: boolean, bytes: Uint8Array, r: KeyedRecording, tcp = false): void {
  const ctx: PduContext<FinsState> = { frame: 1, time: 0, toServer, state };
  (tcp ? finsTcpDissector : finsUdpDissector).dissect(bytes, ctx, r.sink);
}

// FINS header: ICF, RSV, GCT, DNA DA1 DA2, SNA SA1 SA2, SID; command to node 10 from node 1.
const command = '80 00 02 00 0a 00 00 01 00 07';
const response = 'c0 00 02 00 01 00 00 0a 00 07';

describe('Omron FINS', () => {
  it('decodes a Memory Area Read and pairs its response', () => {
    const state = finsUdpDissector.createState();
    const r = keyedRecorder();
    feed(state, true, hex(`${command} 0101 82 0064 00 0003`), r);
    feed(state, false, hex(`${response} 0101 0000 0001 0002 0003`), r);
    expect(r.fields.get('omron.command')).toEqual([0x0101, 0x0101]);
    expect(r.fields.get('omron.memory.area.read')).toEqual([0x82]);
    expect(r.fields.get('omron.memory.address')).toEqual([100]);
    expect(r.fields.get('omron.memory.numitems')).toEqual([3]);
    expect(r.ops).toEqual([
      { operation: 'read', name: 'Memory Area Read', code: 0x0101, target: 'DM 100 x3', pairKey: '7:0.1.0', unit: 10 },
    ]);
    expect(r.outcomes).toEqual([{ key: '7:0.1.0', outcome: { result: 'ok' } }]);
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'role-hint', value: 'plc', confidence: 0.5 });
  });

  it('logs small written values and reports end codes as exceptions', () => {
    const state = finsUdpDissector.createState();
    const r = keyedRecorder();
    feed(state, true, hex(`${command} 0102 b0 000a 00 0002 abcd 1234`), r);
    feed(state, false, hex(`${response} 0102 1103`), r);
    expect(r.ops[0]).toMatchObject({ operation: 'write', target: 'CIO 10 x2', values: 'abcd1234' });
    expect(r.outcomes[0]?.outcome).toEqual({ result: 'exception', detail: 'Address range error (0x1103)' });
  });

  it.each([
    ['0401 ffff 02', 'start', 'Run'],
    ['0402 ffff', 'stop', 'Stop'],
    ['0307 ffff 00000000 0002 0102 0304', 'program-download', 'Program Area Write'],
    ['0306 ffff 00000000 0010', 'program-upload', 'Program Area Read'],
    ['0702 24 03 15 10 15 20 05', 'time-sync', 'Clock Write'],
    ['2203 8000 0000', 'file-operation', 'Single File Write'],
    ['0501 00', 'discovery', 'Controller Data Read'],
    ['0c01 ffff', 'session', 'Access Right Acquire'],
  ])('classifies command %s as %s', (body, operation, name) => {
    const r = keyedRecorder();
    feed(finsUdpDissector.createState(), true, hex(`${command} ${body}`), r);
    expect(r.ops[0]).toMatchObject({ operation, name });
  });

  it('takes model and version from a Controller Data Read response', () => {
    const r = keyedRecorder();
    const model = Buffer.from('CJ2M-CPU31'.padEnd(20, '\0')).toString('hex');
    const version = Buffer.from('02.01'.padEnd(20, '\0')).toString('hex');
    feed(finsUdpDissector.createState(), false, hex(`${response} 0501 0000 ${model} ${version}`), r);
    expect(r.fields.get('omron.controller.model')).toEqual(['CJ2M-CPU31']);
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'model', value: 'CJ2M-CPU31', confidence: 0.9 });
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'firmware', value: '02.01', confidence: 0.9 });
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'vendor', value: 'OMRON', confidence: 0.8 });
  });

  it('frames FINS/TCP and decodes the node address exchange', () => {
    const hello = hex('46494e53 0000000c 00000000 00000000 00000000');
    expect(finsPduLength(hello)).toBe(20);
    expect(finsPduLength(hello.subarray(0, 6))).toBe(0);
    expect(finsPduLength(hex('46494e54 0000000c'))).toBe(-1);
    expect(probeFins(hello)).toBe(true);
    const r = keyedRecorder();
    feed(finsTcpDissector.createState(), false, hex('46494e53 00000010 00000001 00000000 000000fb 000000c8'), r, true);
    expect(r.fields.get('omron.tcp.client_node_address')).toEqual([251]);
    expect(r.fields.get('omron.tcp.server_node_address')).toEqual([200]);
    expect(r.ids).toContainEqual({ subject: 'source', attribute: 'address', value: 'FINS node 200', confidence: 0.7 });
  });

  it('reports truncated frames as malformed instead of throwing', () => {
    const r = keyedRecorder();
    feed(finsUdpDissector.createState(), true, hex('80 00 02 00 0a'), r);
    feed(finsTcpDissector.createState(), true, hex('46494e53 00000100 00000002 00000000 80'), r, true);
    expect(r.malformed).toEqual([
      'fins: frame at offset 0 has 5 bytes, header and command code need 12',
      'fins: FINS/TCP length 256 at offset 4 runs past the 17-byte PDU',
      'fins: frame at offset 16 has 1 bytes, header and command code need 12',
    ]);
    expect(r.ops).toEqual([]);
  });

  it('never throws on random or truncated input and keeps its pending requests bounded', () => {
    const state = finsUdpDissector.createState();
    const r = keyedRecorder();
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const real = hex(`${command} 0102 82 0064 00 0002 abcd 1234`);
    for (let i = 0; i < 3000; i++) {
      const bytes = real.slice(0, Math.floor(next() * (real.length + 1)));
      for (let k = 0; k < bytes.length; k++) if (next() < 0.2) bytes[k] = Math.floor(next() * 256);
      feed(state, next() < 0.5, bytes, r);
      feed(state, next() < 0.5, bytes, r, true);
    }
    expect(state.pending.size).toBeLessThanOrEqual(256);
  });

  it('finds the controller model in the shared capture', async () => {
    const sink = new RecordingSink();
    const summary = await analyzeCaptureFile(`${pcaps}fins/omron_test.pcap`, sink);
    expect(summary.pdus.fins).toBe(6);
    expect(sink.values('omron.controller.model')).toEqual(['CP1L-EL20DR-D', 'CP1L-EL20DR-D']);
    expect(sink.operations.map((o) => o.op.operation)).toEqual(['discovery', 'discovery']);
    expect(sink.identities.map((i) => i.fact)).toContainEqual({ subject: 'source', attribute: 'firmware', value: '01.00', confidence: 0.9 });
  });
});
