// IEC 104 operations and outcomes on the shared captures, through the whole pipeline.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureFile } from '../../pipeline.js';
import type { CaptureSink } from '../../types.js';
import type { IdentityDraft, OperationDraft, OperationOutcome } from '../types.js';

const pcaps = fileURLToPath(new URL('../../../../../../shared/data/pcaps/iec104/', import.meta.url));

async function analyze(name: string) {
  const operations: OperationDraft[] = [];
  const outcomes: Array<[string, OperationOutcome]> = [];
  const identities: IdentityDraft[] = [];
  const malformed: string[] = [];
  const sink: CaptureSink = {
    wantFields: false,
    frame: () => undefined,
    field: () => undefined,
    operation: (at, op) => void (at.protocol === 'iec104' && operations.push(op)),
    outcome: (at, key, outcome) => void (at.protocol === 'iec104' && outcomes.push([key, outcome])),
    identity: (at, fact) => void (at.protocol === 'iec104' && identities.push(fact)),
    malformed: (_frame, layer, reason) => void (layer === 'iec104' && malformed.push(reason)),
  };
  const summary = await analyzeCaptureFile(pcaps + name, sink);
  return { summary, operations, outcomes, identities, malformed };
}

describe('IEC 104 on the shared captures', () => {
  it('pairs every command with its activation confirmation', async () => {
    const r = await analyze('090813_diverse.pcap');
    const commands = r.operations.filter((op) => op.pairKey !== undefined);
    expect(commands.length).toBeGreaterThan(15);
    const answered = new Set(r.outcomes.map(([key]) => key));
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
