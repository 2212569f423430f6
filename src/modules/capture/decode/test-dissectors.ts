// Tiny dissectors for pipeline tests: they frame and record PDUs without depending on real ones.
import type { CotpPayloadDissector, Dissector, ProtocolId } from '../dissectors/types.js';
import { createCaptureAnalysis, type AnalyzeOptions } from '../pipeline.js';
import { writePcap, type PacketToWrite } from '../reader/capture-writer.js';
import type { CaptureSink, CaptureSummary } from '../types.js';
import { RecordingSink } from './recording-sink.js';

export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export interface FakeOptions {
  readonly transport?: 'tcp' | 'udp' | 'ethernet';
  readonly ports?: readonly number[];
  readonly etherTypes?: readonly number[];
  /** probe() accepts payloads starting with this byte (else never). */
  readonly probeByte?: number;
  /** Frame with a 2-byte big-endian length prefix (default); false: no pduLength. */
  readonly framed?: boolean;
}

/**
 * PDUs are a 2-byte length then that many bytes; a PDU starting 0xff cannot be framed; dissect()
 * throws on a PDU whose third byte is 0xee. Each PDU is reported as field "pdu" (hex) and its
 * state counter as field "n".
 */
export function lengthPrefixed(protocol: ProtocolId, o: FakeOptions = {}): Dissector<{ n: number }> {
  const d: Dissector<{ n: number }> = {
    protocol,
    transport: o.transport ?? 'tcp',
    ports: o.ports ?? [],
    ...(o.etherTypes !== undefined ? { etherTypes: o.etherTypes } : {}),
    probe: (b) => o.probeByte !== undefined && b[0] === o.probeByte,
    createState: () => ({ n: 0 }),
    dissect(pdu, ctx, sink) {
      ctx.state.n++;
      if (pdu[2] === 0xee) throw new Error('boom');
      sink.field('pdu', hex(pdu));
      sink.field('n', ctx.state.n);
    },
  };
  if (o.framed === false) return d;
  return { ...d, pduLength: (b) => (b.length > 0 && b[0] === 0xff ? -1 : b.length < 2 ? 0 : 2 + ((b[0]! << 8) | b[1]!)) };
}

/** A COTP payload dissector accepting user data that starts with `first`. */
export function cotpFake(protocol: ProtocolId, first: number): CotpPayloadDissector<{ n: number }> {
  return {
    protocol,
    probe: (b) => b[0] === first,
    createState: () => ({ n: 0 }),
    dissect(payload, ctx, sink) {
      ctx.state.n++;
      sink.field('pdu', hex(payload));
      sink.field('n', ctx.state.n);
    },
  };
}

/** Runs packets (one per frame) through the pipeline synchronously. */
export function analyzePackets(
  packets: readonly (Uint8Array | PacketToWrite)[],
  options: AnalyzeOptions & { readonly linkType?: number } = {},
): { sink: RecordingSink; summary: CaptureSummary } {
  const sink = new RecordingSink();
  const file = writePcap(
    packets.map((p, i) => (p instanceof Uint8Array ? { data: p, time: 1_000_000 * (i + 1) } : p)),
    { linkType: options.linkType ?? 1 },
  );
  const run = createCaptureAnalysis(sink, { dissectors: [], cotpDissectors: [], ...options });
  run.feed(file);
  return { sink, summary: run.end() };
}

/** PDU of the lengthPrefixed dissectors. */
export function prefixed(...body: number[]): number[] {
  return [body.length >> 8, body.length & 0xff, ...body];
}

/** A capture sink that drops everything it is told. */
export function silentSink(wantFields = false): CaptureSink {
  return {
    wantFields,
    frame: () => undefined,
    field: () => undefined,
    operation: () => undefined,
    outcome: () => undefined,
    identity: () => undefined,
    malformed: () => undefined,
  };
}
