// Zeek, Suricata EVE and Windows event files (or every file of a directory) as a running source: read
// once, or followed as they grow and rotate (the parsers' followFile). Back-pressure: the reader waits
// for room in the sink before it takes the next lines, so a file is never read faster than stored.
import { followEvents, listInputFiles, readEventFile, type FileBatch, type FollowHandle } from '../parsers/index.js';
import type { SourceMeter, SourceSink } from './source-sink.js';
import type { FileSourceConfig, RunningInput } from './types.js';

export interface FileSourceOptions extends FileSourceConfig {
  readonly format: 'zeek' | 'suricata' | 'winevent';
  readonly orgId: string;
  readonly sink: SourceSink;
  readonly meter: SourceMeter;
}

export async function startFileSource(options: FileSourceOptions): Promise<RunningInput> {
  const { sink, meter, orgId, format } = options;
  // A missing path fails the start (the source shows why) instead of a source that reads nothing.
  const files = await listInputFiles(options.path);
  if (files.length === 0) throw new Error(`${options.path}: no files to read`);
  let stopped = false;
  /** Lines counted so far per file (batches carry a running total; a rotated file starts again). */
  const seen = new Map<string, number>();

  const take = async (batch: FileBatch): Promise<void> => {
    const before = seen.get(batch.file) ?? 0;
    meter.received += batch.lines >= before ? batch.lines - before : batch.lines;
    seen.set(batch.file, batch.lines);
    meter.rejected += batch.issues.length;
    if (batch.issues.length > 0) meter.lastError = `${batch.file}:${batch.issues[0]?.line ?? 0}: ${batch.issues[0]?.message ?? ''}`;
    if (batch.events.length > 0) sink.push(orgId, batch.events, true);
    await sink.whenRoom();
  };

  const handles: FollowHandle[] = [];
  let reading: Promise<void> = Promise.resolve();
  if (options.follow === true) {
    for (const file of files) handles.push(followEvents(file, format, take, { onError: (error) => (meter.lastError = `${file}: ${error.message}`) }));
  } else {
    reading = (async () => {
      for await (const batch of readEventFile(options.path, { format })) {
        if (stopped) return;
        await take(batch);
      }
    })().catch((error: unknown) => {
      meter.lastError = (error as Error).message;
    });
  }

  return {
    endpoint: `${format} ${options.path}${options.follow === true ? ' (follow)' : ''}`,
    kernelDrops: () => Promise.resolve(0),
    async close() {
      stopped = true;
      await Promise.all(handles.map((h) => h.close()));
      await sink.close();
      await reading;
    },
  };
}
