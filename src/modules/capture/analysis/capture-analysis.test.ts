import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureFile } from '../pipeline.js';
import { createCaptureAnalysis } from './capture-analysis.js';

const pcaps = fileURLToPath(new URL('../../../../../shared/data/pcaps/', import.meta.url));

describe('capture analysis', () => {
  it('gives the same hosts and traffic totals when conversations fold early (bounded memory)', async () => {
    const file = `${pcaps}modbus/modbus_test_2.pcap`;
    const full = createCaptureAnalysis();
    await analyzeCaptureFile(file, full);
    const folded = createCaptureAnalysis({ maxLiveConversations: 1 });
    await analyzeCaptureFile(file, folded);
    const a = full.finish();
    const b = folded.finish();
    const sum = (pairs: typeof a.communications) => pairs.reduce((n, p) => n + p.packets, 0);
    expect(sum(b.communications)).toBe(sum(a.communications));
    expect(b.hosts.map((h) => [h.key, h.packets, h.serves, h.roles[0]?.role])).toEqual(a.hosts.map((h) => [h.key, h.packets, h.serves, h.roles[0]?.role]));
    expect(b.operations.length).toBe(a.operations.length);
    expect(full.frames).toBe(4901);
  });
});

describe('unicast addresses', () => {
  it('tells stations from broadcast and multicast audiences', async () => {
    const { isUnicast } = await import('./capture-analysis.js');
    expect(isUnicast({ ip: '10.0.0.1', mac: '00:1b:1b:00:00:01' })).toBe(true);
    expect(isUnicast({ ip: '255.255.255.255', mac: 'ff:ff:ff:ff:ff:ff' })).toBe(false);
    expect(isUnicast({ ip: '239.192.0.1', mac: '01:00:5e:40:00:01' })).toBe(false);
    expect(isUnicast({ ip: 'ff02::1', mac: '33:33:00:00:00:01' })).toBe(false);
    expect(isUnicast({ ip: 'fe80::1', mac: '00:00:00:00:00:01' })).toBe(true);
    expect(isUnicast({ mac: '01:0c:cd:01:00:01' })).toBe(false); // GOOSE destination
    expect(isUnicast({ mac: '00:0e:8c:00:00:01' })).toBe(true);
  });
});
