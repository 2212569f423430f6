// Where a sensor's packets come from: an interface through dumpcap or tcpdump (a real capture on the
// loopback interface, run through the sensor pipeline), and a clear refusal when neither is installed.
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../platform/errors.js';
import { findProgram, openCaptureSource } from './capture-source.js';
import { startSensorRun } from './sensor-run.js';
import type { EventDraft } from '../types.js';

describe('sensor packet sources', () => {
  it('says what to install when neither dumpcap nor tcpdump is there', () => {
    try {
      openCaptureSource({ interface: 'eth0', path: '/nonexistent' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain('neither dumpcap nor tcpdump');
      expect((error as InputError).details[0]?.message).toContain('bulwark sensor --read -');
    }
    expect(() => openCaptureSource({})).toThrow(InputError);
    expect(() => openCaptureSource({ read: '-', interface: 'lo' })).toThrow(InputError);
  });

  it('captures on an interface with the installed program and analyzes the stream as it comes', async () => {
    expect(findProgram('dumpcap') ?? findProgram('tcpdump')).toBeDefined();
    const server = createServer((socket) => socket.on('data', (d) => socket.end(d)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const source = openCaptureSource({ interface: 'lo' });
    let stderr = '';
    source.child?.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const shipped: EventDraft[] = [];
    const run = startSensorRun({ input: source.input, name: 'lo-test', sink: { enqueue: async (e) => void shipped.push(...e) }, flushMs: 100, snapshotMs: 200 });
    try {
      // the capture program needs a moment before it sees packets
      await new Promise((r) => setTimeout(r, 1500));
      for (let i = 0; i < 5; i++) {
        await new Promise<void>((resolve) => {
          const c = connect(port, '127.0.0.1', () => c.end('hello'));
          c.resume();
          c.on('close', () => resolve());
        });
      }
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      source.stop();
      server.close();
    }
    const result = await run.done;
    expect(result.frames, stderr).toBeGreaterThan(10);
    const flows = shipped.filter((e) => e.kind === 'flow');
    expect(flows.some((e) => e.fields.destination?.port === port), JSON.stringify(flows.map((f) => f.message))).toBe(true);
  }, 20_000);
});
