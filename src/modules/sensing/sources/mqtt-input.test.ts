import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectAsync } from 'mqtt';
import { get as sparkplugCodec } from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestContext } from '../types.js';
import { startMqttInput, type MqttInputOptions } from './mqtt-input.js';
import { createRecordingIngest, type RecordingIngest } from './recording-ingest.js';
import { until } from './test-support.js';
import { createMeter, createSourceSink, type SinkOptions, type SourceMeter } from './source-sink.js';
import type { RunningInput } from './types.js';

// Against the real Mosquitto on 127.0.0.1:1883, published to with mosquitto_pub (and the mqtt client).
const BROKER = 'mqtt://127.0.0.1:1883';
const run = promisify(execFile);
const pub = (topic: string, ...args: string[]) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '1883', '-t', topic, ...args]);

const contextFor = (orgId: string): IngestContext => ({ orgId, tlp: 'green', sharedUpward: true, source: { type: 'mqtt', id: 'src-mqtt', name: 'plant broker' } });

interface Harness {
  readonly ingest: RecordingIngest;
  readonly meter: SourceMeter;
  readonly input: RunningInput;
}

async function subscribe(config: Omit<MqttInputOptions, 'orgId' | 'sink' | 'meter' | 'brokerUrl'>, sinkOptions: SinkOptions = {}): Promise<Harness> {
  const ingest = createRecordingIngest();
  const meter = createMeter();
  const sink = createSourceSink(ingest, contextFor, meter, { flushMs: 10, ...sinkOptions });
  const input = await startMqttInput({ brokerUrl: BROKER, orgId: 'org-plant', sink, meter, ...config });
  return { ingest, meter, input };
}

describe('MQTT input against Mosquitto', { timeout: 60_000 }, () => {
  const prefix = `bulwark-test/${randomBytes(4).toString('hex')}`;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-mqtt-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps JSON payloads by the configured paths into telemetry events; a payload that is not JSON is rejected', async () => {
    const h = await subscribe({ topics: [`${prefix}/plant/+/temperature`], mapping: { valuePath: 'data.temp', timePath: 'ts', metricPath: 'tag', unit: '°C' } });
    try {
      await pub(`${prefix}/plant/boiler/temperature`, '-m', JSON.stringify({ tag: 'TT-101', data: { temp: 71.5 }, ts: 1765101600 }));
      await pub(`${prefix}/plant/boiler/temperature`, '-m', JSON.stringify({ data: { temp: 72 }, ts: '2026-12-07T10:00:05Z' }));
      await pub(`${prefix}/plant/boiler/temperature`, '-m', 'not json');
      await h.ingest.waitFor(2);
      await until(() => h.meter.received === 3, 'the third payload');
      expect(h.ingest.accepted.map((a) => a.draft)).toMatchObject([
        { kind: 'telemetry', time: '2025-12-07T10:00:00.000Z', message: 'TT-101 = 71.5 °C', fields: { ics: { protocol: 'mqtt', target: 'TT-101', value: 71.5, uom: '°C' } }, origin: { stream: `${prefix}/plant/boiler/temperature` } },
        // No tag in the payload: the topic names the metric.
        { time: '2026-12-07T10:00:05.000Z', fields: { ics: { target: `${prefix}/plant/boiler/temperature`, value: 72 } } },
      ]);
      expect(h.ingest.accepted[0]?.context).toMatchObject({ orgId: 'org-plant', tlp: 'green', source: { type: 'mqtt' } });
      expect(h.meter).toMatchObject({ received: 3, rejected: 1 });
      expect(h.meter.lastError).toMatch(/not JSON/);
    } finally {
      await h.input.close();
    }
  });

  it('decodes Sparkplug B: BIRTH metrics with names and units, DATA metrics by alias, DEATH as a log event', async () => {
    const group = `bulwark-${randomBytes(4).toString('hex')}`;
    const codec = sparkplugCodec('spBv1.0');
    if (codec === null) throw new Error('no Sparkplug B codec');
    const h = await subscribe({ topics: [`spBv1.0/${group}/#`] });
    try {
      const birth = codec.encodePayload({
        timestamp: Date.parse('2026-12-07T10:00:00Z'),
        seq: 0,
        metrics: [
          { name: 'Pump/Speed', alias: 1, type: 'Double', value: 1450.5, properties: { engUnit: { type: 'String', value: 'rpm' } } },
          { name: 'Pump/Running', alias: 2, type: 'Boolean', value: true },
          { name: 'Pump/Starts', alias: 3, type: 'UInt64', value: 42 },
        ],
      });
      const birthFile = join(dir, 'nbirth.bin');
      await writeFile(birthFile, birth);
      await pub(`spBv1.0/${group}/NBIRTH/edge-7`, '-f', birthFile);
      // DATA by alias only, published with the mqtt client.
      const data = codec.encodePayload({ timestamp: Date.parse('2026-12-07T10:00:10Z'), seq: 1, metrics: [{ alias: 1, type: 'Double', value: 1502.25, timestamp: Date.parse('2026-12-07T10:00:09Z') }] });
      const client = await connectAsync(BROKER);
      await client.publishAsync(`spBv1.0/${group}/NDATA/edge-7`, Buffer.from(data));
      await client.publishAsync(`spBv1.0/${group}/NDEATH/edge-7`, Buffer.from(codec.encodePayload({ timestamp: Date.parse('2026-12-07T10:01:00Z'), metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] })));
      await client.endAsync();
      await h.ingest.waitFor(5);
      const drafts = h.ingest.accepted.map((a) => a.draft);
      expect(drafts.map((d) => [d.kind, d.time, d.fields.ics?.target, d.fields.ics?.value, d.fields.ics?.uom])).toEqual([
        ['telemetry', '2026-12-07T10:00:00.000Z', 'Pump/Speed', 1450.5, 'rpm'],
        ['telemetry', '2026-12-07T10:00:00.000Z', 'Pump/Running', true, undefined],
        ['telemetry', '2026-12-07T10:00:00.000Z', 'Pump/Starts', 42, undefined],
        ['telemetry', '2026-12-07T10:00:09.000Z', 'Pump/Speed', 1502.25, undefined],
        ['log', '2026-12-07T10:01:00.000Z', undefined, undefined, undefined],
      ]);
      expect(drafts[0]?.fields).toMatchObject({ ics: { protocol: 'sparkplug_b', function: 'NBIRTH' }, observer: { name: 'edge-7' }, labels: { 'sparkplug.group': group } });
      expect(drafts[4]?.message).toBe('Sparkplug NDEATH: edge-7 went offline');
    } finally {
      await h.input.close();
    }
  });

  it('holds further messages while the ingest refuses (QoS 1: the broker keeps them) and loses none', async () => {
    const h = await subscribe({ topics: [`${prefix}/burst`], qos: 1, mapping: { valuePath: 'v' } }, { batchSize: 5, maxPending: 5, flushMs: 5 });
    h.ingest.refusing = true;
    const total = 60;
    try {
      const publisher = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', '1883', '-t', `${prefix}/burst`, '-q', '1', '-l'], { stdio: ['pipe', 'ignore', 'inherit'] });
      publisher.stdin.end(Array.from({ length: total }, (_, i) => JSON.stringify({ v: i })).join('\n') + '\n');
      await until(() => h.ingest.offers > 3, 'refused offers');
      await new Promise((r) => setTimeout(r, 300));
      // The bound, plus the message in hand.
      expect(h.meter.received).toBeLessThanOrEqual(6);
      h.ingest.refusing = false;
      await h.ingest.waitFor(total);
      expect(h.ingest.accepted.map((a) => a.draft.fields.ics?.value)).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(h.meter.dropped).toBe(0);
    } finally {
      await h.input.close();
    }
  });

  it('refuses to start when the broker is not there', async () => {
    await expect(startMqttInput({ brokerUrl: 'mqtt://127.0.0.1:9', topics: ['x'], orgId: 'o', sink: createSourceSink(createRecordingIngest(), contextFor, createMeter()), meter: createMeter(), connectTimeoutMs: 2000 })).rejects.toThrow();
  });
});
