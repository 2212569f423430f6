import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, fuzz, pcaps, recorder, values } from '../dissector-test-kit.js';
import type { DissectSink } from '../types.js';
import { pnDcpDissector } from './index.js';

/** FrameID + DCP header + blocks (IEC 61158-6-10). */
function dcp(frameId: number, service: number, type: number, xid: number, word: number, blocks: number[][]): Uint8Array {
  const data: number[] = [];
  for (const block of blocks) {
    data.push(...block);
    if (block.length % 2 === 1) data.push(0);
  }
  return Uint8Array.from([
    frameId >> 8, frameId & 0xff, service, type,
    (xid >>> 24) & 0xff, (xid >> 16) & 0xff, (xid >> 8) & 0xff, xid & 0xff,
    word >> 8, word & 0xff, data.length >> 8, data.length & 0xff, ...data,
  ]);
}

function block(option: number, sub: number, body: number[]): number[] {
  return [option, sub, body.length >> 8, body.length & 0xff, ...body];
}

function run(pdu: Uint8Array, sink: DissectSink = recorder()): ReturnType<typeof recorder> {
  pnDcpDissector.dissect(pdu, { frame: 1, time: 0, toServer: true, state: null }, sink);
  return sink as ReturnType<typeof recorder>;
}

describe('PROFINET DCP dissector', () => {
  it('decodes an identify request with a name-of-station filter as discovery', () => {
    const sink = run(dcp(0xfefe, 5, 0, 0x1234, 1, [block(2, 2, ascii('plc-1'))]));
    expect(sink.problems).toEqual([]);
    expect(values(sink, 'pn_dcp.response_delay')).toEqual([1]);
    expect(values(sink, 'pn_dcp.suboption_device_nameofstation')).toEqual(['plc-1']);
    expect(sink.operations).toEqual([
      { operation: 'discovery', name: 'Identify', code: 5, target: 'name of station plc-1', pairKey: 'dcp:4660' },
    ]);
  });

  it('turns an identify response into identity facts', () => {
    const sink = run(
      dcp(0xfeff, 5, 1, 0x1234, 0, [
        block(2, 1, [0, 0, ...ascii('S7-1500')]),
        block(2, 2, [0, 0, ...ascii('plc-1')]),
        block(2, 3, [0, 0, 0x00, 0x2a, 0x01, 0x0e]),
        block(2, 4, [0, 0, 0x02, 0x00]),
        block(1, 2, [0, 1, 10, 0, 0, 5, 255, 255, 255, 0, 10, 0, 0, 1]),
      ]),
    );
    expect(sink.problems).toEqual([]);
    expect(values(sink, 'pn_dcp.block_info')).toEqual([0, 0, 0, 0]);
    expect(values(sink, 'pn_dcp.suboption_ip_block_info')).toEqual([1]);
    expect(sink.identities.map((f) => [f.attribute, f.value])).toEqual([
      ['name', 'plc-1'],
      ['vendor', 'S7-1500'],
      ['vendor-id', '0x002a'],
      ['product-code', '0x010e'],
      ['address', '10.0.0.5'],
      ['role-hint', 'io-controller'],
    ]);
    expect(sink.outcomes).toEqual([['dcp:4660', { result: 'ok' }]]);
  });

  it('reports Set requests as configuration changes with the new value, and failed responses', () => {
    const set = run(dcp(0xfefd, 4, 0, 7, 0, [block(2, 2, [0, 1, ...ascii('new-name')]), block(5, 2, [0, 0])]));
    expect(set.operations).toEqual([
      {
        operation: 'configuration-change',
        name: 'Set name of station',
        code: 4,
        target: 'name of station, end transaction',
        values: 'name of station "new-name" (permanent)',
        pairKey: 'dcp:7',
      },
    ]);
    expect(values(set, 'pn_dcp.block_qualifier')).toEqual([1, 0]);
    const reply = run(dcp(0xfefd, 4, 1, 7, 0, [block(5, 4, [2, 2, 6])]));
    expect(reply.outcomes).toEqual([['dcp:7', { result: 'error', detail: 'In operation, SET not possible (6)' }]]);
    const reset = run(dcp(0xfefd, 4, 0, 8, 0, [block(5, 6, [0, 0])]));
    expect(reset.operations[0]).toMatchObject({ operation: 'configuration-change', name: 'Reset to factory' });
    const flash = run(dcp(0xfefd, 4, 0, 9, 0, [block(5, 3, [0, 0, 1, 0])]));
    expect(flash.operations[0]).toMatchObject({ operation: 'other', name: 'Signal' });
  });

  it('recognizes other PROFINET frame IDs without decoding or complaining', () => {
    const sink = run(Uint8Array.of(0x80, 0x00, 1, 2, 3, 4, 5, 6));
    expect(sink.fields).toEqual([]);
    expect(sink.problems).toEqual([]);
    expect(sink.operations).toEqual([]);
  });

  it('reports a block running past the data', () => {
    const pdu = dcp(0xfeff, 5, 1, 1, 0, [block(2, 2, [0, 0, ...ascii('x')])]);
    const sink = run(pdu.subarray(0, pdu.length - 2));
    expect(sink.problems.length).toBeGreaterThan(0);
  });

  it('reads the shared IP change capture: identify, identity, set IP', async () => {
    const sink = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}profinet/ChangeIPUsingDCP.pcap`, sink, { dissectors: [pnDcpDissector], cotpDissectors: [] });
    expect(sink.operations.map((o) => [o.frame, o.op.operation, o.op.name, o.op.values ?? ''])).toEqual([
      [1, 'discovery', 'Identify', ''],
      [3, 'configuration-change', 'Set IP', 'ip 192.168.0.10 mask 255.255.255.0 gateway 192.168.0.1 (permanent)'],
    ]);
    expect(sink.identities.map((i) => `${i.fact.attribute}=${i.fact.value}`)).toEqual([
      'name=X208-BORD',
      'vendor=INC',
      'vendor-id=0x002a',
      'product-code=0x0a01',
      'address=192.168.0.6',
      'role-hint=io-device',
    ]);
    expect(sink.malformedReports).toEqual([]);
  });

  it('survives truncations, mutations and random bytes', () => {
    const samples = [
      dcp(0xfeff, 5, 1, 1, 0, [block(2, 5, [0, 0, 1, 1, 1, 2, 2, 2]), block(2, 2, [0, 0, ...ascii('a')])]),
      dcp(0xfefd, 4, 0, 2, 0, [block(1, 2, [0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])]),
      dcp(0xfefd, 3, 0, 2, 0, [[2, 2, 1, 2]]),
    ];
    expect(fuzz(pnDcpDissector, samples)).toBeGreaterThan(0);
  });
});
