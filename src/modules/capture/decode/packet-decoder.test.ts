import { describe, expect, it } from 'vitest';
import { concat } from '../reader/byte-builder.js';
import type { CaptureSink, FrameInfo } from '../types.js';
import { formatIpv4, formatIpv6, formatMac } from './addresses.js';
import {
  ACK,
  ethernet,
  ipv4,
  ipv6,
  ipv6Bytes,
  sll,
  sll2,
  SYN,
  tcp,
  udp,
  udpFrame,
} from './frame-builder.js';
import { PacketDecoder } from './packet-decoder.js';
import { analyzePackets, lengthPrefixed, prefixed, silentSink } from './test-dissectors.js';

const udpFake = lengthPrefixed('dnp3', { transport: 'udp', ports: [20000] });
const payload = Uint8Array.from(prefixed(1, 2, 3));

function ip4udp(src: string, dst: string, sport: number, dport: number, data = payload): Uint8Array {
  return ipv4({ src, dst, protocol: 17, payload: udp(sport, dport, data) });
}

describe('link layers', () => {
  it('reads Ethernet with 802.1Q, QinQ (0x88a8, 0x9100) tags and keeps the innermost VLAN', () => {
    const ip = ip4udp('192.168.1.10', '192.168.1.20', 40000, 20000);
    const { sink } = analyzePackets(
      [
        ethernet('00:1D:9C:C8:03:E7', 'AA:BB:CC:00:00:01', 0x0800, ip, [{ id: 100 }]),
        ethernet('00:1d:9c:c8:03:e7', 'aa:bb:cc:00:00:01', 0x0800, ip, [{ tpid: 0x88a8, id: 7 }, { id: 200 }]),
        ethernet('00:1d:9c:c8:03:e7', 'aa:bb:cc:00:00:01', 0x0800, ip, [{ tpid: 0x9100, id: 8 }, { id: 300, priority: 5 }]),
      ],
      { dissectors: [udpFake] },
    );
    const conv = sink.frames[0]!.conversation;
    expect(conv).toEqual({
      id: conv!.id,
      transport: 'udp',
      client: { mac: 'aa:bb:cc:00:00:01', ip: '192.168.1.10', port: 40000 },
      server: { mac: '00:1d:9c:c8:03:e7', ip: '192.168.1.20', port: 20000 },
      vlan: 100,
      protocol: 'dnp3',
    });
    // One UDP conversation whatever the tags (VLAN is not part of the key); three PDUs.
    expect(sink.frames.every((f) => f.conversation === conv)).toBe(true);
    expect(sink.values('pdu')).toEqual(['0003010203', '0003010203', '0003010203']);
  });

  it('reads Linux cooked captures v1 and v2 (source MAC only)', () => {
    const ip = ip4udp('10.1.1.1', '10.1.1.2', 20000, 33000);
    for (const [linkType, frame] of [
      [113, sll(0x0800, ip, '02:00:00:00:00:AA')],
      [276, sll2(0x0800, ip, '02:00:00:00:00:AA')],
      [113, sll(0x8100, concat(Uint8Array.of(0, 42, 0x08, 0x00), ip), '02:00:00:00:00:AA')],
    ] as const) {
      const { sink } = analyzePackets([frame], { dissectors: [udpFake], linkType });
      expect(sink.frames[0]!.conversation).toMatchObject({
        client: { mac: '', ip: '10.1.1.2', port: 33000 },
        server: { mac: '02:00:00:00:00:aa', ip: '10.1.1.1', port: 20000 },
      });
      expect(sink.frames[0]!.fromClient).toBe(false);
      expect(sink.values('pdu')).toEqual(['0003010203']);
    }
  });

  it('reads raw IP (101, 228, 229) and BSD loopback (0, 108) in either byte order', () => {
    const v4 = ip4udp('10.0.0.1', '10.0.0.2', 1234, 20000);
    const v6 = ipv6({ src: 'fd00::1', dst: 'fd00::2', nextHeader: 17, payload: udp(1234, 20000, payload) });
    const cases: [number, Uint8Array][] = [
      [101, v4],
      [101, v6],
      [228, v4],
      [229, v6],
      [0, concat(Uint8Array.of(2, 0, 0, 0), v4)],
      [0, concat(Uint8Array.of(0, 0, 0, 2), v4)],
      [0, concat(Uint8Array.of(30, 0, 0, 0), v6)],
      [108, concat(Uint8Array.of(0, 0, 0, 24), v6)],
    ];
    for (const [linkType, frame] of cases) {
      const { sink, summary } = analyzePackets([frame], { dissectors: [udpFake], linkType });
      expect(summary.error, `link type ${linkType}`).toBeUndefined();
      expect(sink.frames[0]!.conversation?.client.mac, `link type ${linkType}`).toBe('');
      expect(sink.values('pdu'), `link type ${linkType}`).toEqual(['0003010203']);
    }
  });

  it('stops on a pcap whose link type it cannot decode', () => {
    const { summary } = analyzePackets([Uint8Array.of(1, 2, 3)], { linkType: 127 });
    expect(summary.error).toMatchObject({ code: 'unsupported-link-type' });
  });

  it('gives frames outside any conversation no conversation, and reports broken headers', () => {
    const arp = ethernet('ff:ff:ff:ff:ff:ff', '02:00:00:00:00:01', 0x0806, new Uint8Array(28));
    const llc = ethernet('01:80:c2:00:00:00', '02:00:00:00:00:01', 38, new Uint8Array(38));
    const icmp = ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 1, payload: new Uint8Array(8) }));
    const shortEthernet = new Uint8Array(10);
    const badIp = ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, Uint8Array.of(0x35, ...new Uint8Array(30)));
    const { sink, summary } = analyzePackets([arp, llc, icmp, shortEthernet, badIp]);
    expect(sink.frames.map((f) => f.frame)).toEqual([1, 2, 3, 4, 5]);
    // ARP is a layer-2 conversation (MAC pair and Ethernet type), the others are in none.
    expect(sink.frames[0]!.conversation).toMatchObject({ transport: 'ethernet', client: { mac: '02:00:00:00:00:01' }, server: { mac: 'ff:ff:ff:ff:ff:ff' } });
    expect(sink.frames.slice(1).map((f) => f.conversation)).toEqual([undefined, undefined, undefined, undefined]);
    expect(sink.malformedReports.map((m) => [m.frame, m.layer])).toEqual([
      [4, 'link'],
      [5, 'ip'],
    ]);
    expect(summary.malformed).toBe(2);
  });

  it('dispatches layer-2 protocols by Ethernet type after VLAN tags; the first sender is the client', () => {
    const goose = lengthPrefixed('goose', { transport: 'ethernet', etherTypes: [0x88b8], framed: false });
    const { sink } = analyzePackets(
      [
        ethernet('01:0c:cd:01:00:01', '00:50:c2:4f:9b:01', 0x88b8, Uint8Array.of(0, 1, 0, 8), [{ id: 5 }]),
        ethernet('00:50:c2:4f:9b:01', '01:0c:cd:01:00:01', 0x88b8, Uint8Array.of(0, 1, 0, 9)),
      ],
      { dissectors: [goose] },
    );
    const conv = sink.frames[0]!.conversation;
    expect(conv).toMatchObject({ transport: 'ethernet', vlan: 5, protocol: 'goose', client: { mac: '00:50:c2:4f:9b:01' }, server: { mac: '01:0c:cd:01:00:01' } });
    expect(sink.frames[1]!.conversation).toBe(conv);
    expect(sink.frames.map((f) => f.fromClient)).toEqual([true, false]);
    expect(sink.fields.filter((f) => f.name === 'pdu').map((f) => [f.frame, f.value, f.fromClient])).toEqual([
      [1, '00010008', true],
      [2, '00010009', false],
    ]);
  });
});

describe('IP', () => {
  it('reassembles IPv4 fragments (out of order) at the frame of the last one', () => {
    const data = Uint8Array.from(prefixed(...Array.from({ length: 40 }, (_, i) => i)));
    const datagram = udp(40000, 20000, data); // 8 + 42 bytes
    const frag = (offset: number, end: number, more: boolean): Uint8Array =>
      ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, id: 77, payload: datagram.subarray(offset, end), fragmentOffset: offset, moreFragments: more }));
    const { sink, summary } = analyzePackets([frag(16, 32, true), frag(32, 50, false), frag(0, 16, true)], { dissectors: [udpFake] });
    expect(sink.fields.filter((f) => f.name === 'pdu').map((f) => [f.frame, f.value])).toEqual([[3, Buffer.from(data).toString('hex')]]);
    expect(sink.frames.map((f) => f.conversation === undefined)).toEqual([true, true, false]);
    expect(summary.malformed).toBe(0);
  });

  it('drops IPv4 fragments older than the timeout', () => {
    const datagram = udp(40000, 20000, Uint8Array.from(prefixed(...new Array<number>(30).fill(1))));
    const frag = (offset: number, end: number, more: boolean, time: number) => ({
      data: ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, id: 9, payload: datagram.subarray(offset, end), fragmentOffset: offset, moreFragments: more })),
      time,
    });
    const { sink } = analyzePackets([frag(0, 16, true, 1_000_000), frag(16, 40, false, 60_000_000)], { dissectors: [udpFake] });
    expect(sink.values('pdu')).toEqual([]);
  });

  it('skips IPv6 extension headers, reassembles IPv6 fragments and writes addresses in RFC 5952 form', () => {
    const segment = tcp({ sport: 50000, dport: 5000, seq: 1, flags: ACK, ack: 1, payload: Uint8Array.from(prefixed(...new Array<number>(20).fill(7))) });
    const whole = ipv6({ src: '2001:db8:0:0:1:0:0:1', dst: '2001:0db8::0001', nextHeader: 6, payload: segment, extensions: [{ type: 0 }, { type: 60 }] });
    const part = (offset: number, end: number, more: boolean) =>
      ipv6({ src: '2001:db8::1:0:0:1', dst: '2001:db8::1', nextHeader: 6, payload: segment.subarray(offset, end), extensions: [{ type: 0 }], fragment: { offset, more, id: 0xdeadbeef } });
    const tcpFake = lengthPrefixed('modbus', { ports: [5000] });
    const frames = [whole, part(0, 24, true), part(24, segment.length, false)].map((p) => ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x86dd, p));
    const { sink } = analyzePackets(frames, { dissectors: [tcpFake] });
    expect(sink.frames[0]!.conversation).toMatchObject({ client: { ip: '2001:db8::1:0:0:1', port: 50000 }, server: { ip: '2001:db8::1', port: 5000 } });
    // The fragmented copy repeats the same bytes: a retransmission, taken once.
    expect(sink.fields.filter((f) => f.name === 'pdu').map((f) => f.frame)).toEqual([1]);
    expect(sink.frames[2]!.conversation).toBe(sink.frames[0]!.conversation);
    expect(sink.frames[1]!.conversation).toBeUndefined();
  });

  it('formats addresses', () => {
    const words = (ip: string): [number, number, number, number] => {
      const b = ipv6Bytes(ip);
      const w = (i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
      return [w(0), w(4), w(8), w(12)];
    };
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['fe80:0:0:0:0:0:0:0', 'fe80::'],
      ['2001:DB8:0:0:0:0:0:0', '2001:db8::'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['0:0:0:0:0:ffff:c000:0201', '::ffff:192.0.2.1'],
    ];
    for (const [input, text] of cases) expect(formatIpv6(...words(input))).toBe(text);
    expect(formatIpv4(0xc0a80001)).toBe('192.168.0.1');
    expect(formatMac(Uint8Array.of(0, 0x1d, 0x9c, 0xc8, 0x03, 0xe7), 0)).toBe('00:1d:9c:c8:03:e7');
  });
});

describe('UDP', () => {
  it('dispatches by the well-known port on either side, and by content otherwise', () => {
    const probed = lengthPrefixed('bacnet', { transport: 'udp', probeByte: 0x81 });
    const { sink, summary } = analyzePackets(
      [
        udpFrame('10.0.0.1', '10.0.0.2', 20000, 20000, payload),
        udpFrame('10.0.0.9', '10.0.0.2', 20000, 45000, payload),
        udpFrame('10.0.0.1', '10.0.0.3', 47809, 47809, Uint8Array.of(0x81, 0x0a, 0, 0)),
        udpFrame('10.0.0.1', '10.0.0.4', 1111, 2222, Uint8Array.of(1, 2)),
      ],
      { dissectors: [udpFake, probed] },
    );
    expect(sink.frames.map((f) => f.conversation?.protocol)).toEqual(['dnp3', 'dnp3', 'bacnet', undefined]);
    expect(sink.frames[1]!.conversation).toMatchObject({ client: { ip: '10.0.0.2', port: 45000 }, server: { ip: '10.0.0.9', port: 20000 } });
    expect(summary.pdus).toEqual({ dnp3: 2, bacnet: 1 });
  });
});

describe('conversation table', () => {
  it('stays bounded over 200k packets across 100k conversations', () => {
    const maxConversations = 5000;
    let framesSeen = 0;
    const ids = new Set<number>();
    const sink: CaptureSink = {
      ...silentSink(),
      frame(info: FrameInfo) {
        framesSeen++;
        if (info.conversation !== undefined && ids.size < 200_000) ids.add(info.conversation.id);
      },
    };
    const fake = lengthPrefixed('modbus', { ports: [502] });
    const decoder = new PacketDecoder(sink, { dissectors: [fake, udpFake], cotpDissectors: [], limits: { maxConversations } });
    // One template per transport; the client address and port are patched in place per packet.
    const tcpPacket = ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.0', dst: '10.255.0.1', protocol: 6, payload: tcp({ sport: 1024, dport: 502, seq: 1, flags: SYN }) }));
    const dataPacket = ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.0', dst: '10.255.0.1', protocol: 6, payload: tcp({ sport: 1024, dport: 502, seq: 2, ack: 1, flags: ACK, payload: Uint8Array.from([0, 4, 1]) }) }));
    const udpPacket = ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ip4udp('10.0.0.0', '10.255.0.2', 1024, 20000));
    let peak = 0;
    let frame = 0;
    let heldPeak = 0;
    for (let i = 0; i < 100_000; i++) {
      const proto = i % 2 === 0 ? 'tcp' : 'udp';
      const packets = proto === 'tcp' ? [tcpPacket, dataPacket] : [udpPacket, udpPacket];
      for (const p of packets) {
        p[14 + 13] = (i >> 16) & 0xff;
        p[14 + 14] = (i >> 8) & 0xff;
        p[14 + 15] = i & 0xff;
        p[14 + 20] = 0x80 | ((i >> 8) & 0x3f);
        p[14 + 21] = i & 0xff;
        frame++;
        decoder.packet(frame, p, 0, p.length, p.length, frame * 10, 1);
      }
      peak = Math.max(peak, decoder.table.size);
      heldPeak = Math.max(heldPeak, decoder.budget.used);
    }
    decoder.finish();
    expect(framesSeen).toBe(200_000);
    expect(ids.size).toBe(100_000);
    expect(peak).toBeLessThanOrEqual(maxConversations);
    expect(decoder.table.evictions).toBeGreaterThanOrEqual(100_000 - maxConversations);
    // Each TCP conversation holds a partial PDU (6 bytes reserved): the evicted ones give their bytes back.
    expect(heldPeak).toBeLessThanOrEqual(maxConversations * 6);
    expect(decoder.budget.used).toBeLessThanOrEqual(maxConversations * 6);
  });

  it('evicts conversations idle longer than the limit (capture time)', () => {
    const sink = silentSink();
    const decoder = new PacketDecoder(sink, { dissectors: [], cotpDissectors: [], limits: { conversationIdleUs: 1_000_000 } });
    const p = ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ip4udp('10.0.0.1', '10.0.0.2', 1000, 2000));
    for (let i = 0; i < 1000; i++) {
      p[14 + 21] = i & 0xff;
      p[14 + 20] = i >> 8;
      decoder.packet(i + 1, p, 0, p.length, p.length, i * 10_000, 1);
    }
    // 10 ms apart, 1 s idle limit: about 100 conversations alive at any time.
    expect(decoder.table.size).toBeLessThanOrEqual(102);
  });
});

describe('robustness', () => {
  it('never throws on mutated, truncated or random packets of any link type', () => {
    const tcpFake = lengthPrefixed('modbus', { ports: [502, 5000] });
    const ethFake = lengthPrefixed('goose', { transport: 'ethernet', etherTypes: [0x88b8], framed: false });
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const templates = [
      udpFrame('10.0.0.1', '10.0.0.2', 1234, 20000, payload),
      ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: tcp({ sport: 4000, dport: 502, seq: 1, ack: 1, payload: Uint8Array.from(prefixed(1, 2, 3, 4)) }) })),
      ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: tcp({ sport: 4000, dport: 102, seq: 1, ack: 1, payload: Uint8Array.of(3, 0, 0, 9, 2, 0xf0, 0x80, 0x32, 1) }) })),
      ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x86dd, ipv6({ src: 'fd00::1', dst: 'fd00::2', nextHeader: 17, payload: udp(1, 20000, payload), extensions: [{ type: 0 }], fragment: { offset: 0, more: true, id: 1 } })),
      ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, payload: udp(1, 20000, payload), moreFragments: true })),
      ethernet('01:0c:cd:01:00:01', '02:00:00:00:00:01', 0x88b8, Uint8Array.of(0, 1, 0, 8), [{ id: 1 }, { tpid: 0x88a8, id: 2 }]),
      sll(0x86dd, ipv6({ src: '::1', dst: '::2', nextHeader: 6, payload: tcp({ sport: 1, dport: 5000, seq: 1, payload: Uint8Array.from(prefixed(1)) }) })),
    ];
    const decoder = new PacketDecoder(
      { wantFields: true, frame: () => undefined, field: () => undefined, operation: () => undefined, outcome: () => undefined, identity: () => undefined, malformed: () => undefined },
      { dissectors: [tcpFake, udpFake, ethFake], cotpDissectors: [], limits: { maxConversations: 64 } },
    );
    const linkTypes = [1, 1, 1, 113, 276, 101, 228, 229, 0, 108];
    let frame = 0;
    for (let i = 0; i < 30_000; i++) {
      const t = templates[random(templates.length)]!;
      const p = t.slice(0, random(4) === 0 ? random(t.length + 1) : t.length);
      const flips = random(6);
      for (let f = 0; f < flips && p.length > 0; f++) p[random(p.length)] = random(256);
      if (random(20) === 0) for (let j = 0; j < p.length; j++) p[j] = random(256);
      frame++;
      decoder.packet(frame, p, 0, p.length, p.length + random(3), frame * 1000, linkTypes[random(linkTypes.length)]!);
    }
    decoder.finish();
    expect(decoder.table.size).toBeLessThanOrEqual(64);
    expect(decoder.budget.used).toBeGreaterThanOrEqual(0);
  });
});
