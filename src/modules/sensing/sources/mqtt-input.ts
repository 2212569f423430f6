// The MQTT input: subscribes to the source's topics on a broker and turns each payload into telemetry
// events (JSON through field paths, Sparkplug B metric by metric). Back-pressure: while the sink is
// saturated the client does not finish handling the message in hand, so it reads no further packets
// (and holds QoS 1/2 acknowledgements): the broker queues for us instead of us dropping.
import { readFile } from 'node:fs/promises';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { createAliasBook, decodeSparkplugPayload, mapJsonPayload, parseSparkplugTopic, type PayloadResult } from './mqtt-payloads.js';
import type { SourceMeter, SourceSink } from './source-sink.js';
import type { MqttSourceConfig, RunningInput } from './types.js';

export interface MqttInputOptions extends MqttSourceConfig {
  readonly orgId: string;
  readonly sink: SourceSink;
  readonly meter: SourceMeter;
  /** How long the first connection may take before the source is reported failed. */
  readonly connectTimeoutMs?: number | undefined;
}

const DEFAULT_MAPPING = { valuePath: 'value' } as const;

export async function startMqttInput(options: MqttInputOptions): Promise<RunningInput> {
  const { sink, meter } = options;
  const password = options.passwordFile === undefined ? undefined : (await readFile(options.passwordFile, 'utf8')).trim();
  const clientOptions: IClientOptions = {
    clientId: options.clientId ?? `bulwark-${Math.random().toString(16).slice(2, 10)}`,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    reconnectPeriod: 2000,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(password === undefined ? {} : { password }),
  };
  const client: MqttClient = await connectAsync(options.brokerUrl, clientOptions, false);
  const book = createAliasBook();
  const mode = options.payload ?? 'auto';

  function decode(topic: string, payload: Buffer): PayloadResult {
    const sparkplug = mode === 'sparkplug' || (mode === 'auto' && parseSparkplugTopic(topic) !== undefined);
    if (sparkplug) return decodeSparkplugPayload(topic, payload, book, new Date());
    return mapJsonPayload(topic, payload, options.mapping ?? DEFAULT_MAPPING, new Date());
  }

  let waiting: (() => void) | undefined;
  sink.onSaturation((saturated) => {
    if (!saturated) {
      waiting?.();
      waiting = undefined;
    }
  });

  client.handleMessage = (packet, done) => {
    meter.received++;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const result = decode(packet.topic, payload);
    if ('issue' in result) {
      meter.rejected++;
      meter.lastError = result.issue;
    } else if (result.drafts.length > 0) {
      // Already read: kept even past the bound; the next packet waits until the sink has room.
      sink.push(options.orgId, result.drafts, true);
    }
    if (!sink.saturated) {
      done();
      return;
    }
    waiting = () => done();
  };
  client.on('error', (error) => {
    meter.lastError = error.message;
  });
  client.on('offline', () => {
    meter.lastError = `disconnected from ${options.brokerUrl}; reconnecting`;
  });

  try {
    const granted = await client.subscribeAsync([...options.topics], { qos: options.qos ?? 0 });
    const refused = granted.filter((g) => g.qos === 128);
    if (refused.length > 0) throw new Error(`the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}`);
  } catch (error) {
    await client.endAsync(true);
    throw error;
  }

  return {
    endpoint: `mqtt ${options.brokerUrl} ${options.topics.join(' ')}`,
    kernelDrops: () => Promise.resolve(0),
    async close() {
      waiting?.();
      waiting = undefined;
      await client.endAsync(true);
      await sink.close();
    },
  };
}
