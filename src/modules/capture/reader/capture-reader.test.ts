import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from './capture-reader.js';
import { writePcap, writePcapng, type PacketToWrite } from './capture-writer.js';
import { readCapture } from './read-capture.js';
import { NON_PACKET_RECORD, type PacketRecordHandler } from './types.js';

const pcapRoot = fileURLToPath(new URL('../../../../../shared/data/pcaps/', import.meta.url));

interface Seen {
  readonly frame: number;
  readonly bytes: number[];
  readonly originalLength: number;
  readonly time: number;
  readonly linkType: number;
}

function collector(): { handler: PacketRecordHandler; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    handler: {
      packet(frame, data, offset, capturedLength, originalLength, time, linkType) {
        seen.push({ frame, bytes: [...data.subarray(offset, offset + capturedLength)], originalLength, time, linkType });
      },
    },
  };
}

/** Reads a whole buffer fed in chunks of `chunk` bytes. */
function readAll(bytes: Uint8Array, chunk = bytes.length || 1): { reader: CaptureReader; seen: Seen[] } {
  const { handler, seen } = collector();
  const reader = new CaptureReader(handler);
  for (let p = 0; p < bytes.length; p += chunk) reader.feed(bytes.subarray(p, p + chunk));
  reader.end();
  return { reader, seen };
}

const packets: PacketToWrite[] = [
  { data: Uint8Array.from([1, 2, 3, 4, 5]), time: 1_700_000_000_123_456 },
  { data: Uint8Array.from({ length: 60 }, (_, i) => i), time: 1_700_000_001_000_001, originalLength: 1514 },
  { data: new Uint8Array(0), time: 1_700_000_002_999_999 },
  { data: Uint8Array.from({ length: 1500 }, (_, i) => i & 0xff), time: 1_700_000_003_000_000 },
];

function expectPackets(seen: readonly Seen[], linkType = 1): void {
  expect(seen.map((s) => s.frame)).toEqual(packets.map((_, i) => i + 1));
  seen.forEach((s, i) => {
    const p = packets[i]!;
    expect(s.bytes).toEqual([...p.data]);
    expect(s.time).toBe(p.time);
    expect(s.originalLength).toBe(p.originalLength ?? p.data.length);
    expect(s.linkType).toBe(linkType);
  });
}

function listCaptures(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listCaptures(path) : [path];
    })
    .filter((p) => /\.(pcap|pcapng)$/.test(p));
}

function available(tool: string): boolean {
  try {
    execFileSync(tool, ['-h'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const capinfosAvailable = (): boolean => available('capinfos');
const tsharkAvailable = (): boolean => available('tshark');

describe('pcap', () => {
  for (const bigEndian of [false, true]) {
    for (const nanosecond of [false, true]) {
      it(`reads ${bigEndian ? 'big' : 'little'}-endian ${nanosecond ? 'nanosecond' : 'microsecond'} files`, () => {
        const file = writePcap(packets, { bigEndian, nanosecond, linkType: 113 });
        const { reader, seen } = readAll(file);
        expect(reader.error).toBeUndefined();
        expect(reader.format).toBe('pcap');
        expectPackets(seen, 113);
        expect(reader.frames).toBe(4);
        expect(reader.bytes).toBe(5 + 60 + 0 + 1500);
        expect(reader.firstTime).toBe(packets[0]!.time);
        expect(reader.lastTime).toBe(packets[3]!.time);
      });
    }
  }

  it('gives the same records whatever the chunk size', () => {
    const file = writePcap(packets);
    for (const chunk of [1, 2, 3, 7, 16, 17, 23, 24, 25, 100, 1000]) {
      const { reader, seen } = readAll(file, chunk);
      expect(reader.error, `chunk ${chunk}`).toBeUndefined();
      expectPackets(seen);
    }
  });

  it('keeps the link type bits that are not FCS information', () => {
    const file = writePcap(packets.slice(0, 1), { linkType: 0x10000000 | 101 });
    expect(readAll(file).seen[0]!.linkType).toBe(101);
  });

  it('refuses a link type the consumer does not support', () => {
    const reader = new CaptureReader(collector().handler, { isSupportedLinkType: (t) => t === 1 });
    reader.feed(writePcap(packets, { linkType: 127 }));
    reader.end();
    expect(reader.error).toMatchObject({ code: 'unsupported-link-type', frame: 1 });
    expect(reader.frames).toBe(0);
  });
});

describe('pcapng', () => {
  it('reads several sections in different byte orders, interfaces with their own link type and resolution', () => {
    const t = 1_700_000_000_123_456;
    const file = writePcapng([
      {
        interfaces: [{ linkType: 1 }, { linkType: 113, tsresol: 9 }],
        items: [
          { interface: 0, data: Uint8Array.of(1), time: t },
          { blockType: 5, body: new Uint8Array(24) }, // interface statistics: skipped
          { interface: 1, data: Uint8Array.of(2, 2), time: t + 1 },
          { blockType: 0x0bee, body: new Uint8Array(3) }, // unknown block: skipped
          { interface: 0, data: Uint8Array.of(3, 3, 3), time: t + 2, obsolete: true },
        ],
      },
      {
        bigEndian: true,
        interfaces: [{ linkType: 101, tsresol: 3, snapLength: 2 }, { linkType: 276, tsresol: 0x80 | 20 }, { linkType: 1, tsoffset: 1000 }],
        items: [
          { interface: 1, data: Uint8Array.of(4), time: t + 3 },
          { interface: 0, data: Uint8Array.of(5), time: 1_700_000_000_123_000 },
          { interface: 2, data: Uint8Array.of(6), time: t + 5 },
          { simple: true, data: Uint8Array.of(7, 7), originalLength: 9 },
        ],
      },
    ]);
    for (const chunk of [file.length, 1, 5, 13]) {
      const { reader, seen } = readAll(file, chunk);
      expect(reader.error).toBeUndefined();
      expect(reader.format).toBe('pcapng');
      expect(seen.map((s) => [s.frame, s.linkType, s.bytes.length, s.originalLength])).toEqual([
        [1, 1, 1, 1],
        [2, 113, 2, 2],
        [3, 1, 3, 3],
        [4, 276, 1, 1],
        [5, 101, 1, 1],
        [6, 1, 1, 1],
        [7, 101, 2, 9],
      ]);
      // Binary resolution 2^-20 s rounds down to the microsecond below at most.
      expect(seen.map((s) => s.time)).toEqual([t, t + 1, t + 2, seen[3]!.time, 1_700_000_000_123_000, t + 5, t + 5]);
      expect(Math.abs(seen[3]!.time - (t + 3))).toBeLessThanOrEqual(1);
    }
  });

  it('skips a large unknown block without buffering it', () => {
    const file = writePcapng([
      {
        interfaces: [{ linkType: 1 }],
        items: [
          { interface: 0, data: Uint8Array.of(1), time: 1 },
          { blockType: 0x40000bee, body: new Uint8Array(3 * 1024 * 1024) },
          { interface: 0, data: Uint8Array.of(2), time: 2 },
        ],
      },
    ]);
    const { reader, seen } = readAll(file, 64 * 1024);
    expect(reader.error).toBeUndefined();
    expect(seen.map((s) => s.bytes)).toEqual([[1], [2]]);
  });
});

describe('records that are not packets', () => {
  const file = writePcapng([
    {
      interfaces: [{ linkType: 1 }],
      items: [
        { interface: 0, data: new Uint8Array(60), time: 1 },
        { blockType: 0x0bad, body: Uint8Array.of(0, 0, 0, 0x7b, 1, 2, 3, 4) }, // custom block
        { blockType: 4, body: new Uint8Array(4) }, // name resolution: not a frame
        { blockType: 9, body: new TextEncoder().encode('__REALTIME_TIMESTAMP=1000000\nMESSAGE=hello\n') }, // systemd journal
        { blockType: 5, body: new Uint8Array(12) }, // interface statistics: not a frame
        { interface: 0, data: new Uint8Array(60), time: 2 },
      ],
    },
  ]);

  it('numbers custom and journal blocks as frames, as Wireshark does', () => {
    const { reader, seen } = readAll(file, 7);
    expect(reader.error).toBeUndefined();
    expect(seen.map((s) => [s.frame, s.linkType, s.bytes.length])).toEqual([
      [1, 1, 60],
      [2, NON_PACKET_RECORD, 0],
      [3, NON_PACKET_RECORD, 0],
      [4, 1, 60],
    ]);
  });

  it.skipIf(!tsharkAvailable())('agrees with tshark on the frame numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-reader-'));
    try {
      const path = join(dir, 'records.pcapng');
      writeFileSync(path, file);
      const out = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.len'], { stdio: ['ignore', 'pipe', 'ignore'] });
      expect(out.toString().trim().split('\n').map((l) => Number(l.split('\t')[0]))).toEqual([1, 2, 3, 4]);
      expect(out.toString().trim().split('\n').map((l) => Number(l.split('\t')[1]))[3]).toBe(60);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('damaged input', () => {
  const pcap = writePcap(packets);
  const pcapng = writePcapng([{ interfaces: [{ linkType: 1 }], items: packets.map((p) => ({ interface: 0, ...p })) }]);

  function recordEnds(file: Uint8Array, ng: boolean): number[] {
    // Offsets where each record ends: a cut there loses nothing.
    const ends: number[] = [];
    let o = ng ? 28 + 20 : 24;
    for (const p of packets) {
      o += ng ? 32 + Math.ceil(p.data.length / 4) * 4 : 16 + p.data.length;
      ends.push(o);
    }
    expect(o).toBe(file.length);
    return ends;
  }

  for (const [name, file, ng] of [['pcap', pcap, false], ['pcapng', pcapng, true]] as const) {
    it(`${name} cut at every offset: no throw, earlier frames kept, error 'truncated'`, () => {
      const ends = recordEnds(file, ng);
      for (let cut = 1; cut < file.length; cut += cut < 200 ? 1 : 37) {
        for (const chunk of [cut, 11]) {
          const { reader, seen } = readAll(file.subarray(0, cut), chunk);
          const complete = ends.filter((e) => e <= cut).length;
          expect(seen.length, `cut ${cut}`).toBe(complete);
          if (ends.includes(cut) || (ng ? [28, 48] : [24]).includes(cut)) expect(reader.error, `cut ${cut}`).toBeUndefined();
          else expect(reader.error, `cut ${cut}`).toEqual({ code: 'truncated', message: expect.any(String), frame: complete + 1 });
        }
      }
    });
  }

  it('reports an empty input and a wrong magic number', () => {
    expect(readAll(new Uint8Array(0)).reader.error).toMatchObject({ code: 'bad-magic', frame: 1 });
    const { reader } = readAll(new TextEncoder().encode('this is not a capture file at all'));
    expect(reader.error).toMatchObject({ code: 'bad-magic', frame: 1 });
    expect(reader.error?.message).toContain('74686973');
  });

  it('refuses a pcap record longer than 256 KiB, keeping the records before it', () => {
    const file = writePcap([...packets, { data: new Uint8Array(300 * 1024) }, ...packets]);
    const { reader, seen } = readAll(file, 4096);
    expect(seen).toHaveLength(4);
    expect(reader.error).toMatchObject({ code: 'bad-record', frame: 5 });
    expect(reader.error?.message).toContain('307200');
  });

  it('refuses pcapng blocks with impossible lengths, keeping the packets before them', () => {
    const good = writePcapng([{ interfaces: [{ linkType: 1 }], items: [{ interface: 0, data: Uint8Array.of(1, 2, 3, 4) }] }]);
    const damaged = (edit: (b: Uint8Array, dv: DataView) => void): CaptureReader => {
      const twice = new Uint8Array(good.length + 36);
      twice.set(good);
      twice.set(good.subarray(good.length - 36), good.length); // a second EPB
      edit(twice, new DataView(twice.buffer));
      const { reader, seen } = readAll(twice);
      expect(seen).toHaveLength(1);
      return reader;
    };
    const second = good.length;
    expect(damaged((_, dv) => dv.setUint32(second + 4, 38, true)).error).toMatchObject({ code: 'bad-record', frame: 2 });
    expect(damaged((_, dv) => dv.setUint32(second + 4, 8, true)).error).toMatchObject({ code: 'bad-record' });
    expect(damaged((_, dv) => dv.setUint32(second + 32, 40, true)).error?.message).toContain('trailing length');
    expect(damaged((_, dv) => dv.setUint32(second + 8, 3, true)).error?.message).toContain('unknown interface 3');
    expect(damaged((_, dv) => dv.setUint32(second + 20, 1_000_000, true)).error).toMatchObject({ code: 'bad-record' });
    expect(damaged((_, dv) => dv.setUint32(second + 4, 64 * 1024 * 1024, true)).error).toMatchObject({ code: 'bad-record' });
  });

  it('refuses a pcapng whose first block is not a section header with a byte-order magic', () => {
    const file = writePcapng([{ interfaces: [], items: [] }]);
    file[8] = 0;
    expect(readAll(file).reader.error).toMatchObject({ code: 'bad-magic' });
  });
});

describe('mutated files', () => {
  it('never throw, whatever bytes are changed', () => {
    const files = [
      writePcap(packets),
      writePcap(packets, { bigEndian: true, nanosecond: true }),
      writePcapng([
        { interfaces: [{ linkType: 1, tsresol: 9 }], items: packets.map((p) => ({ interface: 0, ...p })) },
        { bigEndian: true, interfaces: [{ linkType: 113 }], items: [{ simple: true, data: Uint8Array.of(1, 2, 3) }] },
      ]),
    ];
    let seed = 3;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let i = 0; i < 3000; i++) {
      const file = files[i % files.length]!.slice();
      for (let f = random(8) + 1; f > 0; f--) file[random(file.length)] = random(256);
      const { reader, seen } = readAll(file, random(2) === 0 ? file.length : random(64) + 1);
      expect(seen.length).toBe(reader.frames);
      expect(seen.every((r, j) => r.frame === j + 1)).toBe(true);
    }
  });
});

describe('readCapture (async driver)', () => {
  it('reads a stream in small chunks', async () => {
    const file = writePcap(packets);
    const { handler, seen } = collector();
    const reader = new CaptureReader(handler);
    await readCapture(Readable.from([file.subarray(0, 1), file.subarray(1, 30), file.subarray(30)]), reader);
    expect(reader.error).toBeUndefined();
    expectPackets(seen);
  });

  it('decompresses gzip input on the fly', async () => {
    const file = writePcapng([{ interfaces: [{ linkType: 1 }], items: packets.map((p) => ({ interface: 0, ...p })) }]);
    const gz = gzipSync(file);
    const { handler, seen } = collector();
    const reader = new CaptureReader(handler);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield gz.subarray(0, 1);
      for (let p = 1; p < gz.length; p += 100) yield gz.subarray(p, p + 100);
    }
    await readCapture(chunks(), reader);
    expect(reader.error).toBeUndefined();
    expectPackets(seen);
  });

  it('reports damaged gzip data and keeps what was decompressed before it', async () => {
    let seed = 1;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const many = Array.from({ length: 2000 }, (_, i) => ({ data: Uint8Array.from({ length: 200 }, random), time: i }));
    const gz = gzipSync(writePcap(many));
    const { handler, seen } = collector();
    const reader = new CaptureReader(handler);
    await readCapture(Readable.from([gz.subarray(0, gz.length - 5000)]), reader);
    expect(reader.error).toMatchObject({ code: 'decompress' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(2000);
    expect(seen.every((s, i) => s.frame === i + 1)).toBe(true);
  });

  it('throws I/O errors of the input itself', async () => {
    const reader = new CaptureReader(collector().handler);
    await expect(readCapture(createReadStream('/nonexistent/capture.pcap'), reader)).rejects.toThrow(/ENOENT/);
  });
});

describe.skipIf(!existsSync(pcapRoot) || !capinfosAvailable())('shared captures', () => {
  it('reads as many frames as capinfos counts in every capture', async () => {
    const captures = listCaptures(pcapRoot);
    const table = execFileSync('capinfos', ['-T', '-r', '-c', '-M', ...captures], { maxBuffer: 1 << 24 }).toString();
    const expected = new Map(
      table
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
        .map(([path, count]) => [path!, Number(count)] as const),
    );
    expect(captures.length).toBeGreaterThan(50);
    for (const path of captures) {
      let frames = 0;
      let last = 0;
      const reader = new CaptureReader({
        packet(frame) {
          frames++;
          last = frame;
        },
      });
      await readCapture(createReadStream(path, { highWaterMark: 64 * 1024 }), reader);
      expect(reader.error, path).toBeUndefined();
      expect(frames, path).toBe(expected.get(path));
      expect(last, path).toBe(frames);
    }
  });
});
