// The shipped CLI (the bundle package.json names as its bin) analyzes captures on a worker thread,
// which tests run from source never reach: this runs the built file as a user does and checks that
// what it stores is what the same analysis gives in this thread.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { runAnalysisTask } from '../src/modules/capture/analysis-task.js';
import { analyzeInWorker } from '../src/modules/capture/job-runner.js';
import { spawnAnalysisWorker } from '../src/modules/capture/analysis-worker-handle.js';
import { maxUnstoredBatches } from '../src/modules/capture/analysis-worker-protocol.js';
import { builtinRules } from '../src/modules/capture/fingerprints/builtin-rules.js';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'dist/cli/bulwark.mjs');
const worker = join(root, 'dist/cli/chunks/analysis-worker.mjs');
const pcaps = join(root, '..', 'shared', 'data', 'pcaps');
// Three protocols; the operations of each go through the worker and are stored by the job.
const captures = [join(pcaps, 'modbus', 'ModbusTCP.pcap'), join(pcaps, 'enip', 'EthernetIP-CIP.pcap'), join(pcaps, 's7', 's7comm_varservice_libnodavedemo_bench.pcap')];

const run = promisify(execFile);

interface JobJson {
  readonly status: string;
  readonly summary: { frames: number; operations: number; hosts: number; communications: number; pdus: Record<string, number>; malformed: number };
}

describe('the built CLI analyzes captures on a worker thread', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    for (const path of [entry, worker]) if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build first (npm test does)`);
    dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-capture-'));
    env = { PATH: process.env['PATH'] ?? '', HOME: dir, BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'warn' };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(captures)('stores what the in-thread analysis finds: %s', async (path) => {
    expect(existsSync(path), path).toBe(true);
    const { stdout } = await run(process.execPath, [entry, 'capture', 'analyze', path, '--json', '--reanalyze'], { env, timeout: 120_000 });
    const job = JSON.parse(stdout) as JobJson;
    expect(job.status).toBe('finished');

    let batches = 0;
    let records = 0;
    const here = await runAnalysisTask(
      { jobId: '00000000-0000-4000-8000-000000000000', path, rules: builtinRules },
      {
        batch: (_text, count) => {
          batches++;
          records += count;
          return Promise.resolve();
        },
        progress: () => undefined,
      },
    );
    expect(batches).toBeGreaterThan(0);
    expect(records).toBe(here.operations);
    expect(job.summary).toMatchObject({
      frames: here.read.frames,
      operations: here.operations,
      hosts: here.hosts.length,
      communications: here.communications.length,
      pdus: here.read.pdus,
      malformed: here.read.malformed,
    });
  }, 180_000);

  it('hands batches over in order, stores one at a time, and reports a failure instead of hanging', async () => {
    // The worker built by tsc, driven the way a job drives it, with tiny batches.
    const url = pathToFileURL(join(root, 'dist/src/modules/capture/analysis-worker.js'));
    const input = { jobId: '00000000-0000-4000-8000-000000000000', path: join(pcaps, 'modbus', 'ModbusTCP.pcap'), rules: builtinRules, batchRecords: 2 };
    const stored: string[] = [];
    let storing = 0;
    let mostAtOnce = 0;
    const result = await analyzeInWorker(
      url,
      input,
      async (text) => {
        storing++;
        mostAtOnce = Math.max(mostAtOnce, storing);
        await new Promise((r) => setTimeout(r, 20));
        stored.push(text);
        storing--;
      },
      () => undefined,
    );
    const here: string[] = [];
    await runAnalysisTask(input, { batch: (text) => Promise.resolve(void here.push(text)), progress: () => undefined });
    expect(stored.length).toBeGreaterThan(1);
    expect(stored).toEqual(here);
    expect(mostAtOnce).toBe(1);
    expect(result.operations).toBe(stored.join('').split('\n').filter(Boolean).length);

    await expect(analyzeInWorker(url, { ...input, path: join(dir, 'missing.pcap') }, () => Promise.resolve(), () => undefined)).rejects.toThrow(/missing\.pcap/);
  }, 120_000);

  it('starts ahead of its job: decodes a bounded number of batches before the job is known, then gives what the job-first analysis gives', async () => {
    const url = pathToFileURL(join(root, 'dist/src/modules/capture/analysis-worker.js'));
    const path = join(pcaps, 's7', 's7comm_varservice_libnodavedemo_bench.pcap');
    const input = { jobId: '00000000-0000-4000-8000-000000000001', path, rules: builtinRules, batchRecords: 1 };
    const ahead = spawnAnalysisWorker(url, { path, batchRecords: 1 });
    // the job (and the organisation's rules) arrive later, as they do while the CLI opens the database:
    // meanwhile the worker decodes a bounded number of batches ahead, then waits
    const since = performance.now();
    while (ahead.unstored() < maxUnstoredBatches && performance.now() - since < 30_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400));
    expect(ahead.unstored()).toBe(maxUnstoredBatches);
    const stored: string[] = [];
    const result = await ahead.run({ jobId: input.jobId, rules: builtinRules }, async (text) => void stored.push(text), () => undefined);
    const here: string[] = [];
    const inThread = await runAnalysisTask(input, { batch: (text) => Promise.resolve(void here.push(text)), progress: () => undefined });
    expect(stored.length).toBeGreaterThan(maxUnstoredBatches);
    expect(stored.join('')).toBe(here.join(''));
    expect(result.operations).toBe(inThread.operations);
    // identities use the rules given with the job, not the (empty) rules the worker started with
    expect(result.hosts).toEqual(inThread.hosts);
    expect(result.hosts.some((h) => h.identity.rules.length > 0)).toBe(true);

    const missing = spawnAnalysisWorker(url, { path: join(dir, 'missing.pcap') });
    await new Promise((r) => setTimeout(r, 300));
    await expect(missing.run({ jobId: input.jobId, rules: [] }, () => Promise.resolve(), () => undefined)).rejects.toThrow(/missing\.pcap/);
  }, 120_000);

  it('leaves no head start behind when the organisation already has a job for the file', async () => {
    const path = join(pcaps, 'modbus', 'ModbusTCP.pcap');
    const first = JSON.parse((await run(process.execPath, [entry, 'capture', 'analyze', path, '--json'], { env, timeout: 120_000 })).stdout) as JobJson & { id: string };
    const started = performance.now();
    const again = JSON.parse((await run(process.execPath, [entry, 'capture', 'analyze', path, '--json'], { env, timeout: 120_000 })).stdout) as JobJson & { id: string };
    // the process ends (its head start discarded) and answers with the job it already had
    expect(again.id).toBe(first.id);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 180_000);
});
