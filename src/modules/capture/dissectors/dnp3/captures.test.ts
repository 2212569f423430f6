// DNP3 operations and outcomes on the shared captures, through the whole pipeline.
import { describe, expect, it } from 'vitest';
import { analyzeProtocol, pcaps, type ProtocolCapture } from '../dissector-test-kit.js';

const analyze = (name: string): Promise<ProtocolCapture> => analyzeProtocol('dnp3', `${pcaps}dnp3/${name}`);

describe('DNP3 on the shared captures', () => {
  it('pairs select and operate with their responses', async () => {
    const r = await analyze('select_operate_and_responses.pcap');
    expect(r.operations.map((op) => [op.operation, op.name, op.target])).toEqual([
      ['write', 'Select', 'g12v1 [0]'],
      ['write', 'Operate', 'g12v1 [0]'],
    ]);
    expect(r.outcomes).toEqual([{ result: 'ok' }, { result: 'ok' }]);
    expect(r.identities).toContainEqual({ subject: 'destination', attribute: 'role-hint', value: 'rtu', confidence: 0.6 });
  });

  it('classifies restarts, time synchronization and file transfer', async () => {
    expect((await analyze('warm_restart_and_response.pcap')).operations[0]).toMatchObject({ operation: 'restart', name: 'Warm Restart' });
    const time = await analyze('lan_time_sync.pcap');
    expect(time.operations.map((op) => op.operation)).toEqual(['time-sync', 'time-sync']);
    const file = await analyze('file_read.pcap');
    expect(file.operations.map((op) => op.operation)).toEqual(['file-operation', 'file-operation', 'file-operation']);
  });

  it('reports the malformed capture without throwing and keeps decoding', async () => {
    const r = await analyze('DNP3-Malformed.pcap');
    expect(r.summary.pdus.dnp3).toBeGreaterThan(190);
    expect(r.malformed.length).toBeGreaterThan(100);
    expect(r.operations.length).toBeGreaterThan(190);
  });
});
