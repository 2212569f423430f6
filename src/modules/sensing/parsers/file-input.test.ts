import { appendFile, mkdir, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectFormat, followEvents, followFile, listInputFiles, readEventFile, readLines, type FileBatch, type LineBatch } from './index.js';
import { readSample, samplePath } from './test-samples.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-parsers-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string, options = {}) {
  const batches: FileBatch[] = [];
  for await (const batch of readEventFile(path, options)) batches.push(batch);
  return batches;
}

/** Polls until the condition holds (follow mode reads on a timer). */
async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('reading files', () => {
  it('reads a gzip sample in place by its magic bytes, in batches, with every event', async () => {
    const batches = await collect(samplePath('zeek/brimdata__zed-sample-data/zeek-default/syslog.log.gz'), { batchLines: 500 });
    expect(batches.every((batch) => batch.format === 'zeek')).toBe(true);
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.reduce((sum, batch) => sum + batch.events.length, 0)).toBe(2378);
    expect(batches.flatMap((batch) => batch.issues)).toEqual([]);
    expect(batches.at(-1)!.lines).toBe(2378 + 9);
  });

  it('finds gzip by content, not by name, and lists a directory recursively in name order', async () => {
    const eve = readSample('suricata/tenzir__tenzir/eve.lines1-6.json');
    await mkdir(join(dir, 'b'));
    await writeFile(join(dir, 'b', 'eve.json'), gzipSync(eve));
    await writeFile(join(dir, 'a.log'), readSample('syslog/tenzir__tenzir/syslog-rfc3164.log'));
    await writeFile(join(dir, 'c.log'), readSample('zeek/cisagov__icsnpp-s7comm/analyzer.snap7/s7comm.log'));
    await writeFile(join(dir, '.hidden'), 'x');
    expect(await listInputFiles(dir)).toEqual([join(dir, 'a.log'), join(dir, 'b', 'eve.json'), join(dir, 'c.log')]);
    const batches = await collect(dir, { receivedAt: new Date('2024-02-01T00:00:00Z'), invalidTime: 'use-received' });
    // A syslog file's last event comes in its own batch at the end (it may have had continuation lines).
    const perFile = new Map<string, [string, number]>();
    for (const batch of batches) perFile.set(batch.file.slice(dir.length), [batch.format, (perFile.get(batch.file.slice(dir.length))?.[1] ?? 0) + batch.events.length]);
    expect([...perFile].map(([file, [format, events]]) => [file, format, events])).toEqual([
      ['/a.log', 'syslog', 12],
      ['/b/eve.json', 'suricata', 6],
      ['/c.log', 'zeek', 61],
    ]);
  });

  it('reports a file it cannot recognise and goes on', async () => {
    await writeFile(join(dir, 'a.txt'), 'hello world\n');
    await writeFile(join(dir, 'b.json'), '{"event_type":"dns","timestamp":"2024-01-01T00:00:00Z"}\n');
    const batches = await collect(dir);
    expect(batches[0]!.issues[0]!.message).toMatch(/format not recognised/);
    expect(batches[1]!.events).toHaveLength(1);
  });

  it('skips and reports lines over the bound without holding them, CRLF and a last line without LF', async () => {
    const path = join(dir, 'big.log');
    await writeFile(path, `<13>Feb  1 10:00:00 h a: one\r\n<13>Feb  1 10:00:01 h a: ${'x'.repeat(5000)}\n<13>Feb  1 10:00:02 h a: three`);
    const batches = await collect(path, { maxLineBytes: 1000, format: 'syslog', receivedAt: new Date('2024-02-02T00:00:00Z') });
    const events = batches.flatMap((batch) => batch.events);
    expect(events.map((event) => event.message)).toEqual(['one', 'three']);
    expect(batches.flatMap((batch) => batch.issues)).toEqual([{ line: 2, path: '', message: 'line longer than the limit, skipped' }]);
  });

  it('numbers lines across batches', async () => {
    const path = join(dir, 'n.log');
    await writeFile(path, Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).join('\n'));
    const seen: string[] = [];
    for await (const batch of readLines(path, { batchLines: 10 })) batch.lines.forEach((line, i) => seen.push(`${batch.firstLineNo + i}:${line}`));
    expect(seen).toHaveLength(25);
    expect(seen[24]).toBe('25:line 25');
    expect(seen.every((entry) => entry === `${entry.split(':')[0]}:line ${entry.split(':')[0]}`)).toBe(true);
  });
});

describe('format detection', () => {
  it('recognises each format from its first lines', () => {
    expect(detectFormat(readSample('zeek/cisagov__icsnpp-dnp3/analyzer.basic/dnp3.log').split('\n'))).toBe('zeek');
    expect(detectFormat(readSample('zeek/brimdata__zed-sample-data/zeek-json/notice.json.gz').split('\n'))).toBe('zeek');
    expect(detectFormat(readSample('suricata/OISF__suricata/eve-json-format.rst.examples.json').split('\n'))).toBe('suricata');
    expect(detectFormat(readSample('syslog/tenzir__tenzir/syslog.log').split('\n'))).toBe('syslog');
    expect(detectFormat(readSample('syslog/elastic__beats/darwin-syslog-sample.log').split('\n'))).toBe('syslog');
    expect(detectFormat(readSample('syslog/elastic__beats/tz-offset.log').split('\n'))).toBe('syslog');
    expect(detectFormat(['{"winlog":{"event_id":4624}}'])).toBe('winevent');
    expect(detectFormat(['{"EventID":4624,"Channel":"Security"}'])).toBe('winevent');
    expect(detectFormat(['{"a":1}'])).toBeNull();
    expect(detectFormat(['just text'])).toBeNull();
  });
});

describe('follow mode', () => {
  it('delivers appended lines, survives rename rotation and truncation, without losing or repeating a line', async () => {
    const path = join(dir, 'live.log');
    await writeFile(path, 'a1\na2\n');
    const seen: string[] = [];
    const rotations: string[] = [];
    const handle = followFile(path, (batch: LineBatch) => {
      batch.lines.forEach((line, i) => seen.push(`${batch.firstLineNo + i}:${line}`));
    }, { pollMs: 20, onRotate: (reason) => rotations.push(reason) });
    try {
      await until(() => seen.length === 2, 'the existing lines');
      await appendFile(path, 'a3\npart');
      await until(() => seen.length === 3, 'the appended line');
      await appendFile(path, 'ial\n');
      await until(() => seen.length === 4, 'the completed partial line');
      // Rotation: the writer adds a line, the file is renamed away and a new one is started.
      await appendFile(path, 'a5\n');
      await rename(path, `${path}.1`);
      await writeFile(path, 'b1\nb2\n');
      await until(() => seen.length === 7, 'the new file after rename');
      // Truncation in place (copytruncate).
      await truncate(path, 0);
      await until(() => rotations.length === 2, 'the truncation');
      await appendFile(path, 'c1\n');
      await until(() => seen.length === 8, 'the line after truncation');
    } finally {
      await handle.close();
    }
    expect(seen).toEqual(['1:a1', '2:a2', '3:a3', '4:partial', '5:a5', '1:b1', '2:b2', '1:c1']);
    expect(rotations).toEqual(['renamed', 'truncated']);
  });

  it('can start at the end of the existing file', async () => {
    const path = join(dir, 'tail.log');
    await writeFile(path, 'old\n');
    const seen: string[] = [];
    const handle = followFile(path, (batch) => void seen.push(...batch.lines.map(String)), { pollMs: 20, start: 'end' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 80));
      await appendFile(path, 'new\n');
      await until(() => seen.length === 1, 'the new line');
    } finally {
      await handle.close();
    }
    expect(seen).toEqual(['new']);
  });

  it('parses followed Zeek logs with a new header after rotation', async () => {
    const path = join(dir, 'conn.log');
    const header = ['#separator \\x09', '#path\tconn', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto', '#types\ttime\tstring\taddr\tport\taddr\tport\tenum'].join('\n');
    await writeFile(path, `${header}\n1700000000.0\tC1\t10.0.0.1\t1\t10.0.0.2\t502\ttcp\n`);
    const batches: FileBatch[] = [];
    const handle = followEvents(path, 'zeek', (batch) => void batches.push(batch), { pollMs: 20 });
    const events = () => batches.flatMap((batch) => batch.events);
    try {
      await until(() => events().length === 1, 'the first record');
      await rename(path, `${path}.old`);
      // The new file has fewer fields: parsing it with the old header would fail.
      await writeFile(path, `${header.replace('\tproto', '').replace('\tenum', '')}\n1700000001.0\tC2\t10.0.0.3\t2\t10.0.0.4\t20000\n`);
      await until(() => events().length === 2, 'the record after rotation');
    } finally {
      await handle.close();
    }
    expect(batches.flatMap((batch) => batch.issues)).toEqual([]);
    expect(events().map((event) => [event.kind, event.fields.source?.ip, event.origin?.line])).toEqual([
      ['flow', '10.0.0.1', 5],
      ['flow', '10.0.0.3', 5],
    ]);
  });
});
