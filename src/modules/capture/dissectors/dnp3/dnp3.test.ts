import { describe, expect, it } from 'vitest';
import { hex, randomBytes, recorder, sendTruncations, startSession, values as field, type DissectorSession } from '../dissector-test-kit.js';
import { dnp3Crc, dnp3CrcOk } from './crc.js';
import { dnp3Dissector, dnp3PduLength, dnp3UdpDissector, probeDnp3 } from './index.js';
import { maxFragment, maxPendingRequests, type Dnp3State } from './state.js';

function withCrc(bytes: number[]): number[] {
  const crc = dnp3Crc(Uint8Array.from(bytes), 0, bytes.length);
  return [...bytes, crc & 0xff, crc >> 8];
}

/** A link frame around user data (transport header + application bytes), CRC after header and every 16 bytes. */
function linkFrame(control: number, dst: number, src: number, user: number[]): Uint8Array {
  const out = withCrc([0x05, 0x64, 5 + user.length, control, dst & 0xff, dst >> 8, src & 0xff, src >> 8]);
  for (let i = 0; i < user.length; i += 16) out.push(...withCrc(user.slice(i, i + 16)));
  return Uint8Array.from(out);
}

const master = 1;
const outstation = 10;
let transportSeq = 0;

/** A single-segment application fragment from the master (toServer) or the outstation. */
function fragment(fromMaster: boolean, app: number[]): Uint8Array {
  const user = [0xc0 | (transportSeq++ & 0x3f), ...app];
  return fromMaster ? linkFrame(0xc4, outstation, master, user) : linkFrame(0x44, master, outstation, user);
}

const session = (): DissectorSession<Dnp3State> => startSession(dnp3Dissector);

describe('DNP3 link layer', () => {
  it('computes the link CRC (vector checked against tshark)', () => {
    expect(dnp3CrcOk(Uint8Array.from(hex('056419c40a000100da8f')), 0, 8)).toBe(true);
    expect(dnp3CrcOk(Uint8Array.from(hex('056419c40a000100da8e')), 0, 8)).toBe(false);
  });

  it('frames by the link length and rejects other start octets', () => {
    expect(dnp3PduLength(Uint8Array.of(0x05))).toBe(0);
    expect(dnp3PduLength(Uint8Array.of(0x05, 0x64, 5))).toBe(10);
    // 20 user bytes: 16 + 4 in two blocks, each with its CRC.
    expect(dnp3PduLength(Uint8Array.of(0x05, 0x64, 25))).toBe(34);
    expect(dnp3PduLength(Uint8Array.of(0x06, 0x64, 5))).toBe(-1);
    expect(dnp3PduLength(Uint8Array.of(0x05, 0x64, 4))).toBe(-1);
    expect(probeDnp3(linkFrame(0xc9, 10, 1, []))).toBe(true);
    expect(probeDnp3(Uint8Array.from(hex('056405c90a000100ffff')))).toBe(false);
  });

  it('decodes link-only frames and reports addresses and roles once per pair', () => {
    const { send } = session();
    const sink = send(linkFrame(0xc9, outstation, master, []), true);
    expect(field(sink, 'dnp3.ctl.prifunc')).toEqual([9]);
    expect(field(sink, 'dnp3.dst')).toEqual([outstation]);
    expect(sink.identities).toEqual([
      { subject: 'source', attribute: 'address', value: '1', confidence: 0.9 },
      { subject: 'destination', attribute: 'address', value: '10', confidence: 0.9 },
      { subject: 'destination', attribute: 'role-hint', value: 'rtu', confidence: 0.6 },
      { subject: 'source', attribute: 'role-hint', value: 'hmi', confidence: 0.3 },
    ]);
    const reply = send(linkFrame(0x0b, master, outstation, []), false);
    expect(field(reply, 'dnp3.ctl.secfunc')).toEqual([11]);
    expect(reply.identities).toEqual([]);
  });

  it('reports a bad data block CRC and still decodes the fragment', () => {
    const { send } = session();
    const frame = fragment(true, hex('c1 01 3c 02 06'));
    frame[frame.length - 1]! ^= 0xff;
    const sink = send(frame, true);
    expect(sink.problems).toEqual([expect.stringContaining('CRC')]);
    expect(sink.operations).toHaveLength(1);
  });
});

describe('DNP3 application layer', () => {
  it('reads class data and pairs the response by outstation and sequence', () => {
    const { send } = session();
    const request = send(fragment(true, hex('c3 01 3c02 06 3c03 06 3c04 06 3c01 06')), true);
    expect(request.operations).toEqual([
      { operation: 'read', name: 'Read', code: 1, unit: 10, target: 'g60v2, g60v3, g60v4, g60v1', pairKey: '10:3' },
    ]);
    expect(field(request, 'dnp3.al.obj')).toEqual([0x3c02, 0x3c03, 0x3c04, 0x3c01]);
    // Binary inputs 0-2 with flags, then 16-bit analog inputs 0-1.
    const response = send(fragment(false, hex('c3 81 0000 0102 00 00 02 01 81 01 1e04 00 00 01 3412 7856')), false);
    expect(response.outcomes).toEqual([['10:3', { result: 'ok' }]]);
    expect(field(response, 'dnp3.al.point_index')).toEqual([0, 1, 2, 0, 1]);
    expect(field(response, 'dnp3.al.iin')).toEqual([0]);
  });

  it('turns CROB select and operate into writes with the control status as outcome', () => {
    const { send } = session();
    const crob = hex('0c01 28 0100 0500 03 01 64000000 64000000 00');
    const select = send(fragment(true, [0xc4, 0x03, ...crob]), true);
    expect(select.operations[0]).toEqual({
      operation: 'write',
      name: 'Select',
      code: 3,
      unit: 10,
      target: 'g12v1 [5]',
      values: 'Latch On x1 on 100 ms off 100 ms',
      pairKey: '10:4',
    });
    expect(field(select, 'dnp3.al.index')).toEqual([5]);
    const refused = [...crob.slice(0, -1), 4];
    const response = send(fragment(false, [0xc4, 0x81, 0, 0, ...refused]), false);
    expect(response.outcomes).toEqual([['10:4', { result: 'exception', detail: 'control status not supported (4)' }]]);
  });

  it('classifies time writes, restarts, unsolicited responses and file transfers', () => {
    const { send } = session();
    expect(send(fragment(true, hex('c5 02 3201 07 01 e80300000000')), true).operations[0]).toMatchObject({
      operation: 'time-sync',
      values: '1970-01-01T00:00:01.000Z',
    });
    expect(send(fragment(true, hex('c6 0d')), true).operations[0]).toMatchObject({ operation: 'restart', name: 'Cold Restart' });
    const refused = send(fragment(false, hex('c6 81 0001')), false);
    expect(refused.outcomes).toEqual([['10:6', { result: 'exception', detail: 'function code not implemented' }]]);
    expect(send(fragment(false, hex('f1 82 0000')), false).operations[0]).toMatchObject({ operation: 'publish', unit: 10 });
    expect(send(fragment(true, hex('c7 15 3c02 06')), true).operations[0]).toMatchObject({ operation: 'configuration-change' });
    expect(send(fragment(true, hex('c8 01 4605 5b 01 0800 01000000 02000000')), true).operations[0]).toMatchObject({
      operation: 'file-operation',
      target: 'g70v5',
    });
  });

  it('reassembles a fragment sent in two transport segments', () => {
    const { send } = session();
    const app = hex('c9 81 0000 1e01 00 00 03 01 01000000 01 02000000 01 03000000 01 04000000');
    const first = send(linkFrame(0x44, master, outstation, [0x40 | 10, ...app.slice(0, 10)]), false);
    expect(field(first, 'dnp3.al.func')).toEqual([]);
    const second = send(linkFrame(0x44, master, outstation, [0x80 | 11, ...app.slice(10)]), false);
    expect(field(second, 'dnp3.al.func')).toEqual([0x81]);
    expect(field(second, 'dnp3.al.point_index')).toEqual([0, 1, 2, 3]);
    // A final segment without its first is dropped.
    expect(field(send(linkFrame(0x44, master, outstation, [0x80 | 12, ...app]), false), 'dnp3.al.func')).toEqual([]);
  });

  it('reads device attributes into identity facts', () => {
    const { send } = session();
    const text = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
    const attribute = (variation: number, value: string): number[] => [0, variation, 0x17, 1, 0, 1, value.length, ...text(value)];
    const response = send(
      fragment(false, [0xca, 0x81, 0, 0, ...attribute(252, 'ACME'), ...attribute(250, 'RTU-9'), ...attribute(242, '2.1.0')]),
      false,
    );
    expect(response.identities.filter((f) => f.attribute !== 'address' && f.attribute !== 'role-hint')).toEqual([
      { subject: 'source', attribute: 'vendor', value: 'ACME', confidence: 0.9 },
      { subject: 'source', attribute: 'product', value: 'RTU-9', confidence: 0.9 },
      { subject: 'source', attribute: 'firmware', value: '2.1.0', confidence: 0.9 },
    ]);
  });

  it('stops quietly at an object it cannot size', () => {
    const { send } = session();
    // g120v3 (authentication, aggressive mode) with a count qualifier, then a CROB.
    const sink = send(fragment(true, hex('cb 05 7803 07 01 010000000100 0c01 28 0100 0000 03 01 64000000 64000000 00')), true);
    expect(sink.problems).toEqual([]);
    expect(field(sink, 'dnp3.al.obj')).toEqual([0x7803]);
    expect(sink.operations[0]).toMatchObject({ operation: 'write', target: 'g120v3' });
  });

  it('decodes several link frames in one UDP datagram', () => {
    const state = dnp3UdpDissector.createState();
    const sink = recorder();
    const datagram = [...linkFrame(0xc9, 10, 1, []), ...fragment(true, hex('cc 01 3c01 06'))];
    dnp3UdpDissector.dissect(Uint8Array.from(datagram), { frame: 1, time: 0, toServer: true, state }, sink);
    expect(field(sink, 'dnp3.len')).toEqual([5, 11]);
    expect(sink.operations).toHaveLength(1);
  });
});

describe('DNP3 robustness', () => {
  it('never throws on truncations and random bytes', () => {
    const samples = [
      fragment(false, hex('c3 81 0000 0102 00 00 02 01 81 01 1e04 00 00 01 3412 7856')),
      fragment(true, hex('c4 03 0c01 28 0100 0500 03 01 64000000 64000000 00')),
      fragment(false, hex('ca 81 0000 00fc 17 01 00 01 04 41434d45')),
      fragment(false, hex('c0 81 0000 0101 00 00 0a ff 07 0301 00 00 04 55')),
      fragment(true, hex('c0 02 0c01 02 0000ffff 01000301 6400')),
    ];
    const next = randomBytes(7);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: 10 + (next() % 60) }, next);
      bytes[0] = 0x05;
      bytes[1] = 0x64;
      samples.push(bytes);
    }
    expect(() => sendTruncations(session, samples)).not.toThrow();
  });

  it('keeps pending requests and reassembly bounded', () => {
    const { state, send } = session();
    for (let i = 0; i < 1000; i++) {
      const dst = 100 + i;
      send(linkFrame(0xc4, dst, master, [0xc0, 0xc0 | (i & 15), 0x01, 0x3c, 0x01, 0x06]), true);
    }
    expect(state.pending.size).toBeLessThanOrEqual(maxPendingRequests);
    // A first segment followed by endless middle segments never grows past the fragment bound.
    send(linkFrame(0x44, master, outstation, [0x40, ...new Array<number>(200).fill(0)]), false);
    for (let i = 1; i < 100; i++) send(linkFrame(0x44, master, outstation, [i & 0x3f, ...new Array<number>(200).fill(0)]), false);
    expect(state.toClient.length).toBeLessThanOrEqual(maxFragment);
  });
});
