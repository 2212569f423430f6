// The capture pipeline: reader (pcap/pcapng, gzip) → decoder (link, IP, TCP/UDP, ISO transport) →
// dissectors, reporting everything to a CaptureSink and returning a summary.
import { createReadStream } from 'node:fs';
import { cotpDissectors as registeredCotpDissectors, dissectors as registeredDissectors } from './dissectors/index.js';
import type { CotpPayloadDissector, Dissector } from './dissectors/types.js';
import type { DecodeLimits } from './decode/limits.js';
import { PacketDecoder, supportedLinkTypes, type Shard } from './decode/packet-decoder.js';
import { CaptureReader } from './reader/capture-reader.js';
import { readCapture, READ_CHUNK_SIZE, type CaptureInput } from './reader/read-capture.js';
import type { CaptureSink, CaptureSummary } from './types.js';

export interface AnalyzeOptions {
  /** Dissectors found by port, Ethernet type or content (default: those registered in dissectors/index.ts). */
  readonly dissectors?: readonly Dissector[];
  /** Protocols inside ISO transport (default: those registered in dissectors/index.ts). */
  readonly cotpDissectors?: readonly CotpPayloadDissector[];
  /** Bounds on what is kept between packets (conversations, reassembly). */
  readonly limits?: Partial<DecodeLimits>;
  /** Only this shard's conversations (an analysis split over threads; see Shard). */
  readonly shard?: Shard;
}

/** Push-style analysis: feed chunks synchronously, then end() for the summary. */
export interface CaptureAnalysisRun {
  /** False once reading has stopped (bad input): further chunks are ignored. */
  feed(chunk: Uint8Array): boolean;
  end(): CaptureSummary;
  readonly reader: CaptureReader;
  readonly decoder: PacketDecoder;
}

export function createCaptureAnalysis(sink: CaptureSink, options: AnalyzeOptions = {}): CaptureAnalysisRun {
  const decoder = new PacketDecoder(sink, {
    dissectors: options.dissectors ?? registeredDissectors,
    cotpDissectors: options.cotpDissectors ?? registeredCotpDissectors,
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
  });
  const reader = new CaptureReader(decoder, { isSupportedLinkType: (t) => supportedLinkTypes.has(t) });
  return {
    reader,
    decoder,
    feed: (chunk) => reader.feed(chunk),
    end: () => {
      reader.end();
      return summarize(reader, decoder);
    },
  };
}

/** Analyzes a capture from a stream or async iterable of chunks (gzip-compressed or not). */
export async function analyzeCapture(
  input: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  sink: CaptureSink,
  options: AnalyzeOptions = {},
): Promise<CaptureSummary> {
  const run = createCaptureAnalysis(sink, options);
  await readCapture(input as CaptureInput, run.reader);
  return run.end();
}

/** Analyzes a capture file, read in 1 MiB chunks. I/O errors (missing file) reject. */
export async function analyzeCaptureFile(path: string, sink: CaptureSink, options: AnalyzeOptions = {}): Promise<CaptureSummary> {
  return analyzeCapture(createReadStream(path, { highWaterMark: READ_CHUNK_SIZE }), sink, options);
}

function summarize(reader: CaptureReader, decoder: PacketDecoder): CaptureSummary {
  decoder.finish();
  const summary = {
    format: reader.format ?? 'pcap',
    frames: reader.frames,
    bytes: reader.bytes,
    firstTime: reader.firstTime,
    lastTime: reader.lastTime,
    pdus: decoder.registry.pduCounts(),
    malformed: decoder.malformed,
  };
  return reader.error === undefined ? summary : { ...summary, error: reader.error };
}
