import { describe, expect, it } from 'vitest';
import { hex, randomBytes, sendTruncations, startSession, values as field, type DissectorSession } from '../dissector-test-kit.js';
import { formatG } from './asdu.js';
import { iec104Dissector, iec104PduLength, probeIec104, type Iec104State } from './index.js';
import { maxPendingCommands } from './iec104.js';

/** I-format APDU: send sequence `tx`, receive sequence 0, then the ASDU. */
function iFrame(tx: number, asdu: number[]): Uint8Array {
  return Uint8Array.from([0x68, 4 + asdu.length, (tx << 1) & 0xfe, tx >> 7, 0, 0, ...asdu]);
}

/** ASDU header: type, SQ/count, cause (with P/N), originator 0, common address 7, then objects. */
function asdu(type: number, vsq: number, cause: number, objects: string): number[] {
  return [type, vsq, cause, 0, 7, 0, ...hex(objects)];
}

const session = (): DissectorSession<Iec104State> => startSession(iec104Dissector);

describe('IEC 104 APCI', () => {
  it('frames APDUs and counts bytes before the start octet into the next one', () => {
    expect(iec104PduLength(Uint8Array.of(0x68))).toBe(0);
    expect(iec104PduLength(Uint8Array.of(0x68, 4, 7, 0, 0, 0))).toBe(6);
    expect(iec104PduLength(Uint8Array.of(1, 2, 0x68, 4))).toBe(8);
    expect(iec104PduLength(Uint8Array.of(1, 2, 3))).toBe(0);
    expect(probeIec104(Uint8Array.of(0x68, 4, 7, 0, 0, 0))).toBe(true);
    expect(probeIec104(Uint8Array.of(0x68, 4, 0xff, 0, 0, 0))).toBe(false);
  });

  it('decodes S and U frames and pairs STARTDT with its confirmation', () => {
    const { send } = session();
    const act = send(Uint8Array.of(0x68, 4, 0x07, 0, 0, 0), true);
    expect(act.operations).toEqual([{ operation: 'session', name: 'STARTDT act', pairKey: 'STARTDT' }]);
    expect(field(act, 'iec60870_104.utype')).toEqual([1]);
    expect(send(Uint8Array.of(0x68, 4, 0x0b, 0, 0, 0), false).outcomes).toEqual([['STARTDT', { result: 'ok' }]]);
    const s = send(Uint8Array.of(0x68, 4, 0x01, 0, 0x9c, 0), true);
    expect(field(s, 'iec60870_104.type')).toEqual([1]);
    expect(field(s, 'iec60870_104.rx')).toEqual([78]);
    const short = send(Uint8Array.of(0x68, 2, 0, 0), true);
    expect(field(short, 'iec60870_104.apdulen')).toEqual([2]);
    expect(short.problems).toHaveLength(1);
  });
});

describe('IEC 104 ASDU', () => {
  it('turns a single command into a write paired with its activation confirmation', () => {
    const { send } = session();
    const command = send(iFrame(1, asdu(45, 1, 6, '941100 01')), true);
    expect(command.operations).toEqual([
      { operation: 'write', name: 'C_SC_NA_1', code: 45, pairKey: '45:7:4500', unit: 7, target: 'IOA 4500', values: 'ON execute' },
    ]);
    expect(field(command, 'iec60870_asdu.sco')).toEqual([1]);
    expect(field(command, 'iec60870_asdu.ioa')).toEqual([4500]);
    expect(command.identities).toEqual([
      { subject: 'destination', attribute: 'address', value: '7', confidence: 0.8 },
      { subject: 'destination', attribute: 'role-hint', value: 'rtu', confidence: 0.6 },
      { subject: 'source', attribute: 'role-hint', value: 'hmi', confidence: 0.4 },
    ]);
    expect(send(iFrame(2, asdu(45, 1, 7, '941100 01')), false).outcomes).toEqual([['45:7:4500', { result: 'ok' }]]);
    // The termination after a confirmation adds nothing.
    expect(send(iFrame(3, asdu(45, 1, 10, '941100 01')), false).outcomes).toEqual([]);
  });

  it('reports negative confirmations and unknown addresses as exceptions', () => {
    const { send } = session();
    send(iFrame(1, asdu(46, 1, 6, '951100 82')), true);
    expect(send(iFrame(2, asdu(46, 1, 0x47, '951100 82')), false).outcomes).toEqual([
      ['46:7:4501', { result: 'exception', detail: 'negative confirmation' }],
    ]);
    send(iFrame(3, asdu(50, 1, 6, '961100 0000c842 00')), true);
    expect(send(iFrame(4, asdu(50, 1, 0x47 + 40, '961100 0000c842 00')), false).outcomes).toEqual([
      ['50:7:4502', { result: 'exception', detail: 'unknown information object address' }],
    ]);
  });

  it('classifies interrogation, clock synchronization and reset process', () => {
    const { send } = session();
    expect(send(iFrame(1, asdu(100, 1, 6, '000000 14')), true).operations[0]).toMatchObject({
      operation: 'read',
      name: 'C_IC_NA_1',
      values: 'station',
    });
    expect(send(iFrame(2, asdu(103, 1, 6, '000000 0800 17 13 0d 08 09')), true).operations[0]).toMatchObject({
      operation: 'time-sync',
      values: '2009-08-13 19:23:00.008',
    });
    expect(send(iFrame(3, asdu(105, 1, 6, '000000 01')), true).operations[0]).toMatchObject({
      operation: 'restart',
      values: 'general reset',
    });
    expect(send(iFrame(4, asdu(107, 1, 6, '000000 0100 0000000000000000')), true).operations[0]).toMatchObject({ operation: 'other' });
  });

  it('publishes spontaneous data and names the controlled station', () => {
    const { send } = session();
    const sink = send(iFrame(1, asdu(13, 2, 3, '140500 0000f041 00 150500 00003444 00')), false);
    expect(sink.operations).toEqual([
      { operation: 'publish', name: 'M_ME_NC_1', code: 13, unit: 7, target: 'IOA 1300, 1301', values: '30, 720' },
    ]);
    expect(field(sink, 'iec60870_asdu.float')).toEqual(['30', '720']);
    expect(sink.identities[0]).toEqual({ subject: 'source', attribute: 'address', value: '7', confidence: 0.8 });
    // Periodic data is not an operation.
    expect(send(iFrame(2, asdu(13, 1, 1, '140500 0000f041 00')), false).operations).toEqual([]);
  });

  it('numbers a sequence of elements from its first IOA', () => {
    const { send } = session();
    const sink = send(iFrame(1, asdu(1, 0x83, 20, '1a2700 01 00 01')), false);
    expect(field(sink, 'iec60870_asdu.ioa')).toEqual([10010, 10011, 10012]);
    expect(field(sink, 'iec60870_asdu.siq')).toEqual([1, 0, 1]);
    expect(field(sink, 'iec60870_asdu.sq')).toEqual([1]);
  });

  it('prints floats like tshark', () => {
    expect(formatG(30)).toBe('30');
    expect(formatG(0.3)).toBe('0.3');
    expect(formatG(Math.fround(0.05))).toBe('0.05');
    expect(formatG(Math.fround(1.1443742e-28))).toBe('1.14437e-28');
    expect(formatG(4369 / 32768)).toBe('0.133331');
    expect(formatG(1234567)).toBe('1.23457e+06');
    expect(formatG(-1)).toBe('-1');
  });
});

describe('IEC 104 robustness', () => {
  it('never throws on truncations and random bytes', () => {
    const samples = [
      iFrame(1, asdu(45, 1, 6, '941100 01')),
      iFrame(1, asdu(13, 2, 3, '140500 0000f041 00 150500 00003444 00')),
      iFrame(1, asdu(1, 0x83, 20, '1a2700 01 00 01')),
      iFrame(1, asdu(103, 1, 6, '000000 0800 17 13 0d 08 09')),
      iFrame(1, asdu(120, 1, 13, '000000 0100 000100 00')),
    ];
    const next = randomBytes(11);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: 2 + (next() % 40) }, next);
      bytes[0] = 0x68;
      samples.push(bytes);
    }
    expect(() => sendTruncations(session, samples)).not.toThrow();
  });

  it('keeps pending commands bounded', () => {
    const { state, send } = session();
    for (let ioa = 0; ioa < 1000; ioa++) send(iFrame(ioa, asdu(45, 1, 6, `${(ioa & 0xff).toString(16).padStart(2, '0')}${(ioa >> 8).toString(16).padStart(2, '0')}00 01`)), true);
    expect(state.pending.size).toBe(maxPendingCommands);
  });
});
