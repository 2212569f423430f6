import { describe, expect, it } from 'vitest';
import { ACK, PSH, SYN, tcpFrame } from './frame-builder.js';
import { looksLikeTpkt, tpktLength } from './iso-transport.js';
import { analyzePackets, cotpFake, lengthPrefixed } from './test-dissectors.js';

const s7 = cotpFake('s7comm', 0x32);
const s7plus = cotpFake('s7comm-plus', 0x72);
const mms = cotpFake('mms', 0x0d);
const C = '192.168.0.10';
const S = '192.168.0.1';

/** TPKT (version 3) around a COTP TPDU. */
function tpkt(cotp: number[]): number[] {
  const len = cotp.length + 4;
  return [3, 0, len >> 8, len & 0xff, ...cotp];
}

/** COTP class 0 DT: LI 2, code F0, TPDU-NR with the EOT bit. */
function dt(data: number[], eot = true): number[] {
  return tpkt([2, 0xf0, eot ? 0x80 : 0x00, ...data]);
}

const cr = tpkt([14, 0xe0, 0, 0, 0, 1, 0, 0xc1, 2, 1, 0, 0xc2, 2, 1, 2]);
const cc = tpkt([14, 0xd0, 0, 1, 0, 1, 0, 0xc1, 2, 1, 0, 0xc2, 2, 1, 2]);

function stream(clientSegments: number[][], serverSegments: number[][] = [], port = 102) {
  const frames = [
    tcpFrame(C, S, { sport: 49152, dport: port, seq: 100, flags: SYN }),
    tcpFrame(S, C, { sport: port, dport: 49152, seq: 900, ack: 101, flags: SYN | ACK }),
  ];
  let cseq = 101;
  for (const seg of clientSegments) {
    frames.push(tcpFrame(C, S, { sport: 49152, dport: port, seq: cseq, ack: 901, flags: ACK | PSH, payload: Uint8Array.from(seg) }));
    cseq += seg.length;
  }
  let sseq = 901;
  for (const seg of serverSegments) {
    frames.push(tcpFrame(S, C, { sport: port, dport: 49152, seq: sseq, ack: cseq, flags: ACK | PSH, payload: Uint8Array.from(seg) }));
    sseq += seg.length;
  }
  return frames;
}

describe('ISO transport (TPKT + COTP)', () => {
  it('joins DT fragments until end of TSDU and picks the COTP payload dissector by content', () => {
    const { sink, summary } = analyzePackets(
      stream(
        [cr, [...dt([0x32, 1, 2], false), ...dt([3], false)], dt([4, 5]), [...dt([0x32, 9]), ...dt([0x32, 8]).slice(0, 5)], dt([0x32, 8]).slice(5)],
        [cc, dt([0x32, 7])],
      ),
      { cotpDissectors: [mms, s7plus, s7] },
    );
    expect(sink.fields.filter((f) => f.name === 'pdu').map((f) => [f.frame, f.value, f.fromClient])).toEqual([
      [5, '320102030405', true], // two fragments in frame 4, the last one in frame 5
      [6, '3209', true],
      [7, '3208', true], // a TPKT split across segments
      [9, '3207', false],
    ]);
    expect(sink.values('n')).toEqual([1, 2, 3, 4]);
    expect(sink.frames[2]!.conversation?.protocol).toBe('s7comm');
    expect(summary.pdus).toEqual({ s7comm: 4 });
    expect(summary.malformed).toBe(0);
  });

  it('remembers the choice per conversation and tells protocols apart', () => {
    const a = analyzePackets(stream([dt([0x72, 1]), dt([0x32, 2])]), { cotpDissectors: [s7, s7plus, mms] });
    expect(a.sink.fields.filter((f) => f.name === 'pdu').map((f) => [f.protocol, f.value])).toEqual([
      ['s7comm-plus', '7201'],
      ['s7comm-plus', '3202'],
    ]);
    const b = analyzePackets(stream([dt([0x0d, 5, 0xe1])]), { cotpDissectors: [s7, s7plus, mms] });
    expect(b.sink.fields[0]).toMatchObject({ protocol: 'mms', value: '0d05e1' });
  });

  it('recognizes ISO transport on another port by content', () => {
    const { sink } = analyzePackets(stream([cr, dt([0x32, 3])], [], 10102), { cotpDissectors: [s7] });
    expect(sink.values('pdu')).toEqual(['3203']);
  });

  it('lets a registered TCP dissector on port 102 win', () => {
    const own = lengthPrefixed('fins', { ports: [102], framed: false });
    const { sink } = analyzePackets(stream([dt([0x32, 3])]), { dissectors: [own], cotpDissectors: [s7] });
    expect(sink.fields[0]).toMatchObject({ protocol: 'fins' });
  });

  it('reports bad COTP headers and broken TPKT framing', () => {
    const { sink } = analyzePackets(
      stream([tpkt([9, 0xf0, 0x80]), tpkt([2, 0x30, 0x80]), [4, 0, 0, 7, 2, 0xf0, 0x80], dt([0x32, 1])]),
      { cotpDissectors: [s7] },
    );
    expect(sink.malformedReports.map((m) => [m.frame, m.layer, m.reason.split(' ').slice(0, 3).join(' ')])).toEqual([
      [3, 'cotp', 'COTP length indicator'],
      [4, 'cotp', 'unknown COTP TPDU'],
      [5, 'cotp', 'cannot frame the'],
    ]);
    expect(sink.values('pdu')).toEqual(['3201']);
  });

  it('frames TPKT headers', () => {
    expect(tpktLength(Uint8Array.of(3, 0))).toBe(0);
    expect(tpktLength(Uint8Array.of(3, 0, 0, 7))).toBe(7);
    expect(tpktLength(Uint8Array.of(3, 0, 0, 3))).toBe(-1);
    expect(tpktLength(Uint8Array.of(2, 0, 0, 7))).toBe(-1);
    expect(tpktLength(Uint8Array.of(2))).toBe(-1);
    expect(looksLikeTpkt(Uint8Array.from(cr))).toBe(true);
    expect(looksLikeTpkt(Uint8Array.of(3, 0, 0, 7, 2, 0x30, 0))).toBe(false);
  });
});
