// Helpers for the unit tests of the BACnet, OPC UA, MMS, GOOSE, PROFINET DCP and MQTT dissectors:
// a sink that records what a dissector reports, and a seeded fuzz loop. No test framework here.
import type { CotpPayloadDissector, Dissector, DissectSink, IdentityDraft, OperationDraft, OperationOutcome } from '../types.js';

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

/** Bytes from hex text; spaces ignored. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** Deterministic PRNG (mulberry32). */
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

/**
 * Feeds every truncation of each sample, then `rounds` random mutations of them, through one state
 * per sample; returns how many times the sink was called. Any exception escapes to the test.
 */
export function fuzz(d: Dissector | CotpPayloadDissector, samples: readonly Uint8Array[], rounds = 2000, seed = 7): number {
  const next = seeded(seed);
  let calls = 0;
  const sink: DissectSink = {
    wantFields: true,
    field: () => void calls++,
    operation: () => void calls++,
    outcome: () => void calls++,
    identity: () => void calls++,
    malformed: () => void calls++,
  };
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
  return calls;
}
