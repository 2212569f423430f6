// IEC 104 operations and outcomes on the shared captures, through the whole pipeline.
import { describe, expect, it } from 'vitest';
import { analyzeProtocol, pcaps, type ProtocolCapture } from '../dissector-test-kit.js';

const analyze = (name: string): Promise<ProtocolCapture> => analyzeProtocol('iec104', `${pcaps}iec104/${name}`);

describe('IEC 104 on the shared captures', () => {
  it('pairs every command with its activation confirmation', async () => {
    const r = await analyze('090813_diverse.pcap');
    const commands = r.operations.filter((op) => op.pairKey !== undefined);
    expect(commands.length).toBeGreaterThan(15);
    const answered = new Set(r.keyedOutcomes.map(([key]) => key));
    for (const op of commands) expect(answered.has(op.pairKey!)).toBe(true);
    expect(r.operations).toContainEqual(expect.objectContaining({ operation: 'write', name: 'C_SC_TA_1', target: 'IOA 4501', values: 'ON select' }));
    expect(r.operations).toContainEqual(expect.objectContaining({ operation: 'publish', name: 'M_ME_NC_1', unit: 3 }));
    expect(r.identities).toContainEqual({ subject: 'source', attribute: 'address', value: '3', confidence: 0.8 });
  });

  it('opens data transfer, synchronizes clocks and survives malformed APDUs', async () => {
    const r = await analyze('TestDissectIec104.pcap');
    expect(r.operations).toContainEqual({ operation: 'session', name: 'STARTDT act', pairKey: 'STARTDT' });
    expect(r.operations).toContainEqual(expect.objectContaining({ operation: 'time-sync', name: 'C_CS_NA_1' }));
    expect(r.malformed.length).toBeGreaterThan(0);
  });
});
