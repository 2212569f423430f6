// Test and benchmark traffic: the plant simulator's routine capture through the capture analysis,
// as the operation events a sensor ships (folded polls included), in capture order.
import { Readable } from 'node:stream';
import { createLiveAnalysis } from '../../capture/index.js';
import { simulatePlant } from '../../capture/simulator/index.js';
import { operationEvent } from '../../sensing/sensor/sensor-events.js';
import type { EventDraft } from '../../sensing/index.js';

export async function simulatedOperationDrafts(options: { seed: number; minutes: number; startTime: Date }): Promise<EventDraft[]> {
  const analysis = await createLiveAnalysis();
  await analysis.read(Readable.from([simulatePlant(options)]));
  return analysis
    .finish()
    .operations.sort((a, b) => a.time - b.time)
    .map((r) => operationEvent(r, 'baseline-sim'));
}

/** One Modbus operation as a sensor reports it. */
export function modbusDraft(id: string, time: Date, source: string, destination: string, fn: string, code: number, operation: string, target: string): EventDraft {
  return {
    id,
    time: time.toISOString(),
    kind: 'operation',
    severity: 'info',
    message: `modbus ${fn} ${target} ${source} -> ${destination}`,
    fields: { source: { ip: source }, destination: { ip: destination }, network: { protocol: 'modbus' }, ics: { protocol: 'modbus', operation: operation as 'read', function: fn, code, target } },
  };
}
