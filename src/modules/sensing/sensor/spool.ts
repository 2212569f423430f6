// The sensor's disk buffer: one file per batch (a gzip NDJSON request body), named by sequence number
// so the order survives restarts. Bounded in bytes: when a new segment would pass the bound, the
// oldest segments are dropped first and counted (in spool.json, so the count survives restarts too).
// A segment being sent is never the one dropped: it would be counted dropped and delivered both.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const segmentName = /^(\d{16})-(\d+)\.ndjson\.gz$/;

export interface Segment {
  readonly seq: number;
  readonly events: number;
  readonly bytes: number;
  readonly file: string;
}

export interface SpoolStats {
  readonly segments: number;
  readonly events: number;
  readonly bytes: number;
  readonly droppedEvents: number;
  readonly droppedSegments: number;
}

export interface Spool {
  append(body: Uint8Array, events: number): Promise<void>;
  /** The oldest segment, or undefined when empty; it stays until removed. */
  oldest(): Segment | undefined;
  read(segment: Segment): Promise<Buffer>;
  /** Marks the segment as in flight (never dropped) or clears the mark. */
  hold(segment: Segment | undefined): void;
  remove(segment: Segment): Promise<void>;
  stats(): SpoolStats;
}

interface Counters {
  droppedEvents: number;
  droppedSegments: number;
}

export function openSpool(dir: string, maxBytes: number): Spool {
  mkdirSync(dir, { recursive: true });
  const segments: Segment[] = [];
  for (const name of readdirSync(dir)) {
    // a segment cut short by a crash was never renamed into place: nothing was lost with it but the crash's own batch
    if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
    const m = segmentName.exec(name);
    if (m === null) continue;
    const file = join(dir, name);
    segments.push({ seq: Number(m[1]), events: Number(m[2]), bytes: statSync(file).size, file });
  }
  segments.sort((a, b) => a.seq - b.seq);
  let nextSeq = (segments.at(-1)?.seq ?? 0) + 1;
  let bytes = segments.reduce((n, s) => n + s.bytes, 0);
  let events = segments.reduce((n, s) => n + s.events, 0);
  const countersFile = join(dir, 'spool.json');
  const counters: Counters = readCounters(countersFile);
  let held: Segment | undefined;

  const forget = (s: Segment) => {
    const i = segments.indexOf(s);
    if (i >= 0) segments.splice(i, 1);
    bytes -= s.bytes;
    events -= s.events;
  };

  async function dropOldest(): Promise<boolean> {
    const victim = segments.find((s) => s !== held);
    if (victim === undefined) return false;
    forget(victim);
    counters.droppedEvents += victim.events;
    counters.droppedSegments++;
    await rm(victim.file, { force: true });
    return true;
  }

  return {
    async append(body, count) {
      const seq = nextSeq++;
      const file = join(dir, `${String(seq).padStart(16, '0')}-${count}.ndjson.gz`);
      // Written aside and renamed: a crash never leaves half a segment under a segment's name.
      await writeFile(`${file}.tmp`, body);
      await rename(`${file}.tmp`, file);
      const segment = { seq, events: count, bytes: body.length, file };
      segments.push(segment);
      bytes += segment.bytes;
      events += count;
      let dropped = false;
      while (bytes > maxBytes && (await dropOldest())) dropped = true;
      if (dropped) await writeFile(countersFile, JSON.stringify(counters));
    },
    oldest: () => segments[0],
    read: (segment) => readFile(segment.file),
    hold(segment) {
      held = segment;
    },
    async remove(segment) {
      if (held === segment) held = undefined;
      if (!segments.includes(segment)) return;
      forget(segment);
      await rm(segment.file, { force: true });
    },
    stats: () => ({ segments: segments.length, events, bytes, droppedEvents: counters.droppedEvents, droppedSegments: counters.droppedSegments }),
  };
}

function readCounters(file: string): Counters {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Counters>;
    return { droppedEvents: Number(parsed.droppedEvents) || 0, droppedSegments: Number(parsed.droppedSegments) || 0 };
  } catch {
    return { droppedEvents: 0, droppedSegments: 0 };
  }
}
