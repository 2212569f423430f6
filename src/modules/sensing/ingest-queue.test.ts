import { describe, expect, it } from 'vitest';
import { createMemoryQueue } from './ingest-queue.js';
import type { SensedEvent } from './types.js';

const events = (n: number, tag = 'e'): SensedEvent[] => Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}` }) as SensedEvent);

describe('the in-process ingest queue', () => {
  it('is bounded: refuses a publish that would pass its capacity, whole, with a retry hint', async () => {
    const queue = createMemoryQueue({ capacity: 10, retryAfterMs: 150 });
    expect(await queue.publish(events(8))).toEqual({ ok: true });
    expect(await queue.publish(events(3))).toEqual({ ok: false, retryAfterMs: 150 });
    expect(await queue.publish(events(2))).toEqual({ ok: true });
    expect(queue.depth()).toBe(10);
    // taken but not acknowledged still counts against the capacity
    const batch = await queue.consume(5, 10);
    expect(await queue.publish(events(1))).toMatchObject({ ok: false });
    await batch?.ack();
    expect(queue.depth()).toBe(5);
    expect(await queue.publish(events(1))).toEqual({ ok: true });
  });

  it('hands out batches of at most max events in order, splitting a large publish', async () => {
    const queue = createMemoryQueue({ capacity: 100 });
    await queue.publish(events(3, 'a'));
    await queue.publish(events(4, 'b'));
    const first = await queue.consume(5, 10);
    expect(first?.events.map((e) => e.id)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    const second = await queue.consume(5, 10);
    expect(second?.events.map((e) => e.id)).toEqual(['b2', 'b3']);
    // nothing left: an empty batch after the wait
    expect((await queue.consume(5, 5))?.events).toEqual([]);
  });

  it('gives a released batch back first, and drained() waits for acknowledgement', async () => {
    const queue = createMemoryQueue({ capacity: 100, now: () => 1000 });
    await queue.publish(events(2, 'x'));
    let drained = false;
    const waiting = queue.drained().then(() => {
      drained = true;
    });
    const batch = await queue.consume(10, 10);
    await queue.publish(events(1, 'y'));
    await batch?.release();
    const again = await queue.consume(10, 10);
    expect(again?.events.map((e) => e.id)).toEqual(['x0', 'x1', 'y0']);
    await new Promise((r) => setTimeout(r, 5));
    expect(drained).toBe(false);
    await again?.ack();
    await waiting;
    expect(drained).toBe(true);
    expect(queue.depth()).toBe(0);
    expect(queue.lagMs()).toBe(0);
  });

  it('measures lag from the oldest event not acknowledged', async () => {
    let t = 0;
    const queue = createMemoryQueue({ capacity: 100, now: () => t });
    await queue.publish(events(1));
    t = 250;
    await queue.publish(events(1));
    t = 400;
    expect(queue.lagMs()).toBe(400);
    const batch = await queue.consume(1, 1);
    expect(queue.lagMs()).toBe(400);
    await batch?.ack();
    expect(queue.lagMs()).toBe(150);
  });

  it('wakes a waiting consumer on publish, and ends with null once closed and empty', async () => {
    const queue = createMemoryQueue({ capacity: 100 });
    const started = Date.now();
    const pending = queue.consume(10, 5000);
    await queue.publish(events(2));
    expect((await pending)?.events).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1000);
    await queue.publish(events(1));
    await queue.close();
    expect(await queue.publish(events(1))).toMatchObject({ ok: false });
    expect((await queue.consume(10, 10))?.events).toHaveLength(1);
    expect(await queue.consume(10, 10)).toBeNull();
  });
});
