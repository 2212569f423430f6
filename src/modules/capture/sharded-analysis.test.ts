// An analysis split by conversation over shards (threads in a job) must find exactly what one pass
// finds: the same summary, hosts, communications, malformed reports and operation records, on every
// real capture we have.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisShards, runAnalysisTask, runShard, type AnalysisTaskResult } from './analysis-task.js';
import { builtinRules } from './fingerprints/builtin-rules.js';

const pcaps = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'pcaps');
const captures = readdirSync(pcaps, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.pcap(ng)?(\.gz)?$/.test(f))
  .map((f) => join(pcaps, f))
  .sort();
const jobId = '00000000-0000-4000-8000-000000000000';

async function analyze(path: string, shards: number): Promise<{ result: AnalysisTaskResult; rows: string[] }> {
  const rows: string[] = [];
  const result = await runAnalysisTask(
    { jobId, path, rules: builtinRules, batchRecords: 64 },
    {
      batch: (text) => {
        // the sequence number is the order records arrive in from the shards: compare the records
        for (const line of text.split('\n')) if (line !== '') rows.push(line.split('\t').slice(2).join('\t'));
        return Promise.resolve();
      },
      progress: () => undefined,
    },
    shards,
  );
  return { result, rows };
}

const byFrame = (rows: string[]): string[] => [...rows].sort((a, b) => Number(a.split('\t', 1)[0]) - Number(b.split('\t', 1)[0]) || (a < b ? -1 : a > b ? 1 : 0));

describe('sharded capture analysis', () => {
  it('splits only large files, and only where there is a core per shard beside storage and the database', () => {
    const large = 512 * 1024 * 1024;
    expect(analysisShards(79 * 1024 * 1024, 8)).toBe(1);
    expect(analysisShards(large, 2)).toBe(1);
    expect(analysisShards(large, 3)).toBe(1);
    expect(analysisShards(large, 4)).toBe(2);
    expect(analysisShards(large, 64)).toBe(2);
  });

  it('finds the shared captures', () => {
    expect(captures.length).toBeGreaterThan(40);
  });

  it.each(captures)('gives what one pass gives: %s', async (path) => {
    const one = await analyze(path, 1);
    for (const shards of [2, 3]) {
      const split = await analyze(path, shards);
      expect(split.result.read).toEqual(one.result.read);
      expect(split.result.bytesRead).toBe(one.result.bytesRead);
      expect(split.result.hosts).toEqual(one.result.hosts);
      expect(split.result.communications).toEqual(one.result.communications);
      expect(split.result.malformedReports).toEqual(one.result.malformedReports);
      expect(split.result.operations).toBe(one.result.operations);
      expect(byFrame(split.rows)).toEqual(byFrame(one.rows));
    }
  }, 60_000);

  it('really splits: on a capture of many conversations every shard decodes some, and none decodes a frame twice', async () => {
    const path = join(pcaps, 'dnp3', 'dnp3_test_data_part1.pcap');
    expect(statSync(path).size).toBeGreaterThan(0);
    const shards = await Promise.all([0, 1].map((index) => runShard({ path, shard: { index, count: 2 } }, { rows: () => Promise.resolve(), progress: () => undefined })));
    const whole = await runShard({ path, shard: { index: 0, count: 1 } }, { rows: () => Promise.resolve(), progress: () => undefined });
    const conversations = shards.map((s) => s.state.conversations.length);
    for (const n of conversations) expect(n).toBeGreaterThan(0);
    expect(conversations[0]! + conversations[1]!).toBe(whole.state.conversations.length);
    const packets = (s: typeof whole): number => s.state.conversations.reduce((n, c) => n + c.packets, 0);
    expect(packets(shards[0]!) + packets(shards[1]!)).toBe(packets(whole));
  });
});
