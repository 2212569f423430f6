// Helpers for the dissector unit tests: sinks that record what a dissector reports, a session that
// feeds one conversation, byte builders, a seeded fuzz loop and the shared captures. No test framework here.
import { fileURLToPath } from 'node:url';
import { analyzeCaptureFile } from '../pipeline.js';
import type { CaptureSink, CaptureSummary } from '../types.js';
import type { CotpPayloadDissector, Dissector, DissectSink, IdentityDraft, OperationDraft, OperationOutcome, ProtocolId } from './types.js';

/** The shared capture files (a folder outside the repository), with a trailing slash. */
export const pcaps = fileURLToPath(new URL('../../../../../shared/data/pcaps/', import.meta.url));

export interface Recorded {
  readonly fields: Array<[string, string | number]>;
  readonly operations: OperationDraft[];
  readonly outcomes: Array<[string, OperationOutcome]>;
  readonly identities: IdentityDraft[];
  readonly problems: string[];
}

export type RecordingDissectSink = DissectSink & Recorded;

export function recorder(wantFields = true): RecordingDissectSink {
  const r: Recorded = { fields: [], operations: [], outcomes: [], identities: [], problems: [] };
  return {
    ...r,
    wantFields,
    field: (name, value) => void r.fields.push([name, value]),
    operation: (op) => void r.operations.push(op),
    outcome: (key, outcome) => void r.outcomes.push([key, outcome]),
    identity: (fact) => void r.identities.push(fact),
    malformed: (reason) => void r.problems.push(reason),
  };
}

/** Values of one field, in order. */
export function values(sink: Recorded, name: string): Array<string | number> {
  return sink.fields.filter(([n]) => n === name).map(([, v]) => v);
}

/** What a dissector reported, with fields looked up by name and outcomes kept with their pair key. */
export interface KeyedRecording {
  readonly sink: DissectSink;
  readonly fields: Map<string, (string | number)[]>;
  readonly ops: OperationDraft[];
  readonly outcomes: { key: string; outcome: OperationOutcome }[];
  readonly ids: IdentityDraft[];
  readonly malformed: string[];
}

export function keyedRecorder(): KeyedRecording {
  // Operations, identities and problems land in the flat recorder's lists; fields and outcomes are keyed here.
  const flat = recorder();
  const fields = new Map<string, (string | number)[]>();
  const outcomes: { key: string; outcome: OperationOutcome }[] = [];
  const sink: DissectSink = {
    ...flat,
    field: (name, value) => void fields.set(name, [...(fields.get(name) ?? []), value]),
    outcome: (key, outcome) => void outcomes.push({ key, outcome }),
  };
  return { sink, fields, ops: flat.operations, outcomes, ids: flat.identities, malformed: flat.problems };
}

export interface DissectorSession<S> {
  readonly state: S;
  /** Dissects one PDU of the conversation into `sink` (a fresh recorder by default) and returns it. */
  send(pdu: Uint8Array, toServer?: boolean, sink?: RecordingDissectSink): RecordingDissectSink;
}

/** One conversation of `dissector`: one state, frames numbered from 1. */
export function startSession<S>(dissector: Dissector<S> | CotpPayloadDissector<S>): DissectorSession<S> {
  const state = dissector.createState();
  let frame = 0;
  return {
    state,
    send: (pdu, toServer = true, sink = recorder()) => {
      dissector.dissect(pdu, { frame: ++frame, time: 0, toServer, state }, sink);
      return sink;
    },
  };
}

/** Sends every truncation of every sample, as client and then as server, each pass in a fresh session. */
export function sendTruncations(session: () => DissectorSession<unknown>, samples: readonly Uint8Array[]): void {
  for (const toServer of [true, false]) {
    const { send } = session();
    for (const sample of samples) for (let n = 0; n <= sample.length; n++) send(sample.subarray(0, n), toServer);
  }
}

/** Byte values from hex text; spaces ignored. */
export function hex(text: string): number[] {
  return (text.replace(/\s+/g, '').match(/../g) ?? []).map((h) => Number.parseInt(h, 16));
}

/** Bytes from hex text; spaces ignored. */
export function fromHex(text: string): Uint8Array {
  return Uint8Array.from(hex(text));
}

export function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** Deterministic PRNG (mulberry32), so a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic random bytes (0-255) from a linear congruential generator. */
export function randomBytes(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
}

/** A sink that only counts how often it is called. */
export function countingSink(): DissectSink & { calls: number } {
  const sink = {
    wantFields: true,
    calls: 0,
    field: () => void sink.calls++,
    operation: () => void sink.calls++,
    outcome: () => void sink.calls++,
    identity: () => void sink.calls++,
    malformed: () => void sink.calls++,
  };
  return sink;
}

/**
 * Feeds every truncation of each sample, then `rounds` random mutations of them, through one state
 * per sample; returns how many times the sink was called. Any exception escapes to the test.
 */
export function fuzz(d: Dissector | CotpPayloadDissector, samples: readonly Uint8Array[], rounds = 2000, seed = 7): number {
  const next = seeded(seed);
  const sink = countingSink();
  const state = d.createState();
  const feed = (pdu: Uint8Array, toServer: boolean): void => {
    d.dissect(pdu, { frame: 1, time: 0, toServer, state }, sink);
    d.probe(pdu);
    if ('pduLength' in d && d.pduLength) {
      const n = d.pduLength(pdu);
      if (!Number.isInteger(n) || n < -1) throw new Error(`pduLength returned ${n}`);
    }
  };
  for (const sample of samples) for (let n = 0; n <= sample.length; n++) feed(sample.subarray(0, n), n % 2 === 0);
  for (let i = 0; i < rounds && samples.length > 0; i++) {
    const bytes = (samples[Math.floor(next() * samples.length)] as Uint8Array).slice();
    const flips = 1 + Math.floor(next() * 4);
    for (let f = 0; f < flips && bytes.length > 0; f++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    feed(bytes, next() < 0.5);
  }
  for (let i = 0; i < rounds; i++) {
    const bytes = new Uint8Array(Math.floor(next() * 200));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
    feed(bytes, next() < 0.5);
  }
  return sink.calls;
}

/** What one protocol reported while a whole capture went through the pipeline (fields not asked for). */
export interface ProtocolCapture {
  readonly summary: CaptureSummary;
  readonly operations: OperationDraft[];
  readonly outcomes: OperationOutcome[];
  /** The outcomes again, each with the pair key it answered. */
  readonly keyedOutcomes: Array<[string, OperationOutcome]>;
  readonly identities: IdentityDraft[];
  readonly malformed: string[];
}

export async function analyzeProtocol(protocol: ProtocolId, path: string): Promise<ProtocolCapture> {
  const operations: OperationDraft[] = [];
  const outcomes: OperationOutcome[] = [];
  const keyedOutcomes: Array<[string, OperationOutcome]> = [];
  const identities: IdentityDraft[] = [];
  const malformed: string[] = [];
  const sink: CaptureSink = {
    wantFields: false,
    frame: () => undefined,
    field: () => undefined,
    operation: (at, op) => void (at.protocol === protocol && operations.push(op)),
    outcome: (at, key, outcome) => {
      if (at.protocol !== protocol) return;
      outcomes.push(outcome);
      keyedOutcomes.push([key, outcome]);
    },
    identity: (at, fact) => void (at.protocol === protocol && identities.push(fact)),
    malformed: (_frame, layer, reason) => void (layer === protocol && malformed.push(reason)),
  };
  const summary = await analyzeCaptureFile(path, sink);
  return { summary, operations, outcomes, keyedOutcomes, identities, malformed };
}
