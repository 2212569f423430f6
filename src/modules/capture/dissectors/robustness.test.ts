// The robustness suite every dissector runs: empty, random, truncated and mutated input must never
// throw, hang or grow state without bound. Real PDUs come from the shared captures.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentSink } from '../decode/test-dissectors.js';
import { analyzeCaptureFile } from '../pipeline.js';
import { countingSink, pcaps, seeded } from './dissector-test-kit.js';
import { cotpDissectors, dissectors } from './index.js';
import type { CotpPayloadDissector, Dissector, DissectSink, PduContext } from './types.js';

const perProtocol = 200;

type AnyDissector = Dissector | CotpPayloadDissector;
const all: readonly AnyDissector[] = [...dissectors, ...cotpDissectors];

function feed(d: AnyDissector, state: unknown, pdu: Uint8Array, toServer: boolean, sink: DissectSink): void {
  const ctx: PduContext<unknown> = { frame: 1, time: 0, toServer, state };
  d.dissect(pdu, ctx, sink);
  if ('pduLength' in d && d.pduLength) {
    const n = d.pduLength(pdu);
    expect(Number.isInteger(n) && n >= -1).toBe(true);
  }
  d.probe(pdu);
}

function listCaptures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listCaptures(path) : [path];
  });
}

/** Real PDUs per protocol, recorded by wrapping every dissector while the shared captures are analyzed. */
const samples = new Map<string, Array<{ pdu: Uint8Array; toServer: boolean }>>();

function recording<T extends AnyDissector>(d: T): T {
  const list = samples.get(d.protocol) ?? [];
  samples.set(d.protocol, list);
  return {
    ...d,
    probe: (p: Uint8Array) => d.probe(p),
    createState: () => d.createState(),
    dissect: (pdu: Uint8Array, ctx: PduContext<unknown>, sink: DissectSink) => {
      if (list.length < perProtocol) list.push({ pdu: pdu.slice(), toServer: ctx.toServer });
      d.dissect(pdu, ctx, sink);
    },
  };
}

const noSink = silentSink(true);

beforeAll(async () => {
  const options = { dissectors: dissectors.map(recording), cotpDissectors: cotpDissectors.map(recording) };
  for (const path of listCaptures(pcaps)) await analyzeCaptureFile(path, noSink, options);
}, 300_000);

describe.each(all.map((d) => [d.protocol, d] as const))('%s dissector robustness', (_protocol, d) => {
  it('survives empty and one-byte payloads', () => {
    const sink = countingSink();
    for (const toServer of [true, false]) {
      feed(d, d.createState(), new Uint8Array(0), toServer, sink);
      for (let b = 0; b < 256; b++) feed(d, d.createState(), Uint8Array.of(b), toServer, sink);
    }
  });

  it('survives 3,000 random payloads', () => {
    const next = seeded(0xb01a4c + d.protocol.length);
    const state = d.createState();
    const sink = countingSink();
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(Math.floor(next() * 300));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
      feed(d, state, bytes, next() < 0.5, sink);
    }
  });

  it('has real PDUs from the shared captures (when the protocol is in them) and survives every truncation', () => {
    const list = samples.get(d.protocol) ?? [];
    const sink = countingSink();
    for (const { pdu, toServer } of list.slice(0, 60)) {
      for (let length = 0; length < pdu.length; length++) feed(d, d.createState(), pdu.subarray(0, length), toServer, sink);
    }
    if (list.length > 0) expect(sink.calls).toBeGreaterThan(0);
  });

  it('survives 5,000 seeded mutations of real PDUs and keeps its state bounded', () => {
    const list = samples.get(d.protocol) ?? [];
    if (list.length === 0) return;
    const next = seeded(0x5eed + d.protocol.length);
    const state = d.createState();
    const sink = countingSink();
    const started = performance.now();
    for (let i = 0; i < 5000; i++) {
      const sample = list[Math.floor(next() * list.length)];
      if (!sample) continue;
      const bytes = sample.pdu.slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let f = 0; f < flips && bytes.length > 0; f++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      feed(d, state, bytes, sample.toServer, sink);
    }
    expect(performance.now() - started).toBeLessThan(20_000);
    // Per-conversation state must not keep every PDU it saw.
    expect(JSON.stringify(state, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v) ?? null).length).toBeLessThan(1_000_000);
  });
});
