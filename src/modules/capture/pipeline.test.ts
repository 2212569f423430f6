import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACK, PSH, SYN, tcpFrame } from './decode/frame-builder.js';
import { RecordingSink } from './decode/recording-sink.js';
import { cotpFake, lengthPrefixed, prefixed, silentSink } from './decode/test-dissectors.js';
import type { CotpPayloadDissector, Dissector, ProtocolId } from './dissectors/types.js';
import { analyzeCapture, analyzeCaptureFile } from './pipeline.js';
import { writePcap } from './reader/capture-writer.js';
import type { FrameInfo } from './types.js';

const run = promisify(execFile);
const pcaps = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));

async function tsharkAvailable(): Promise<boolean> {
  try {
    await run('tshark', ['-v']);
    return true;
  } catch {
    return false;
  }
}
const haveTshark = existsSync(pcaps) && (await tsharkAvailable());

/** Frame number → how many PDUs a dissector saw completed in it. */
type PerFrame = Map<number, number>;

function counting(protocol: ProtocolId, perFrame: PerFrame, pduLength: (b: Uint8Array) => number, ports: number[]): Dissector<null> {
  return {
    protocol,
    transport: 'tcp',
    ports,
    probe: () => false,
    pduLength,
    createState: () => null,
    dissect: (_pdu, ctx) => void perFrame.set(ctx.frame, (perFrame.get(ctx.frame) ?? 0) + 1),
  };
}

function countingCotp(protocol: ProtocolId, first: number, perFrame: PerFrame): CotpPayloadDissector<null> {
  return {
    protocol,
    probe: (b) => b[0] === first,
    createState: () => null,
    dissect: (_pdu, ctx) => void perFrame.set(ctx.frame, (perFrame.get(ctx.frame) ?? 0) + 1),
  };
}

/** Modbus/TCP framing: 7-byte MBAP header, length field at bytes 4-5 counts from byte 6. */
const mbapLength = (b: Uint8Array): number => (b.length < 6 ? 0 : 6 + ((b[4]! << 8) | b[5]!));

/** tshark's count of a field's occurrences per frame. */
async function tsharkPerFrame(capture: string, filter: string, field: string, onePerFrame = false): Promise<PerFrame> {
  const { stdout } = await run('tshark', ['-r', capture, '-n', '-Y', filter, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', '-e', 'frame.number', '-e', field], {
    maxBuffer: 1 << 28,
  });
  const out: PerFrame = new Map();
  for (const line of stdout.split('\n')) {
    const [frame, values] = line.split('\t');
    if (frame === undefined || frame === '' || values === undefined || values === '') continue;
    out.set(Number(frame), onePerFrame ? 1 : values.split(',').length);
  }
  return out;
}

function differences(ours: PerFrame, theirs: PerFrame): string[] {
  const frames = [...new Set([...ours.keys(), ...theirs.keys()])].sort((a, b) => a - b);
  return frames.filter((f) => ours.get(f) !== theirs.get(f)).map((f) => `frame ${f}: ours ${ours.get(f) ?? 0}, tshark ${theirs.get(f) ?? 0}`);
}

const quietSink = silentSink();

describe.skipIf(!haveTshark)('TCP reassembly against tshark on the shared captures', () => {
  // Frames where tshark drops a whole segment as a retransmission although it also carries new
  // bytes past the original: we dissect those new bytes.
  const retransmissionsWithNewData: Record<string, number[]> = { 'mb2.pcap': [1131, 13176] };

  it.each(['ModbusTCP.pcap', 'mb2.pcap', 'modbus_test.pcap', 'modbus_test_2.pcap', 'modbusSmall.pcap', 'modbus_test_data_part1.pcap', 'modbus_test_data_part2.pcap'])(
    'Modbus/TCP PDUs per frame agree on %s',
    async (name) => {
      const capture = join(pcaps, 'modbus', name);
      const ours: PerFrame = new Map();
      const summary = await analyzeCaptureFile(capture, quietSink, { dissectors: [counting('modbus', ours, mbapLength, [502])], cotpDissectors: [] });
      const theirs = await tsharkPerFrame(capture, 'mbtcp', 'mbtcp.trans_id');
      for (const frame of retransmissionsWithNewData[name] ?? []) ours.delete(frame);
      expect(differences(ours, theirs)).toEqual([]);
      expect(summary.pdus.modbus).toBeGreaterThan(0);
      expect(summary.error).toBeUndefined();
    },
  );

  it.each([
    's7/s7comm_reading_plc_status.pcap',
    's7/s7comm_varservice_libnodavedemo_bench.pcap',
    's7/step7_s300_download.pcapng',
    's7/tia_s300_goOnline.pcapng',
    's7/wincc_s300_setup-alarm-read_2.pcapng',
    's7/wincc_s400_production.pcapng',
    'iec61850/8d7c7db0-9804-012b-b2a6-0016cb8cea27.pcap',
    'iec61850/piccolo.pcap',
  ])('TPKT/COTP user data per frame agrees on %s', async (name) => {
    const capture = join(pcaps, name);
    const s7: PerFrame = new Map();
    const mms: PerFrame = new Map();
    await analyzeCaptureFile(capture, quietSink, { dissectors: [], cotpDissectors: [countingCotp('s7comm', 0x32, s7), countingCotp('mms', 0x0d, mms)] });
    expect(differences(s7, await tsharkPerFrame(capture, 's7comm', 's7comm.header.rosctr'))).toEqual([]);
    // One ISO session unit per COTP user data, however many SPDUs tshark lists in it.
    expect(differences(mms, await tsharkPerFrame(capture, 'ses', 'ses.type', true))).toEqual([]);
  });
});

describe('analyzeCapture', () => {
  const C = '10.0.0.1';
  const S = '10.0.0.2';
  const conversation = [
    tcpFrame(C, S, { sport: 40000, dport: 502, seq: 0, flags: SYN }),
    tcpFrame(S, C, { sport: 502, dport: 40000, seq: 100, ack: 1, flags: SYN | ACK }),
    tcpFrame(C, S, { sport: 40000, dport: 502, seq: 1, ack: 101, flags: ACK | PSH, payload: Uint8Array.from([...prefixed(1, 1), ...prefixed(2)]) }),
    tcpFrame(S, C, { sport: 502, dport: 40000, seq: 101, ack: 8, flags: ACK | PSH, payload: Uint8Array.from(prefixed(9)) }),
  ];
  const file = writePcap(conversation.map((data, i) => ({ data, time: 1_600_000_000_000_000 + i * 1000 })));

  it('reports operations, outcomes, identity facts and malformed PDUs with their position', async () => {
    const chatty: Dissector<{ seen: number }> = {
      protocol: 'modbus',
      transport: 'tcp',
      ports: [502],
      probe: () => false,
      pduLength: (b) => (b.length < 2 ? 0 : 2 + b[1]!),
      createState: () => ({ seen: 0 }),
      dissect(pdu, ctx, sink) {
        ctx.state.seen++;
        if (ctx.toServer) sink.operation({ operation: 'read', name: `read ${pdu[2]}`, pairKey: String(ctx.state.seen) });
        else sink.outcome('1', { result: 'ok' });
        if (pdu[2] === 9) sink.identity({ subject: 'source', attribute: 'vendor', value: 'ACME', confidence: 0.9 });
        if (pdu[2] === 2) sink.malformed('byte 2: odd value');
      },
    };
    const sink = new RecordingSink(false);
    const summary = await analyzeCapture(Readable.from([file]), sink, { dissectors: [chatty] });
    expect(summary).toEqual({
      format: 'pcap',
      frames: 4,
      bytes: conversation.reduce((n, f) => n + f.length, 0),
      firstTime: 1_600_000_000_000_000,
      lastTime: 1_600_000_000_003_000,
      pdus: { modbus: 3 },
      malformed: 1,
    });
    const conv = sink.frames[0]!.conversation!;
    expect(sink.operations.map((o) => [o.frame, o.op.name, o.fromClient, o.conversation === conv, o.time])).toEqual([
      [3, 'read 1', true, true, 1_600_000_000_002_000],
      [3, 'read 2', true, true, 1_600_000_000_002_000],
    ]);
    expect(sink.outcomes).toMatchObject([{ frame: 4, pairKey: '1', fromClient: false, protocol: 'modbus' }]);
    expect(sink.identities).toMatchObject([{ frame: 4, fact: { value: 'ACME' } }]);
    expect(sink.malformedReports).toEqual([{ frame: 3, layer: 'modbus', reason: 'byte 2: odd value' }]);
  });

  it('calls sink.frame once per frame, in order, and keeps going after a broken dissector', async () => {
    const frames: FrameInfo[] = [];
    const broken: Dissector = {
      protocol: 'modbus',
      transport: 'tcp',
      ports: [502],
      probe: () => {
        throw new Error('probe');
      },
      pduLength: () => {
        throw new Error('pduLength');
      },
      createState: () => {
        throw new Error('createState');
      },
      dissect: () => {
        throw new Error('dissect');
      },
    };
    const sink = new RecordingSink();
    const summary = await analyzeCapture(Readable.from([file]), { ...quietSink, frame: (f) => frames.push(f), malformed: sink.malformed.bind(sink) }, { dissectors: [broken] });
    expect(frames.map((f) => f.frame)).toEqual([1, 2, 3, 4]);
    expect(summary.frames).toBe(4);
    expect(sink.malformedReports.map((m) => m.reason)).toEqual([
      'dissector error in createState: createState',
      'dissector error in pduLength: pduLength',
      expect.stringContaining('cannot frame'),
      'dissector error in pduLength: pduLength',
      expect.stringContaining('cannot frame'),
    ]);
  });

  it('reads gzip-compressed captures and keeps the frames before a truncation', async () => {
    const fake = lengthPrefixed('modbus', { ports: [502] });
    const plain = await analyzeCapture(Readable.from([file]), new RecordingSink(), { dissectors: [fake] });
    const gz = await analyzeCapture(Readable.from([gzipSync(file)]), new RecordingSink(), { dissectors: [fake] });
    expect(gz).toEqual(plain);
    const cut = await analyzeCapture(Readable.from([file.subarray(0, file.length - 3)]), new RecordingSink(), { dissectors: [fake] });
    expect(cut).toMatchObject({ frames: 3, error: { code: 'truncated', frame: 4 } });
    const bad = await analyzeCapture(Readable.from([Buffer.from('GET / HTTP/1.1\r\n\r\n')]), new RecordingSink());
    expect(bad).toMatchObject({ frames: 0, error: { code: 'bad-magic', frame: 1 } });
  });

  it.skipIf(!existsSync(pcaps))('analyzes a capture file with the registered dissectors by default', async () => {
    const capture = join(pcaps, 'modbus', 'modbus_test_data_part2.pcap');
    const frames: number[] = [];
    const summary = await analyzeCaptureFile(capture, { ...quietSink, frame: (f) => frames.push(f.frame) });
    expect(summary.frames).toBe(350);
    expect(frames).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
    const viaStream = await analyzeCapture(createReadStream(capture, { highWaterMark: 1000 }), quietSink);
    expect(viaStream).toEqual(summary);
    expect(readFileSync(capture).length).toBeGreaterThan(0);
  });

  it('rejects when the file cannot be read', async () => {
    await expect(analyzeCaptureFile('/nonexistent/x.pcap', quietSink)).rejects.toThrow(/ENOENT/);
  });

  it('uses the COTP payload dissectors given', async () => {
    const frame = tcpFrame(C, S, { sport: 40000, dport: 102, seq: 1, ack: 1, payload: Uint8Array.of(3, 0, 0, 9, 2, 0xf0, 0x80, 0x32, 1) });
    const sink = new RecordingSink();
    const summary = await analyzeCapture(Readable.from([writePcap([{ data: frame }])]), sink, { cotpDissectors: [cotpFake('s7comm', 0x32)] });
    expect(summary.pdus).toEqual({ s7comm: 1 });
    expect(sink.values('pdu')).toEqual(['3201']);
  });
});
