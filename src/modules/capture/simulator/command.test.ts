import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutput } from '../../../platform/cli-kit/output.js';
import { simulateCommand } from './command.js';
import { simulatePlant } from './simulate.js';

function collect(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
}

async function simulate(...args: string[]): Promise<{ stdout: string; error: Error | undefined }> {
  const out: string[] = [];
  const command = simulateCommand({ out: createOutput(collect(out), collect([])), env: {}, connect: () => Promise.reject(new Error('simulate opens no database')) }).exitOverride();
  command.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  let error: Error | undefined;
  try {
    await command.parseAsync(args, { from: 'user' });
  } catch (e) {
    error = e as Error;
  }
  return { stdout: out.join(''), error };
}

describe('bulwark capture simulate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-simulate-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the capture for the given minutes and seed', async () => {
    const path = join(dir, 'plant.pcap');
    const run = await simulate(path, '--minutes', '0.5', '--seed', '3');
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/^wrote \d+ frames \(\d+ KiB\) of simulated plant traffic to .*plant\.pcap \(0\.5 min, seed 3\)\n$/);
    expect((await readFile(path)).equals(Buffer.from(simulatePlant({ minutes: 0.5, seed: 3 })))).toBe(true);
  });

  it('adds the named attack scenarios to the routine traffic, and refuses unknown ones', async () => {
    const path = join(dir, 'attack.pcap');
    const run = await simulate(path, '--minutes', '0.5', '--scenario', 'dnp3-cold-restart,new-host', '--scenario', 'dnp3-cold-restart');
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/scenarios: dnp3-cold-restart, new-host\)\n$/);
    expect((await readFile(path)).equals(Buffer.from(simulatePlant({ minutes: 0.5, scenarios: ['dnp3-cold-restart', 'new-host'] })))).toBe(true);
    expect((await readFile(path)).length).toBeGreaterThan(simulatePlant({ minutes: 0.5 }).length);
    expect((await simulate(join(dir, 'e.pcap'), '--scenario', 'world-domination')).error?.message).toMatch(/unknown scenario world-domination/);
  });

  it('refuses minutes and seeds that are not numbers, and a file it cannot write', async () => {
    expect((await simulate(join(dir, 'a.pcap'), '--minutes', 'many')).error?.message).toMatch(/minutes above 0/);
    expect((await simulate(join(dir, 'b.pcap'), '--minutes', '0')).error?.message).toMatch(/minutes above 0/);
    expect((await simulate(join(dir, 'c.pcap'), '--seed', '1.5')).error?.message).toMatch(/an integer/);
    expect((await simulate(join(dir, 'missing', 'd.pcap'), '--minutes', '0.5')).error?.message).toMatch(/ENOENT/);
  });
});
