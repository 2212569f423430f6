import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { compareFields, ourFields } from '../../oracle/differential.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, fuzz, startSession, values, type DissectorSession } from '../dissector-test-kit.js';
import { opcuaDissector, opcuaOracleSpec, type OpcuaState } from './index.js';

const capture = fileURLToPath(new URL('../../../../../../shared/data/pcaps/opcua/opc-ua-ap-method-wireshark-freeze.pcap', import.meta.url));

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function str(s: string | null): number[] {
  return s === null ? u32(0xffffffff) : [...u32(s.length), ...ascii(s)];
}

function message(type: string, chunk: string, body: number[]): Uint8Array {
  return Uint8Array.from([...ascii(type), chunk.charCodeAt(0), ...u32(8 + body.length), ...body]);
}

/** MSG chunk: channel 7, token 1, sequence, request id, then a service body starting with its type id. */
function msg(requestId: number, service: number, body: number[], chunk = 'F'): Uint8Array {
  return message('MSG', chunk, [...u32(7), ...u32(1), ...u32(requestId + 50), ...u32(requestId), 0x01, 0x00, service & 0xff, service >> 8, ...body]);
}

const requestHeader = [0x00, 0x00, ...new Array<number>(8).fill(0), ...u32(9), ...u32(0), ...str(null), ...u32(0), 0x00, 0x00, 0x00];
function responseHeader(result: number): number[] {
  return [...new Array<number>(8).fill(0), ...u32(9), ...u32(result), 0x00, ...u32(0xffffffff), 0x00, 0x00, 0x00];
}
const stringNode = (ns: number, s: string): number[] => [0x03, ns, 0, ...str(s)];

const session = (): DissectorSession<OpcuaState> => startSession(opcuaDissector);

describe('OPC UA binary dissector', () => {
  it('frames UA TCP messages by their size and rejects other bytes', () => {
    const hel = message('HEL', 'F', [...u32(0), ...u32(65535), ...u32(65535), ...u32(0), ...u32(0), ...str('opc.tcp://plc:4840')]);
    expect(opcuaDissector.pduLength?.(hel)).toBe(hel.length);
    expect(opcuaDissector.pduLength?.(hel.subarray(0, 5))).toBe(0);
    expect(opcuaDissector.pduLength?.(Uint8Array.of(0x47, 0x45, 0x54))).toBe(-1);
    expect(opcuaDissector.pduLength?.(message('MSG', 'X', []))).toBe(-1);
    expect(opcuaDissector.pduLength?.(Uint8Array.from([...ascii('MSGF'), ...u32(4)]))).toBe(-1);
    expect(opcuaDissector.probe(hel)).toBe(true);
    expect(opcuaDissector.probe(Uint8Array.from(ascii('GET / HTTP/1.1')))).toBe(false);
  });

  it('pairs Hello with Acknowledge and reports ERR against the last request', () => {
    const s = session();
    const hel = s.send(message('HEL', 'F', [...u32(0), ...u32(65535), ...u32(65535), ...u32(0), ...u32(0), ...str('opc.tcp://plc:4840')]));
    expect(values(hel, 'opcua.transport.endpoint')).toEqual(['opc.tcp://plc:4840']);
    expect(hel.operations).toEqual([{ operation: 'session', name: 'Hello', target: 'opc.tcp://plc:4840', pairKey: 'hello' }]);
    expect(s.send(message('ACK', 'F', [...u32(0), ...u32(65535), ...u32(65535), ...u32(0), ...u32(0)]), false).outcomes).toEqual([['hello', { result: 'ok' }]]);
    s.send(msg(3, 631, [...requestHeader, ...new Array<number>(8).fill(0), ...u32(0), ...u32(0)]));
    const err = s.send(message('ERR', 'F', [...u32(0x807e0000), ...str('bad type')]), false);
    expect(err.outcomes).toEqual([['r3', { result: 'error', detail: 'BadTcpMessageTypeInvalid (0x807e0000): bad type' }]]);
  });

  it('decodes Read and Write targets and values, and service results', () => {
    const s = session();
    const read = s.send(
      msg(4, 631, [...requestHeader, ...new Array<number>(8).fill(0), ...u32(0), ...u32(2), ...stringNode(2, 'Temp'), ...u32(13), ...str(null), 0, 0, ...str(null), 0x01, 0x00, 0x55, 0x08, ...u32(3), ...str(null), 0, 0, ...str(null)]),
    );
    expect(values(read, 'opcua.servicenodeid.numeric')).toEqual([631]);
    expect(values(read, 'opcua.RequestHandle')).toEqual([9]);
    expect(read.operations).toEqual([{ operation: 'read', name: 'Read', code: 631, target: 'ns=2;s=Temp, i=2133.BrowseName', pairKey: 'r4' }]);
    const bad = s.send(msg(4, 634, [...responseHeader(0x80340000), ...u32(0), ...u32(0)]), false);
    expect(bad.outcomes).toEqual([['r4', { result: 'error', detail: 'BadNodeIdUnknown (0x80340000)' }]]);

    const double = [0, 0, 0, 0, 0, 0x80, 0x35, 0x40]; // 21.5 little-endian
    const write = s.send(msg(5, 673, [...requestHeader, ...u32(1), ...stringNode(2, 'Setpoint'), ...u32(13), ...str(null), 0x01, 11, ...double]));
    expect(write.operations).toEqual([{ operation: 'write', name: 'Write', code: 673, target: 'ns=2;s=Setpoint', values: '21.5', pairKey: 'r5' }]);
    expect(s.send(msg(5, 676, [...responseHeader(0), ...u32(1), ...u32(0), ...u32(0)]), false).outcomes).toEqual([['r5', { result: 'ok' }]]);
  });

  it('joins intermediate chunks before decoding the service', () => {
    const s = session();
    const body = [...requestHeader, ...u32(1), ...stringNode(1, 'Valve'), ...u32(13), ...str(null), 0x01, 1, 1];
    const whole = msg(6, 673, body);
    const serviceBody = Array.from(whole.subarray(24));
    const first = message('MSG', 'C', [...u32(7), ...u32(1), ...u32(60), ...u32(6), ...serviceBody.slice(0, 10)]);
    const last = message('MSG', 'F', [...u32(7), ...u32(1), ...u32(61), ...u32(6), ...serviceBody.slice(10)]);
    expect(s.send(first).operations).toEqual([]);
    expect(s.state.chunks.size).toBe(1);
    expect(s.send(last).operations[0]).toMatchObject({ name: 'Write', target: 'ns=1;s=Valve', values: 'true' });
    expect(s.state.chunks.size).toBe(0);
  });

  it('reads the adversarial capture without looping and finds the server identity', async () => {
    const sink = new RecordingSink();
    const summary = await analyzeCaptureFile(capture, sink, { dissectors: [opcuaDissector], cotpDissectors: [] });
    expect(summary.pdus.opcua).toBe(24);
    expect(sink.operations.map((o) => o.op.name)).toEqual([
      'Hello', 'OpenSecureChannel', 'GetEndpoints', 'CreateSession', 'ActivateSession', 'Call',
      'Hello', 'OpenSecureChannel', 'GetEndpoints', 'CreateSession', 'ActivateSession', 'Call',
    ]);
    // Both Call requests are broken on purpose (a huge method id, an unknown NodeId encoding).
    expect(sink.malformedReports.map((m) => m.frame)).toEqual([42, 84]);
    expect(sink.outcomes.filter((o) => o.outcome.result === 'error').map((o) => o.outcome.detail)).toEqual([
      'BadInternalError (0x80020000)',
      'BadDecodingError (0x80070000)',
    ]);
    const server = sink.identities.filter((i) => i.conversation.server.port === 12001 && !i.fromClient).map((i) => `${i.fact.attribute}=${i.fact.value}`);
    expect(new Set(server)).toEqual(new Set(['application-uri=http://vm-xp-steven/UA StackTest Server (AnsiC/2048)', 'name=UA StackTest Server (AnsiC/2048)']));
  });

  it('agrees with tshark on the shared capture when tshark is told the port', async () => {
    const tshark = await promisify(execFile)('tshark', ['-v']).then(() => true, () => false);
    if (!tshark) return;
    const args = ['-r', capture, '-n', '-d', 'tcp.port==12001,opcua', '-Y', 'opcua', '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=\u001f', '-e', 'frame.number'];
    for (const f of opcuaOracleSpec.fields) args.push('-e', f);
    const { stdout } = await promisify(execFile)('tshark', args, { maxBuffer: 64 << 20 });
    const theirs = new Map<number, Map<string, string[]>>();
    for (const line of stdout.split('\n')) {
      if (!line) continue;
      const columns = line.split('\t');
      const fields = new Map<string, string[]>();
      opcuaOracleSpec.fields.forEach((f, i) => {
        const text = columns[i + 1] ?? '';
        if (text !== '') fields.set(f, text.split('\u001f'));
      });
      theirs.set(Number(columns[0]), fields);
    }
    const ours = (await ourFields(capture, [opcuaOracleSpec])).get('opcua') ?? new Map();
    const result = compareFields(capture, { ...opcuaOracleSpec, exceptions: [] }, ours, theirs);
    expect(result.disagreements).toEqual([]);
    expect(result.agreed).toBeGreaterThan(200);
  });

  it('survives truncations, mutations and random bytes', () => {
    const samples = [
      message('HEL', 'F', [...u32(0), ...u32(65535), ...u32(65535), ...u32(0), ...u32(0), ...str('opc.tcp://plc:4840')]),
      msg(1, 673, [...requestHeader, ...u32(1), ...stringNode(2, 'Setpoint'), ...u32(13), ...str(null), 0x01, 0x98, ...u32(2), 24, 11, 0, 0, 0, 0, 0, 0, 0, 0, 23, 1, 6, 1, 0, 0, 0]),
      msg(2, 712, [...requestHeader, ...u32(1), 0x01, 0, 0x56, 0x01, 0x03, 0xff, 0x7f, ...u32(0x7fffffff)]),
      msg(3, 431, [...responseHeader(0), ...u32(1), ...str('opc.tcp://x'), ...str('urn:x'), ...str(null), 0x02, ...str('X'), ...u32(0), ...str(null), ...str(null), ...u32(0)]),
      message('MSG', 'C', [...u32(7), ...u32(1), ...u32(60), ...u32(9), 1, 2, 3]),
    ];
    expect(fuzz(opcuaDissector, samples)).toBeGreaterThan(0);
  });
});
