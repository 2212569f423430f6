import { describe, expect, it } from 'vitest';
import { ascii, randomBytes, recorder, sendTruncations, startSession, values as field, type DissectorSession } from '../dissector-test-kit.js';
import { modbusDissector, modbusPduLength, probeModbus } from './index.js';
import { findRequest, maxPendingRequests, type ModbusState } from './state.js';

/** MBAP frame around a PDU (function code + data). */
function adu(tid: number, unit: number, pdu: number[]): Uint8Array {
  const length = pdu.length + 1;
  return Uint8Array.from([tid >> 8, tid & 0xff, 0, 0, length >> 8, length & 0xff, unit, ...pdu]);
}

const session = (): DissectorSession<ModbusState> => startSession(modbusDissector);

describe('Modbus/TCP framing', () => {
  it('frames by the MBAP length and rejects other protocol ids', () => {
    expect(modbusPduLength(Uint8Array.of(0, 1, 0, 0, 0))).toBe(0);
    expect(modbusPduLength(adu(1, 1, [3, 0, 0, 0, 1]))).toBe(12);
    expect(modbusPduLength(Uint8Array.of(0, 1, 0, 1, 0, 6))).toBe(-1);
    expect(modbusPduLength(Uint8Array.of(0, 1, 0, 0, 0, 1))).toBe(-1);
  });

  it('probes a request on an unexpected port', () => {
    expect(probeModbus(adu(7, 1, [3, 0, 100, 0, 10]))).toBe(true);
    expect(probeModbus(Uint8Array.from(ascii('GET / HTTP/1.1\r\n')))).toBe(false);
    expect(probeModbus(adu(7, 1, [0x63, 0, 100, 0, 10]))).toBe(false);
  });
});

describe('Modbus/TCP requests and responses', () => {
  it('reads holding registers and pairs the response by transaction id', () => {
    const { send } = session();
    const request = send(adu(0x1234, 5, [3, 0, 100, 0, 10]), true);
    expect(request.operations).toEqual([
      { operation: 'read', name: 'Read Holding Registers', code: 3, target: 'holding registers 100-109', pairKey: '4660', unit: 5 },
    ]);
    expect(request.fields).toEqual([
      ['mbtcp.trans_id', 0x1234],
      ['mbtcp.prot_id', 0],
      ['mbtcp.len', 6],
      ['mbtcp.unit_id', 5],
      ['modbus.func_code', 3],
      ['modbus.reference_num', 100],
      ['modbus.word_cnt', 10],
    ]);
    const response = send(adu(0x1234, 5, [3, 4, 0, 1, 0xff, 0xfe]), false);
    expect(response.outcomes).toEqual([['4660', { result: 'ok' }]]);
    expect(field(response, 'modbus.regnum16')).toEqual([100, 101]);
    expect(field(response, 'modbus.regval_uint16')).toEqual([1, 0xfffe]);
    // A repeated response does not produce a second outcome.
    expect(send(adu(0x1234, 5, [3, 4, 0, 1, 0xff, 0xfe]), false).outcomes).toEqual([]);
  });

  it('reports writes with their target and small values', () => {
    const { send } = session();
    expect(send(adu(1, 1, [5, 0, 10, 0xff, 0]), true).operations[0]).toMatchObject({
      operation: 'write',
      name: 'Write Single Coil',
      target: 'coil 10',
      values: 'ON',
    });
    expect(send(adu(2, 1, [6, 0, 7, 0x01, 0x2c]), true).operations[0]).toMatchObject({
      target: 'holding register 7',
      values: '300',
    });
    const multiple = send(adu(3, 1, [16, 0, 1, 0, 3, 6, 0, 10, 1, 2, 0, 0]), true);
    expect(multiple.operations[0]).toMatchObject({ operation: 'write', target: 'holding registers 1-3', values: '10, 258, 0' });
    expect(field(multiple, 'modbus.regnum16')).toEqual([1, 2, 3]);
    expect(send(adu(4, 1, [15, 0, 19, 0, 10, 2, 0xcd, 0x01]), true).operations[0]).toMatchObject({
      target: 'coils 19-28',
      values: '1 0 1 1 0 0 1 1 1 0',
    });
    expect(send(adu(5, 1, [22, 0, 4, 0, 0xf2, 0, 0x25]), true).operations[0]).toMatchObject({
      target: 'holding register 4',
      values: 'AND 0x00f2 OR 0x0025',
    });
    expect(send(adu(6, 1, [23, 0, 3, 0, 6, 0, 14, 0, 1, 2, 0, 0xff]), true).operations[0]).toMatchObject({
      operation: 'write',
      target: 'holding registers 3-8 (read), holding registers 14 (write)',
      values: '255',
    });
  });

  it('turns exception responses into exception outcomes', () => {
    const { send } = session();
    send(adu(9, 1, [16, 0, 1, 0, 1, 2, 0, 1]), true);
    const response = send(adu(9, 1, [0x90, 2]), false);
    expect(response.outcomes).toEqual([['9', { result: 'exception', detail: 'Illegal Data Address (2)' }]]);
    expect(field(response, 'modbus.func_code')).toEqual([16]);
    expect(field(response, 'modbus.exception_code')).toEqual([2]);
  });

  it('classifies diagnostics by sub-function', () => {
    const { send } = session();
    expect(send(adu(1, 1, [8, 0, 1, 0xff, 0]), true).operations[0]).toMatchObject({
      operation: 'restart',
      name: 'Diagnostics: Restart Communications Option',
      values: 'clear communications event log',
    });
    expect(send(adu(2, 1, [8, 0, 4, 0, 0]), true).operations[0]).toMatchObject({ operation: 'mode-change' });
    expect(send(adu(3, 1, [8, 0, 11, 0, 0]), true).operations[0]).toMatchObject({ operation: 'other' });
  });

  it('reads the device identification into identity facts', () => {
    const { send } = session();
    const request = send(adu(1, 1, [43, 14, 1, 0]), true);
    expect(request.operations[0]).toMatchObject({ operation: 'discovery', name: 'Read Device Identification', code: 43 });
    const objects = [
      [0, 'Schneider Electric'],
      [1, 'BMX P34 2020'],
      [2, 'v2.10'],
      [4, 'Modicon M340'],
      [5, 'P34 2020'],
      [6, 'Line 3 pumps'],
    ] as const;
    const body = objects.flatMap(([id, text]) => [id, text.length, ...ascii(text)]);
    const response = send(adu(1, 1, [43, 14, 1, 0x81, 0, 0, objects.length, ...body]), false);
    expect(response.identities).toEqual([
      { subject: 'source', attribute: 'vendor', value: 'Schneider Electric', confidence: 0.9 },
      { subject: 'source', attribute: 'product-code', value: 'BMX P34 2020', confidence: 0.9 },
      { subject: 'source', attribute: 'firmware', value: 'v2.10', confidence: 0.9 },
      { subject: 'source', attribute: 'product', value: 'Modicon M340', confidence: 0.9 },
      { subject: 'source', attribute: 'model', value: 'P34 2020', confidence: 0.9 },
      { subject: 'source', attribute: 'name', value: 'Line 3 pumps', confidence: 0.9 },
    ]);
    expect(field(response, 'modbus.object_str_value')).toEqual(objects.map(([, text]) => text));
    expect(field(response, 'modbus.conformity_level')).toEqual([0x81]);
  });

  it('reads the Report Server ID string', () => {
    const { send } = session();
    expect(send(adu(1, 10, [17]), true).operations[0]).toMatchObject({ operation: 'discovery', name: 'Report Server ID' });
    const data = [0, 0xff, ...ascii('Wingpath Limited')];
    const response = send(adu(1, 10, [17, data.length, ...data]), false);
    expect(response.identities).toEqual([{ subject: 'source', attribute: 'product', value: 'Wingpath Limited', confidence: 0.5 }]);
  });

  it('hints at roles once per connection', () => {
    const { send } = session();
    expect(send(adu(1, 1, [1, 0, 0, 0, 8]), true).identities).toEqual([
      { subject: 'destination', attribute: 'role-hint', value: 'plc', confidence: 0.4 },
      { subject: 'source', attribute: 'role-hint', value: 'hmi', confidence: 0.3 },
    ]);
    expect(send(adu(2, 1, [1, 0, 0, 0, 8]), true).identities).toEqual([]);
  });

  it('builds no fields unless asked', () => {
    const { send } = session();
    const sink = send(adu(1, 1, [3, 0, 0, 0, 1]), true, recorder(false));
    expect(sink.fields).toEqual([]);
    expect(sink.operations).toHaveLength(1);
  });
});

describe('Modbus/TCP robustness', () => {
  it('reports truncated PDUs as malformed and keeps what it decoded', () => {
    const { send } = session();
    const sink = send(adu(1, 1, [16, 0, 1, 0, 2, 4, 0]), true);
    expect(sink.problems).toHaveLength(1);
    expect(sink.operations[0]).toMatchObject({ target: 'holding registers 1-2' });
    // tshark drops a diagnostics PDU without its sub-function entirely.
    const diag = send(adu(2, 1, [8, 0]), true);
    expect(diag.fields).toEqual([]);
    expect(diag.problems).toHaveLength(1);
  });

  it('never throws on truncations and random bytes', () => {
    const samples = [
      adu(1, 1, [43, 14, 1, 0x81, 0, 0, 2, 0, 3, 65, 66, 67, 1, 2, 68, 69]),
      adu(1, 1, [20, 14, 6, 0, 4, 0, 1, 0, 2, 6, 0, 4, 0, 2, 0, 1]),
      adu(1, 1, [21, 13, 6, 0, 4, 0, 7, 0, 2, 0, 10, 0, 11]),
      adu(1, 1, [23, 0, 3, 0, 6, 0, 14, 0, 1, 2, 0, 0xff]),
      adu(1, 1, [16, 0, 1, 0, 3, 6, 0, 10, 1, 2, 0, 0]),
      adu(1, 1, [0x83, 2]),
    ];
    const next = randomBytes(42);
    for (let i = 0; i < 500; i++) samples.push(Uint8Array.from({ length: next() % 40 }, next));
    expect(() => sendTruncations(session, samples)).not.toThrow();
  });

  it('keeps at most 256 pending requests', () => {
    const { state, send } = session();
    for (let tid = 0; tid < 1000; tid++) send(adu(tid, 1, [3, 0, 0, 0, 1]), true);
    expect(state.count).toBe(maxPendingRequests);
    expect(findRequest(state, 999, 1, 3)).toBeGreaterThanOrEqual(0);
    expect(findRequest(state, 10, 1, 3)).toBe(-1);
  });
});
