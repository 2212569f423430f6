// The capture analysis on a stream that does not end (a sensor reading `tcpdump -w -`): the same
// reader, decoder, dissectors and analysis as a capture job, with the operations log handed over while
// reading goes on and snapshots of hosts and communications on demand. Memory stays bounded as for
// files: operations leave as they close, conversations fold into per-host and per-pair totals.
import { createCaptureAnalysis, type CaptureAnalysis } from './analysis/capture-analysis.js';
import { loadDefaultOui } from './analysis/oui.js';
import type { CommunicationPair, DiscoveredHost, OperationRecord } from './analysis/types.js';
import { builtinRules } from './fingerprints/builtin-rules.js';
import type { FingerprintRule } from './fingerprints/rules.js';
import { createCaptureAnalysis as createCaptureRun } from './pipeline.js';
import { readCapture, type CaptureInput } from './reader/read-capture.js';
import type { CaptureSummary } from './types.js';

export interface LiveAnalysisOptions {
  /** Fingerprint rules (default: the built-in ones). */
  readonly rules?: readonly FingerprintRule[];
}

export interface LiveAnalysis {
  /** Reads the input to its end (or until the format is broken); chunks are analyzed as they come. */
  read(input: CaptureInput): Promise<CaptureSummary>;
  /**
   * Operations completed so far. Records that can no longer grow by now are closed first: capture
   * time advances with the wall clock while the input is quiet, so a quiet network's records still leave.
   */
  takeOperations(): OperationRecord[];
  /** Hosts and communications so far (the analysis goes on). */
  snapshot(): { hosts: DiscoveredHost[]; communications: CommunicationPair[] };
  /** After read(): the remaining operations and the final hosts and communications. */
  finish(): { hosts: DiscoveredHost[]; communications: CommunicationPair[]; operations: OperationRecord[] };
  readonly frames: number;
  readonly bytes: number;
}

export async function createLiveAnalysis(options: LiveAnalysisOptions = {}): Promise<LiveAnalysis> {
  const analysis: CaptureAnalysis = createCaptureAnalysis({ oui: await loadDefaultOui(), rules: options.rules ?? builtinRules });
  const run = createCaptureRun(analysis);
  let seenFrames = 0;
  let wallAtLastFrame = Date.now();
  return {
    async read(input) {
      await readCapture(input, run.reader);
      return run.end();
    },
    takeOperations() {
      const reader = run.reader;
      if (reader.frames !== seenFrames) {
        seenFrames = reader.frames;
        wallAtLastFrame = Date.now();
      }
      if (reader.frames > 0) analysis.operations.closeIdle(reader.lastTime + (Date.now() - wallAtLastFrame) * 1000);
      return analysis.operations.drain();
    },
    snapshot: () => analysis.snapshot(),
    finish: () => analysis.finish(),
    get frames() {
      return run.reader.frames;
    },
    get bytes() {
      return run.reader.bytes;
    },
  };
}
