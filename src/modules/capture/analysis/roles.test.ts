import { describe, expect, it } from 'vitest';
import { inferRoles } from './roles.js';

describe('role inference', () => {
  it('calls a host that sends program downloads an engineering workstation, not an HMI', () => {
    const roles = inferRoles({
      serves: new Map(),
      sent: new Map([
        ['program-download', { count: 3, frames: [10, 11], protocol: 's7comm' }],
        ['read', { count: 30, frames: [1], protocol: 's7comm' }],
      ]),
      uses: new Set(['s7comm']),
      hints: [],
    });
    expect(roles[0]?.role).toBe('engineering-workstation');
    expect(roles[0]?.reason).toContain('program-download');
    expect(roles.some((r) => r.role === 'hmi')).toBe(false);
  });

  it('calls a poller an HMI and a server of DNP3 an RTU, raising confidence with independent evidence', () => {
    const hmi = inferRoles({ serves: new Map(), sent: new Map([['read', { count: 5, frames: [1], protocol: 'modbus' }]]), uses: new Set(['modbus']), hints: [] });
    expect(hmi[0]?.role).toBe('hmi');
    const rtu = inferRoles({ serves: new Map([['dnp3', { frames: [2], peers: 1, port: 20000 }]]), sent: new Map(), uses: new Set(), hints: [] });
    expect(rtu[0]).toMatchObject({ role: 'rtu', confidence: 0.6 });
    const hinted = inferRoles({
      serves: new Map([['dnp3', { frames: [2], peers: 1, port: 20000 }]]),
      sent: new Map(),
      uses: new Set(),
      hints: [{ attribute: 'role-hint', value: 'rtu', confidence: 0.6, evidence: { protocol: 'dnp3', frames: [3], count: 1 } }],
    });
    expect(hinted[0]?.confidence).toBeGreaterThan(0.6);
    expect(hinted[0]?.confidence).toBeLessThan(1);
  });
});
