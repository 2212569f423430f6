// Modbus operations, outcomes and identity on the shared captures, through the whole pipeline.
import { describe, expect, it } from 'vitest';
import { analyzeProtocol, pcaps, type ProtocolCapture } from '../dissector-test-kit.js';

const analyze = (name: string): Promise<ProtocolCapture> => analyzeProtocol('modbus', `${pcaps}modbus/${name}`);

describe('Modbus on the shared captures', () => {
  it('pairs nearly every polling request with its response', async () => {
    const r = await analyze('ModbusTCP.pcap');
    expect(r.operations.length).toBeGreaterThan(7000);
    expect(r.outcomes.length / r.operations.length).toBeGreaterThan(0.99);
    expect(r.malformed).toEqual([]);
    expect(r.operations.some((op) => op.operation === 'write' && op.name === 'Write Multiple Coils')).toBe(true);
  });

  it('reads diagnostics, identification and exceptions from the test data', async () => {
    const r = await analyze('modbus_test_data_part1.pcap');
    expect(r.identities).toContainEqual({ subject: 'source', attribute: 'product', value: 'Wingpath Limited', confidence: 0.5 });
    expect(r.operations).toContainEqual(expect.objectContaining({ operation: 'restart', name: 'Diagnostics: Restart Communications Option' }));
    expect(r.operations).toContainEqual(expect.objectContaining({ operation: 'discovery', name: 'Read Device Identification', code: 43 }));
    expect(r.outcomes).toContainEqual({ result: 'exception', detail: 'Gateway Target Device Failed to Respond (11)' });
  });
});
