import { describe, expect, it } from 'vitest';
import { endpointAsset, staticAssetIndex } from './enrich-assets.js';

const plc = { id: 'a1', name: 'PLC 20', ip: '10.20.1.20', mac: '00:80:f4:1c:20:14', role: 'plc', zone: 'filtration', criticality: 'critical' };
const index = staticAssetIndex([plc]);

// The endpoint rules of the enricher without a database: known, unknown, address conflicts, group addresses.
describe('endpointAsset', () => {
  it('names a known asset by IP, else by MAC, and an unknown unicast address as unknown', () => {
    expect(endpointAsset({ ip: '10.20.1.20' }, index)).toEqual({ known: true, id: 'a1', name: 'PLC 20', role: 'plc', zone: 'filtration', criticality: 'critical' });
    expect(endpointAsset({ mac: '00:80:F4:1C:20:14' }, index)).toMatchObject({ known: true, id: 'a1' });
    expect(endpointAsset({ ip: '10.20.2.66', mac: '3c:52:82:4e:11:66' }, index)).toEqual({ known: false });
    expect(endpointAsset(undefined, index)).toBeUndefined();
    expect(endpointAsset({ port: 502 }, index)).toBeUndefined();
  });

  it('flags a known IP behind another MAC and a known MAC at another IP', () => {
    expect(endpointAsset({ ip: '10.20.1.20', mac: '3c:52:82:4e:11:66' }, index)).toMatchObject({ known: true, mac_mismatch: true });
    expect(endpointAsset({ ip: '10.20.1.99', mac: '00:80:f4:1c:20:14' }, index)).toMatchObject({ known: true, ip_changed: true });
    expect(endpointAsset({ ip: '10.20.1.20', mac: '00:80:f4:1c:20:14' }, index)).not.toHaveProperty('mac_mismatch');
  });

  it('gives broadcast and multicast addresses no context', () => {
    for (const ep of [{ ip: '255.255.255.255', mac: 'ff:ff:ff:ff:ff:ff' }, { ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa' }, { ip: '10.20.1.255' }, { ip: '224.0.0.1' }, { mac: '01:0e:cf:00:00:00' }, { ip: 'ff02::1' }]) {
      expect(endpointAsset(ep, index), JSON.stringify(ep)).toBeUndefined();
    }
    expect(endpointAsset({ ip: '223.1.1.1' }, index)).toEqual({ known: false });
    expect(endpointAsset({ ip: '2001:db8::1' }, index)).toEqual({ known: false });
  });
});
