import { describe, expect, it } from 'vitest';
import { ACK, FIN, PSH, RST, SYN, tcpFrame, type TcpOptions } from './frame-builder.js';
import { analyzePackets, lengthPrefixed, prefixed } from './test-dissectors.js';

const fake = lengthPrefixed('modbus', { ports: [5000] });
const C = '10.0.0.1';
const S = '10.0.0.2';
const CP = 40000;
const SP = 5000;
const CISN = 1000;
const SISN = 5000;

/** Client → server segment carrying bytes at stream offset `at` (0 = first data byte). */
function c2s(at: number, bytes: number[], flags = ACK | PSH): Uint8Array {
  return tcpFrame(C, S, { sport: CP, dport: SP, seq: CISN + 1 + at, ack: SISN + 1, flags, payload: Uint8Array.from(bytes) });
}

function s2c(at: number, bytes: number[], ack = CISN + 1, flags = ACK | PSH): Uint8Array {
  return tcpFrame(S, C, { sport: SP, dport: CP, seq: SISN + 1 + at, ack, flags, payload: Uint8Array.from(bytes) });
}

const handshake = [
  tcpFrame(C, S, { sport: CP, dport: SP, seq: CISN, flags: SYN }),
  tcpFrame(S, C, { sport: SP, dport: CP, seq: SISN, ack: CISN + 1, flags: SYN | ACK }),
  tcpFrame(C, S, { sport: CP, dport: SP, seq: CISN + 1, ack: SISN + 1, flags: ACK }),
];

function pdus(frames: readonly Uint8Array[]) {
  const { sink, summary } = analyzePackets(frames, { dissectors: [fake] });
  const list = sink.fields.filter((f) => f.name === 'pdu').map((f) => ({ frame: f.frame, pdu: f.value, fromClient: f.fromClient }));
  return { list, sink, summary };
}

describe('TCP reassembly', () => {
  it('frames a PDU split across 3 segments at the frame of its last byte, and 2 PDUs in one segment', () => {
    const { list, sink, summary } = pdus([
      ...handshake,
      c2s(0, [0, 4]), // frame 4: first 2 bytes of A
      c2s(2, [1, 2]), // frame 5
      c2s(4, [3, 4, 0, 1, 9, 0, 2]), // frame 6: end of A, all of B, start of C
      c2s(11, [7, 8]), // frame 7: end of C
      s2c(0, [...prefixed(5), ...prefixed(6, 6)], CISN + 14), // frame 8: two PDUs in one segment
    ]);
    expect(list).toEqual([
      { frame: 6, pdu: '000401020304', fromClient: true },
      { frame: 6, pdu: '000109', fromClient: true },
      { frame: 7, pdu: '00020708', fromClient: true },
      { frame: 8, pdu: '000105', fromClient: false },
      { frame: 8, pdu: '00020606', fromClient: false },
    ]);
    expect(summary.pdus).toEqual({ modbus: 5 });
    expect(summary.malformed).toBe(0);
    expect(sink.values('n')).toEqual([1, 2, 3, 4, 5]);
    const conv = sink.frames[3]!.conversation!;
    expect(conv).toMatchObject({ transport: 'tcp', protocol: 'modbus', client: { ip: C, port: CP }, server: { ip: S, port: SP } });
    expect(sink.frames.map((f) => f.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sink.frames.every((f) => f.conversation === conv)).toBe(true);
    expect(sink.frames.map((f) => f.fromClient)).toEqual([true, false, true, true, true, true, true, false]);
  });

  it('puts out-of-order segments back in order', () => {
    const { list, summary } = pdus([
      ...handshake,
      c2s(0, prefixed(1, 1)), // frame 4
      c2s(8, prefixed(3, 3)), // frame 5: arrives before frame 6's bytes
      c2s(4, prefixed(2, 2)), // frame 6
    ]);
    expect(list).toEqual([
      { frame: 4, pdu: '00020101', fromClient: true },
      { frame: 6, pdu: '00020202', fromClient: true },
      { frame: 5, pdu: '00020303', fromClient: true },
    ]);
    expect(summary.malformed).toBe(0);
  });

  it('keeps the frame of the first copy when a segment fills a hole and repeats held bytes', () => {
    const { list, summary } = pdus([
      ...handshake,
      c2s(0, prefixed(1)), // frame 4
      c2s(10, prefixed(3, 3)), // frame 5: bytes 3-9 missing so far
      c2s(3, [...prefixed(2, 2, 2, 2, 2), ...prefixed(3, 3)]), // frame 6: the hole and frame 5's bytes again
    ]);
    expect(list).toEqual([
      { frame: 4, pdu: '000101', fromClient: true },
      { frame: 6, pdu: '00050202020202', fromClient: true },
      { frame: 5, pdu: '00020303', fromClient: true },
    ]);
    expect(summary.malformed).toBe(0);
  });

  it('takes retransmitted bytes once, even when a retransmission overlaps and extends earlier data', () => {
    const { list, summary } = pdus([
      ...handshake,
      c2s(0, [0, 4, 1, 2]), // frame 4: start of A
      c2s(0, [0, 4, 1, 2, 3, 4, 0, 1]), // frame 5: retransmits 4 bytes, adds 4
      c2s(6, [0, 1, 5]), // frame 6: overlaps 2 bytes
      c2s(6, [0, 1, 5]), // frame 7: exact duplicate
      c2s(0, [0, 4, 1, 2, 3, 4]), // frame 8: old data
    ]);
    expect(list).toEqual([
      { frame: 5, pdu: '000401020304', fromClient: true },
      { frame: 6, pdu: '000105', fromClient: true },
    ]);
    expect(summary.malformed).toBe(0);
  });

  it('skips a gap the peer acknowledged, reports it and resynchronizes', () => {
    const { list, sink } = pdus([
      ...handshake,
      c2s(0, [0, 3, 1]), // frame 4: PDU A incomplete...
      c2s(7, prefixed(3, 3)), // frame 5: ...bytes 3-6 never captured
      s2c(0, prefixed(9), CISN + 1 + 11), // frame 6: the server acknowledges everything
    ]);
    expect(list).toEqual([
      { frame: 5, pdu: '00020303', fromClient: true },
      { frame: 6, pdu: '000109', fromClient: false },
    ]);
    expect(sink.malformedReports).toEqual([{ frame: 5, layer: 'tcp', reason: expect.stringContaining('gap of 4 bytes') }]);
  });

  it('delivers what is held behind a gap at the end of the capture', () => {
    const { list, sink, summary } = pdus([...handshake, c2s(0, prefixed(1)), c2s(10, prefixed(2))]);
    expect(list).toEqual([
      { frame: 4, pdu: '000101', fromClient: true },
      { frame: 5, pdu: '000102', fromClient: true },
    ]);
    expect(sink.malformedReports).toMatchObject([{ frame: 5, layer: 'tcp' }]);
    expect(summary.malformed).toBe(1);
  });

  it('skips a gap when too many segments wait behind it', () => {
    const frames = [...handshake, c2s(0, prefixed(1))];
    for (let i = 0; i < 70; i++) frames.push(c2s(100 + i * 3, prefixed(i)));
    const { list, sink } = pdus(frames);
    expect(list).toHaveLength(71);
    expect(list.slice(0, 3).map((p) => p.frame)).toEqual([4, 5, 6]);
    expect(sink.malformedReports).toHaveLength(1);
  });

  it('reports a stream it cannot frame once, and resumes at a segment that starts a PDU', () => {
    const { list, sink } = pdus([
      ...handshake,
      c2s(0, [0xff, 1, 2]), // frame 4: not a PDU
      c2s(3, [0xff, 3]), // frame 5: still not
      c2s(5, prefixed(7)), // frame 6: a PDU again
    ]);
    expect(list).toEqual([{ frame: 6, pdu: '000107', fromClient: true }]);
    expect(sink.malformedReports).toEqual([{ frame: 4, layer: 'modbus', reason: expect.stringContaining('cannot frame') }]);
  });

  it('turns a dissector exception into a malformed report and goes on', () => {
    const { list, sink, summary } = pdus([...handshake, c2s(0, [...prefixed(0xee, 0xee), ...prefixed(1)])]);
    expect(list).toEqual([{ frame: 4, pdu: '000101', fromClient: true }]);
    expect(sink.malformedReports).toEqual([{ frame: 4, layer: 'modbus', reason: 'dissector error: boom' }]);
    expect(summary.pdus).toEqual({ modbus: 2 });
  });

  it('hands each in-order chunk to a dissector without pduLength', () => {
    const raw = lengthPrefixed('dnp3', { ports: [5000], framed: false });
    const { sink } = analyzePackets([...handshake, c2s(5, [5, 6]), c2s(0, [1, 2, 3, 4, 5]), c2s(7, [7])], { dissectors: [raw] });
    expect(sink.fields.filter((f) => f.name === 'pdu').map((f) => [f.frame, f.value])).toEqual([
      [5, '0102030405'],
      [4, '0506'],
      [6, '07'],
    ]);
  });

  it('handles sequence numbers wrapping around 2^32', () => {
    const base: TcpOptions = { sport: CP, dport: SP, seq: 0xfffffffe, flags: SYN };
    const { sink } = analyzePackets(
      [
        tcpFrame(C, S, base),
        tcpFrame(C, S, { ...base, seq: 0xffffffff, flags: ACK, payload: Uint8Array.from([0, 3, 1]) }),
        tcpFrame(C, S, { ...base, seq: 2, flags: ACK, payload: Uint8Array.from([2, 3]) }),
      ],
      { dissectors: [fake] },
    );
    expect(sink.values('pdu')).toEqual(['0003010203']);
  });
});

describe('TCP conversations', () => {
  it('keeps the well-known port side as the server even when it sent the SYN', () => {
    const { sink } = analyzePackets(
      [tcpFrame(S, C, { sport: SP, dport: 60000, seq: 1, flags: SYN }), tcpFrame(C, S, { sport: 60000, dport: SP, seq: 9, ack: 2, flags: SYN | ACK })],
      { dissectors: [fake] },
    );
    expect(sink.frames[0]!.conversation).toMatchObject({ client: { ip: C, port: 60000 }, server: { ip: S, port: SP } });
    expect(sink.frames.map((f) => f.fromClient)).toEqual([false, true]);
  });

  it('makes the SYN sender the client when neither side is on a well-known port', () => {
    const { sink } = analyzePackets(
      [tcpFrame(S, C, { sport: 1000, dport: 60000, seq: 1, flags: SYN }), tcpFrame(C, S, { sport: 60000, dport: 1000, seq: 9, ack: 2, flags: SYN | ACK })],
      { dissectors: [fake] },
    );
    expect(sink.frames[0]!.conversation).toMatchObject({ client: { ip: S, port: 1000 }, server: { ip: C, port: 60000 } });
    expect(sink.frames.map((f) => f.fromClient)).toEqual([true, false]);
  });

  it('without a SYN, makes the side on the well-known port the server, else the higher port the client', () => {
    const { sink } = analyzePackets(
      [
        tcpFrame(S, C, { sport: SP, dport: 1000, seq: 1, ack: 1, payload: Uint8Array.from(prefixed(1)) }),
        tcpFrame('10.0.0.3', '10.0.0.4', { sport: 3000, dport: 4000, seq: 1, ack: 1, payload: Uint8Array.of(1) }),
      ],
      { dissectors: [fake] },
    );
    expect(sink.frames[0]!.conversation).toMatchObject({ client: { ip: C, port: 1000 }, server: { ip: S, port: SP } });
    expect(sink.frames[0]!.fromClient).toBe(false);
    expect(sink.fields[0]).toMatchObject({ frame: 1, fromClient: false, value: '000101' });
    expect(sink.frames[1]!.conversation).toMatchObject({ client: { ip: '10.0.0.4', port: 4000 }, protocol: undefined });
  });

  it('chooses a dissector by content on an unexpected port', () => {
    const probed = lengthPrefixed('opcua', { probeByte: 0 });
    const { sink } = analyzePackets([tcpFrame(C, S, { sport: 50001, dport: 7777, seq: 1, payload: Uint8Array.from(prefixed(4, 2)) })], {
      dissectors: [fake, probed],
    });
    expect(sink.frames[0]!.conversation?.protocol).toBe('opcua');
    expect(sink.fields[0]).toMatchObject({ protocol: 'opcua', value: '00020402' });
  });

  it('starts a new conversation when the endpoints are reused after FIN or RST', () => {
    const { sink } = analyzePackets(
      [
        ...handshake,
        c2s(0, prefixed(1), ACK | FIN),
        tcpFrame(C, S, { sport: CP, dport: SP, seq: 77, flags: SYN }),
        tcpFrame(C, S, { sport: CP, dport: SP, seq: 78, flags: ACK, payload: Uint8Array.from(prefixed(2)) }),
        tcpFrame(C, S, { sport: CP, dport: SP, seq: 81, flags: RST }),
        tcpFrame(C, S, { sport: CP, dport: SP, seq: 900, flags: SYN }),
      ],
      { dissectors: [fake] },
    );
    const ids = sink.frames.map((f) => f.conversation!.id);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).not.toBe(ids[0]);
    expect(ids[5]).toBe(ids[4]);
    expect(ids[7]).not.toBe(ids[4]);
    expect(sink.values('n')).toEqual([1, 1]);
  });
});
