import { describe, expect, it } from 'vitest';
import { createSenderMap, parseRange, plainAddress } from './sender-map.js';
import { dropsForPort } from './udp-drops.js';

describe('sender ranges', () => {
  it('parses CIDR ranges and bare addresses, and refuses the rest', () => {
    expect(parseRange('10.20.0.0/16')).toEqual({ family: 'ipv4', network: '10.20.0.0', prefix: 16 });
    expect(parseRange('192.0.2.7')).toEqual({ family: 'ipv4', network: '192.0.2.7', prefix: 32 });
    expect(parseRange('2001:db8::/32')).toEqual({ family: 'ipv6', network: '2001:db8::', prefix: 32 });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'plant', '10.0.0.0/08', '::/129', '']) expect(parseRange(bad), bad).toBeUndefined();
  });

  it('maps a sender to the most specific range, then the default, else nobody', () => {
    const map = createSenderMap(
      [
        { range: '10.0.0.0/8', orgId: 'province' },
        { range: '10.20.1.0/24', orgId: 'plant-a' },
        { range: '2001:db8:1::/48', orgId: 'plant-b' },
      ],
      undefined,
    );
    expect(map.orgFor('10.20.1.9')).toBe('plant-a');
    expect(map.orgFor('10.20.2.9')).toBe('province');
    expect(map.orgFor('::ffff:10.20.1.9')).toBe('plant-a');
    expect(map.orgFor('2001:db8:1::5')).toBe('plant-b');
    expect(map.orgFor('192.0.2.1')).toBeUndefined();
    // Asked twice: the remembered answer is the same.
    expect(map.orgFor('192.0.2.1')).toBeUndefined();
    expect(createSenderMap([], 'fallback').orgFor('192.0.2.1')).toBe('fallback');
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(() => createSenderMap([{ range: 'nowhere', orgId: 'x' }], undefined)).toThrow(/not an address range/);
  });

  it('reads the kernel drop count of the sockets on a port from /proc/net/udp', () => {
    const table = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  101: 0100007F:15BA 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17',
      '  102: 00000000:0202 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 5',
    ].join('\n');
    expect(dropsForPort(table, 5562)).toBe(17);
    expect(dropsForPort(table, 514)).toBe(5);
    expect(dropsForPort(table, 9999)).toBe(0);
  });
});
