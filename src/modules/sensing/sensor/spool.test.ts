import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSpool } from './spool.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-spool-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const body = (n: number, size = 100) => Buffer.alloc(size, n % 256);

describe('sensor spool', () => {
  it('keeps segments in order across a reopen', async () => {
    const dir = tempDir();
    const spool = openSpool(dir, 1 << 20);
    for (let i = 1; i <= 12; i++) await spool.append(body(i), i);
    const again = openSpool(dir, 1 << 20);
    expect(again.stats()).toMatchObject({ segments: 12, events: 78, bytes: 1200, droppedEvents: 0 });
    const seen: number[] = [];
    for (let s = again.oldest(); s !== undefined; s = again.oldest()) {
      seen.push(s.events);
      expect((await again.read(s))[0]).toBe(s.events);
      await again.remove(s);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.gz'))).toEqual([]);
  });

  it('drops the oldest segments past its bound, counts them, and never drops the one in flight', async () => {
    const dir = tempDir();
    const spool = openSpool(dir, 1000);
    for (let i = 1; i <= 10; i++) await spool.append(body(i), 10);
    expect(spool.stats()).toMatchObject({ segments: 10, droppedEvents: 0 });
    const inFlight = spool.oldest();
    spool.hold(inFlight);
    await spool.append(body(11), 10);
    await spool.append(body(12), 10);
    // segments 2 and 3 went, not 1 (being sent)
    expect(spool.stats()).toMatchObject({ segments: 10, bytes: 1000, droppedEvents: 20, droppedSegments: 2 });
    expect(spool.oldest()).toBe(inFlight);
    await spool.remove(inFlight as NonNullable<typeof inFlight>);
    expect((await spool.read(spool.oldest() as NonNullable<ReturnType<typeof spool.oldest>>))[0]).toBe(4);
    // the count survives a restart
    expect(openSpool(dir, 1000).stats()).toMatchObject({ segments: 9, droppedEvents: 20, droppedSegments: 2 });
  });

  it('forgets a segment a crash left half written', async () => {
    const dir = tempDir();
    const spool = openSpool(dir, 1 << 20);
    await spool.append(body(1), 5);
    writeFileSync(join(dir, '0000000000000002-5.ndjson.gz.tmp'), 'half');
    const again = openSpool(dir, 1 << 20);
    expect(again.stats()).toMatchObject({ segments: 1, events: 5 });
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
    await again.append(body(2), 5);
    expect(again.stats().segments).toBe(2);
  });
});
