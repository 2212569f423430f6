// Sending one alert message over a channel: a webhook POST signed with HMAC-SHA256, an e-mail through
// SMTP (nodemailer), an MQTT publish (mqtt.js). Each throws on failure; the notifier retries.
import { createHmac, timingSafeEqual } from 'node:crypto';
import mqtt from 'mqtt';
import nodemailer from 'nodemailer';
import { allowEveryAddress, checkUrl, guardedWebFetch, refusePrivateAddress } from '../../../platform/remote-fetch.js';
import type { AlertMessage, ChannelConfig } from './types.js';

export const SIGNATURE_HEADER = 'x-bulwark-signature';
export const TIMESTAMP_HEADER = 'x-bulwark-timestamp';

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed too, so a captured request cannot be replayed later with a new one. */
export function signBody(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface SendOptions {
  /** Private and loopback destinations allowed (BULWARK_ALLOW_PRIVATE_URLS). */
  readonly allowPrivate: boolean;
  readonly timeoutMs?: number;
}

const subjectOf = (m: AlertMessage) => `[Bulwark ${m.alert.severity}] ${m.type === 'test' ? 'test: ' : ''}${m.alert.ruleTitle}`;

function textOf(m: AlertMessage): string {
  const a = m.alert;
  return [
    m.type === 'test' ? 'This is a test message for an alert channel.' : `A ${a.severity} alert was raised${m.notificationRule === null ? '' : ` (notification rule "${m.notificationRule}")`}.`,
    '',
    `Rule: ${a.ruleTitle} (${a.ruleId})`,
    `About: ${a.entity}`,
    `Techniques: ${a.techniques.join(', ') || '-'}`,
    `Hits: ${a.count}, first ${a.firstSeen}, last ${a.lastSeen}`,
    `Alert: ${a.id}`,
  ].join('\n');
}

export async function send(config: ChannelConfig, secret: string | undefined, message: AlertMessage, options: SendOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const refuse = options.allowPrivate ? allowEveryAddress : refusePrivateAddress;
  const body = JSON.stringify(message);
  switch (config.kind) {
    case 'webhook': {
      if (secret === undefined) throw new Error('the webhook has no signing key');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await guardedWebFetch({ refuse, maxRedirects: 0, timeoutMs, maxBytes: 64 * 1024 })(config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signBody(secret, timestamp, body), 'user-agent': 'Bulwark-Notifier' },
        body,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
      return;
    }
    case 'email': {
      await checkUrl(`smtp://${config.host}:${config.port}`, refuse);
      const transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        ...(config.username === null ? {} : { auth: { user: config.username, pass: secret ?? '' } }),
      });
      try {
        await transport.sendMail({ from: config.from, to: [...config.to], subject: subjectOf(message), text: textOf(message), headers: { 'X-Bulwark-Alert': message.alert.id } });
      } finally {
        transport.close();
      }
      return;
    }
    case 'mqtt': {
      await checkUrl(config.url.replace(/^mqtts?:/, 'http:'), refuse);
      const client = await mqtt.connectAsync(config.url, {
        connectTimeout: timeoutMs,
        reconnectPeriod: 0,
        clientId: `bulwark-notify-${Math.random().toString(16).slice(2, 10)}`,
        ...(config.username === null ? {} : { username: config.username, password: secret ?? '' }),
      });
      try {
        await client.publishAsync(config.topic, body, { qos: config.qos });
      } finally {
        await client.endAsync();
      }
      return;
    }
  }
}
