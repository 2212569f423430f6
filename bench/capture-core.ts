// Child process: the capture pipeline and analysis alone (reading, decoding, reassembly, dissection,
// inventory, operations log) on one file, on one core, without the database. Prints JSON figures.
import { analyzeCaptureFile } from '../src/modules/capture/pipeline.js';
import { createCaptureAnalysis } from '../src/modules/capture/analysis/capture-analysis.js';
import { builtinRules } from '../src/modules/capture/fingerprints/builtin-rules.js';
import { peakRssMb } from './kb-support.js';

const file = process.argv[2];
if (!file) throw new Error('usage: capture-core.ts FILE');
const analysis = createCaptureAnalysis({ rules: builtinRules });
let operations = 0;
const started = performance.now();
const cpuStart = process.cpuUsage();
// Operations are handed over as they complete (as the job runner writes them), so memory stays bounded.
const timer = setInterval(() => (operations += analysis.operations.drain().length), 50);
const summary = await analyzeCaptureFile(file, analysis);
clearInterval(timer);
const result = analysis.finish();
operations += result.operations.length;
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({
    frames: summary.frames,
    bytes: summary.bytes,
    pdus: summary.pdus,
    malformed: summary.malformed,
    hosts: result.hosts.length,
    operations,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: await peakRssMb(),
    error: summary.error ?? null,
  })}\n`,
);
