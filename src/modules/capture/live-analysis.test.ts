import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureFile } from './pipeline.js';
import { createCaptureAnalysis } from './analysis/capture-analysis.js';
import { createLiveAnalysis } from './live-analysis.js';

const pcap = fileURLToPath(new URL('../../../../shared/data/pcaps/modbus/ModbusTCP.pcap', import.meta.url));

describe('live capture analysis', () => {
  it('hands operations over while the stream goes on, and ends with what a capture job finds', async () => {
    const batch = createCaptureAnalysis();
    await analyzeCaptureFile(pcap, batch);
    const expected = batch.finish();

    const live = await createLiveAnalysis();
    const taken: unknown[] = [];
    let snapshots = 0;
    async function* slowly() {
      for await (const chunk of createReadStream(pcap, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
        yield chunk;
        taken.push(...live.takeOperations());
        if (live.snapshot().hosts.length > 0) snapshots++;
      }
    }
    const summary = await live.read(slowly());
    expect(summary.frames).toBe(15_387);
    expect(taken.length).toBeGreaterThan(0);
    expect(snapshots).toBeGreaterThan(0);
    const final = live.finish();
    expect(taken.length + final.operations.length).toBe(expected.operations.length);
    expect(final.hosts.map((h) => [h.key, h.packets])).toEqual(expected.hosts.map((h) => [h.key, h.packets]));
    expect(final.communications.reduce((n, c) => n + c.packets, 0)).toBe(expected.communications.reduce((n, c) => n + c.packets, 0));
  });

  it('closes a quiet stream\'s records by the wall clock', async () => {
    const live = await createLiveAnalysis();
    await live.read(createReadStream(pcap));
    live.takeOperations();
    // Capture time moves on with the wall clock since the last packet: a minute later every fold window has closed.
    const realNow = Date.now;
    Date.now = () => realNow() + 400_000;
    try {
      // without the clock moving, nothing more would close before finish()
      expect(live.takeOperations().length).toBeGreaterThan(0);
    } finally {
      Date.now = realNow;
    }
  });
});
