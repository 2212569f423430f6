import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import mqtt from 'mqtt';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, errorOf, type Person, type World } from '../../../../test/support/fixture.js';
import type { DetectionRule } from '../types.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './senders.js';
import type { AlertChannel, AlertMessage, Delivery, NotificationRule } from './types.js';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const SECRET = 'webhook-signing-key-0123456789';
let serial = 0;

const rule = (id: string, level: string, technique: string) =>
  `title: Notify ${id}\nid: ${id}\nlevel: ${level}\ntags:\n  - attack.${technique}\nlogsource:\n  product: ics\ndetection:\n  selection:\n    host.name|startswith: notify-${id}-\n  condition: selection\n`;
const event = (hostPrefix: string) => JSON.stringify({ id: `ntf-${(serial += 1)}`, time: new Date().toISOString(), kind: 'log', severity: 'info', message: 'x', fields: { host: { name: `${hostPrefix}${serial}` }, ics: { protocol: 'modbus' } } });

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A webhook receiver: answers with the statuses given, in turn (then 200). */
function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (c: Buffer) => (body += c.toString('utf8')));
    request.on('end', () => {
      got.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 200;
      response.end('ok');
    });
  });
  return { got, server, listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))) };
}

// Alert notifications end to end on real servers: a local HTTP receiver checks the HMAC, a local SMTP
// server started here receives the e-mail, the Mosquitto broker at 127.0.0.1:1883 carries the MQTT
// message; deliveries retry with backoff, and other organisations see none of it.
describe('alert notifications', () => {
  let w: World;
  const hook = receiver([500]);
  let hookPort = 0;
  const mails: { from: string; to: string[]; data: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  let smtpPort = 0;

  const post = async <T>(person: Person, url: string, body: unknown, status = 201): Promise<T> => {
    const r = await w.request(person, 'POST', url, body);
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };

  async function raise(prefix: string): Promise<void> {
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/events', event(prefix), NDJSON);
    expect(r.statusCode, r.body).toBeLessThan(300);
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
  }

  /** Notifier rounds until `done` holds (deliveries are sent by the notifier's own loop, not by detection). */
  async function until(done: () => boolean | Promise<boolean>): Promise<void> {
    for (let i = 0; i < 50 && !(await done()); i++) {
      await w.services.detection.notifier?.tick();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await done()).toBe(true);
  }

  beforeAll(async () => {
    w = await createWorld('pglite', { bodyLimit: 1024 * 1024, allowPrivateUrls: true });
    // Detection only: the notifier is driven by the test's ticks.
    w.services.detection.detector.start(w.services.sensing.bus);
    hookPort = await hook.listen();
    smtpPort = await new Promise<number>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port)));
  });
  afterAll(async () => {
    await w?.services.detection.stop();
    await w?.close();
    hook.server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('delivers a signed webhook, retrying after a failure, and logs each delivery', async () => {
    const channel = await post<AlertChannel>(w.people.analystE1, '/api/v1/alert-channels', { kind: 'webhook', name: 'soc hook', url: `http://127.0.0.1:${hookPort}/bulwark`, secret: SECRET });
    expect(channel).toMatchObject({ kind: 'webhook', hasSecret: true, config: { url: `http://127.0.0.1:${hookPort}/bulwark` } });
    expect(JSON.stringify(channel)).not.toContain(SECRET);
    const stored = await sql<{ sealed_secret: string }>`select sealed_secret from alert_channels where id = ${channel.id}`.execute(w.database.db);
    expect(stored.rows[0]?.sealed_secret).toMatch(/^v1\./);
    expect(stored.rows[0]?.sealed_secret).not.toContain(SECRET);

    const r = await post<{ rules: DetectionRule[] }>(w.people.analystE1, '/api/v1/rules', { text: rule('hook', 'high', 't0843') });
    await post<NotificationRule>(w.people.analystE1, '/api/v1/alert-notification-rules', { name: 'program downloads', techniques: ['T0843'], minSeverity: 'high', channelIds: [channel.id] });
    await raise('notify-hook-');

    // The receiver answers 500 first: the delivery stays pending with its error, then goes through.
    await until(() => hook.got.length >= 1);
    const first = (await w.request(w.people.viewerE1, 'GET', `/api/v1/alert-channels/${channel.id}/deliveries`)).json() as { items: Delivery[] };
    expect(first.items).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'the webhook answered 500' })]);
    expect(Date.parse(first.items[0]?.nextAttemptAt ?? '')).toBeGreaterThan(Date.now());
    // Time passes (the backoff is seconds): make it due now.
    await sql`update alert_deliveries set next_attempt_at = now()`.execute(w.database.db);
    await until(() => hook.got.length >= 2);
    await until(async () => ((await w.request(w.people.viewerE1, 'GET', `/api/v1/alert-channels/${channel.id}/deliveries`)).json() as { items: Delivery[] }).items[0]?.status === 'delivered');

    const last = hook.got[1] as Received;
    const timestamp = String(last.headers[TIMESTAMP_HEADER]);
    const signature = String(last.headers[SIGNATURE_HEADER]);
    expect(verifySignature(SECRET, timestamp, last.body, signature)).toBe(true);
    expect(verifySignature('another-key-0123456789', timestamp, last.body, signature)).toBe(false);
    expect(verifySignature(SECRET, String(Number(timestamp) + 1), last.body, signature)).toBe(false);
    const message = JSON.parse(last.body) as AlertMessage;
    expect(message).toMatchObject({ type: 'alert', notificationRule: 'program downloads', alert: { ruleId: r.rules[0]?.id, severity: 'high', techniques: ['T0843'] } });

    // A low alert is below the rule's minimum: nothing more is queued.
    await post(w.people.analystE1, '/api/v1/rules', { text: rule('quiet', 'low', 't0843') });
    await raise('notify-quiet-');
    expect(await w.services.detection.notifier?.tick()).toMatchObject({ queued: 0 });
    expect(hook.got).toHaveLength(2);
  });

  it('sends e-mail through SMTP and publishes to MQTT', async () => {
    const email = await post<AlertChannel>(w.people.adminE1, '/api/v1/alert-channels', { kind: 'email', name: 'soc mail', host: '127.0.0.1', port: smtpPort, secure: false, from: 'bulwark@plant.example', to: ['soc@plant.example', 'oncall@plant.example'] });
    const topic = `bulwark/test/${process.pid}/${Date.now()}`;
    const broker = await post<AlertChannel>(w.people.adminE1, '/api/v1/alert-channels', { kind: 'mqtt', name: 'soc mqtt', url: 'mqtt://127.0.0.1:1883', topic, qos: 1 });
    const subscriber = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { reconnectPeriod: 0 });
    const published: AlertMessage[] = [];
    subscriber.on('message', (_t, payload) => published.push(JSON.parse(payload.toString('utf8')) as AlertMessage));
    await subscriber.subscribeAsync(topic, { qos: 1 });
    try {
      const made = await post<{ rules: DetectionRule[] }>(w.people.analystE1, '/api/v1/rules', { text: rule('multi', 'critical', 't0816') });
      await post(w.people.analystE1, '/api/v1/alert-notification-rules', { name: 'this rule', ruleIds: [made.rules[0]?.id], minSeverity: 'medium', channelIds: [email.id, broker.id] });
      await raise('notify-multi-');
      await until(() => mails.length >= 1 && published.length >= 1);
      expect(mails[0]).toMatchObject({ from: 'bulwark@plant.example', to: ['soc@plant.example', 'oncall@plant.example'] });
      expect(mails[0]?.data).toContain('Subject: [Bulwark critical] Notify multi');
      expect(published[0]).toMatchObject({ type: 'alert', alert: { ruleId: made.rules[0]?.id, severity: 'critical', techniques: ['T0816'] } });

      // The test button: a message now, and an honest answer when the destination is down.
      expect(await post(w.people.analystE1, `/api/v1/alert-channels/${email.id}/test`, {}, 200)).toMatchObject({ ok: true });
      expect(mails.at(-1)?.data).toContain('test: Test of channel soc mail');
      await post(w.people.analystE1, '/api/v1/alert-channels', { kind: 'webhook', name: 'dead hook', url: 'http://127.0.0.1:9/none', secret: SECRET });
      const dead = ((await w.request(w.people.analystE1, 'GET', '/api/v1/alert-channels')).json() as { items: AlertChannel[] }).items.find((c) => c.name === 'dead hook');
      const answer = await post<{ ok: boolean; error: string }>(w.people.analystE1, `/api/v1/alert-channels/${dead?.id}/test`, {}, 200);
      expect(answer.ok).toBe(false);
      expect(answer.error).not.toBe('');
    } finally {
      await subscriber.endAsync();
    }
  });

  it('keeps channels and rules inside the organisation and to its admins and analysts', async () => {
    const mine = ((await w.request(w.people.viewerE1, 'GET', '/api/v1/alert-channels')).json() as { items: AlertChannel[] }).items;
    expect(mine.length).toBeGreaterThan(0);
    const id = (mine[0] as AlertChannel).id;
    expect(((await w.request(w.people.analystE2, 'GET', '/api/v1/alert-channels')).json() as { items: AlertChannel[] }).items).toEqual([]);
    expect((await w.request(w.people.adminE2, 'GET', `/api/v1/alert-channels/${id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminP, 'GET', `/api/v1/alert-channels/${id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'POST', `/api/v1/alert-channels/${id}/test`, {})).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'DELETE', `/api/v1/alert-channels/${id}`)).statusCode).toBe(404);
    const viewer = await w.request(w.people.viewerE1, 'POST', '/api/v1/alert-channels', { kind: 'webhook', name: 'viewer hook', url: 'http://127.0.0.1:9/x', secret: SECRET });
    expect(viewer.statusCode).toBe(403);
    // A rule cannot point at another organisation's channel.
    const other = await w.request(w.people.analystE2, 'POST', '/api/v1/alert-notification-rules', { name: 'steal', channelIds: [id] });
    expect(other.statusCode).toBe(400);
    expect(errorOf(other).details?.[0]?.path).toBe('channelIds');
    const bad = await w.request(w.people.analystE1, 'POST', '/api/v1/alert-channels', { kind: 'webhook', name: 'short key', url: 'http://127.0.0.1:9/x', secret: 'short' });
    expect(bad.statusCode).toBe(400);
  });
});
