import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/access.js';
import { backends, createTestDatabase, type TestDatabase } from '../../../storage/test-backends.js';
import { createSensing, type Sensing } from '../index.js';
import { parseEvents } from '../parsers/index.js';
import { createOrgs } from '../test-support.js';
import { createSourceManager, type SourceManager } from './source-manager.js';
import { createSourceService, type SourceService } from './sources.service.js';
import { freePort, until } from './test-support.js';

const run = promisify(execFile);
const op = systemActor('test');
const eveSample = fileURLToPath(new URL('../../../../../shared/data/logs/suricata/tenzir__tenzir/eve.lines1-6.json', import.meta.url));

// Sources run by the manager into the real ingest and the events table, on both backends.
describe.each(backends)('source manager (%s)', (backend) => {
  let database: TestDatabase;
  let sensing: Sensing;
  let manager: SourceManager;
  let sources: SourceService;
  let orgs: { parent: string; child: string; other: string };
  let dir: string;

  const stored = async (sourceId: string) => {
    await sensing.ingest.flush();
    return database.db.selectFrom('events').select(['org_id', 'message', 'source_type', 'kind', 'fields']).where('source_id', '=', sourceId).orderBy('time').execute();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-source-manager-'));
    database = await createTestDatabase(backend);
    orgs = await createOrgs(database);
    sensing = createSensing(database);
    manager = createSourceManager({ database, ingest: sensing.ingest, counters: sensing.counters, retryMs: 300, syncMs: 300, sink: { flushMs: 20 } });
    sources = createSourceService(database, { manager });
    await manager.start();
  });
  afterAll(async () => {
    await manager?.stop();
    await sensing?.close();
    await database?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a syslog source from its definition, stores what logger sends under the sender’s organisation, restarts it on change', async () => {
    const udpPort = await freePort();
    const source = await sources.create(op, { type: 'syslog', name: 'province syslog', orgId: orgs.parent, config: { protocol: 'udp', host: '127.0.0.1', port: udpPort, senders: [{ range: '127.0.0.0/8', orgId: orgs.child }] } });
    expect(source.status).toMatchObject({ state: 'running', endpoint: `udp 127.0.0.1:${udpPort}` });
    await run('logger', ['--udp', '--server', '127.0.0.1', '--port', String(udpPort), '--rfc5424', '-t', 'plc-gw', 'PLC 4 switched to STOP']);
    await until(async () => (await stored(source.id)).length === 1, 'the UDP message stored');
    expect(await stored(source.id)).toMatchObject([{ org_id: orgs.child, message: 'PLC 4 switched to STOP', source_type: 'syslog', kind: 'log' }]);
    await until(async () => (await sources.status(op, source.id)).counters.stored === 1, 'the stored count');
    expect((await sources.status(op, source.id)).counters).toMatchObject({ received: 1, accepted: 1, stored: 1, dropped: 0, rejected: 0 });

    // A new config restarts it: now TCP with octet counting.
    const tcpPort = await freePort();
    const changed = await sources.update(op, source.id, { config: { protocol: 'tcp', host: '127.0.0.1', port: tcpPort, senders: [{ range: '127.0.0.0/8', orgId: orgs.child }] } });
    expect(changed.status).toMatchObject({ state: 'running', endpoint: `tcp 127.0.0.1:${tcpPort}` });
    await run('logger', ['--tcp', '--octet-count', '--server', '127.0.0.1', '--port', String(tcpPort), '--rfc5424', '-t', 'plc-gw', 'PLC 4 switched to RUN']);
    await until(async () => (await stored(source.id)).length === 2, 'the TCP message stored');
    // Totals survive the restart: the first run's counters were saved when it stopped, the second's are added as it runs.
    await until(async () => (await sources.get(op, source.id)).counters.accepted === 2, 'the saved totals of both runs');
    expect((await sources.get(op, source.id)).counters).toMatchObject({ received: 2, accepted: 2, dropped: 0 });

    const disabled = await sources.update(op, source.id, { enabled: false });
    expect(disabled.status.state).toBe('disabled');
    await sources.remove(op, source.id);
    await expect(sources.get(op, source.id)).rejects.toThrow(/not found/);
  });

  it('shows why a source failed to start and starts it once the port is free', async () => {
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    const source = await sources.create(op, { type: 'syslog', name: 'busy port', orgId: orgs.child, config: { protocol: 'tcp', host: '127.0.0.1', port } });
    expect(source.status.state).toBe('failed');
    expect(source.status.lastError).toMatch(/EADDRINUSE/);
    expect((await database.db.selectFrom('event_sources').select('last_error').where('id', '=', source.id).executeTakeFirstOrThrow()).last_error).toMatch(/EADDRINUSE/);
    await new Promise((resolve) => squatter.close(resolve));
    await until(async () => (await sources.status(op, source.id)).state === 'running', 'the retry');
    expect((await sources.status(op, source.id)).lastError).toBeNull();
    await sources.remove(op, source.id);
  });

  it('runs an MQTT source against Mosquitto and follows a Suricata EVE file as it grows', async () => {
    const topic = `bulwark-test/${randomBytes(4).toString('hex')}/flow`;
    const mqtt = await sources.create(op, { type: 'mqtt', name: 'plant broker', orgId: orgs.child, config: { brokerUrl: 'mqtt://127.0.0.1:1883', topics: [topic], mapping: { valuePath: 'v', metric: 'FT-201', unit: 'm3/h' } } });
    expect(mqtt.status.state).toBe('running');
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '1883', '-t', topic, '-m', '{"v": 12.5}']);
    await until(async () => (await stored(mqtt.id)).length === 1, 'the telemetry event stored');
    expect((await stored(mqtt.id))[0]).toMatchObject({ kind: 'telemetry', message: 'FT-201 = 12.5 m3/h' });

    const lines = (await readFile(eveSample, 'utf8')).trimEnd().split('\n');
    const expected = parseEvents('suricata', lines.join('\n')).events.length;
    const file = join(dir, 'eve.json');
    await writeFile(file, `${lines.slice(0, 3).join('\n')}\n`);
    const eve = await sources.create(op, { type: 'suricata', name: 'suricata eve', orgId: orgs.child, config: { path: file, follow: true } });
    expect(eve.status).toMatchObject({ state: 'running', endpoint: `suricata ${file} (follow)` });
    await appendFile(file, `${lines.slice(3).join('\n')}\n`);
    await until(async () => (await stored(eve.id)).length === expected, `${expected} EVE events stored`);
    expect((await sources.status(op, eve.id)).counters.received).toBe(lines.length);
    await sources.remove(op, eve.id);
    await sources.remove(op, mqtt.id);
  });
});
