import { describe, expect, it } from 'vitest';
import { checkUrl, ipv6Groups, refusePrivateAddress } from './remote-fetch.js';

describe('refusePrivateAddress', () => {
  it('refuses loopback, private, link-local, shared, ULA and IPv4 carried in IPv6', () => {
    for (const address of [
      '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.255',
      '0.0.0.0', '0.1.2.3', '224.0.0.1', '255.255.255.255',
      '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1%eth0', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '::127.0.0.1', '64:ff9b::a00:1', '[::ffff:192.168.0.1]',
    ]) {
      expect(refusePrivateAddress(address), address).not.toBeNull();
    }
  });

  it('lets public unicast addresses through', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(refusePrivateAddress(address), address).toBeNull();
    }
  });

  it('expands IPv6 forms to their groups', () => {
    expect(ipv6Groups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Groups('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('1:2:3')).toBeNull();
  });
});

describe('checkUrl', () => {
  it('checks the addresses a name resolves to, and literal addresses in any spelling', async () => {
    await expect(checkUrl('http://localhost:8080/x.json')).rejects.toThrow(/loopback/);
    await expect(checkUrl('http://2130706433/x.json')).rejects.toThrow(/loopback/);
    await expect(checkUrl('http://[::ffff:169.254.169.254]/latest/meta-data')).rejects.toThrow(/link-local/);
    await expect(checkUrl('http://127.0.0.1/x.json', () => null)).resolves.toBeUndefined();
  });
});
