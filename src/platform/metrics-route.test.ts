import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app.js';
import { backends } from '../storage/test-backends.js';
import { createWorld, type World } from '../../test/support/fixture.js';
import type { EventDraft } from '../modules/sensing/index.js';

const draft = (i: number): EventDraft => ({ time: `2026-12-07T08:00:0${i}Z`, kind: 'log', severity: 'info', message: `line ${i}`, fields: {} });

describe.each(backends)('/metrics on %s', (backend) => {
  let world: World;
  let open: FastifyInstance;

  beforeAll(async () => {
    world = await createWorld(backend);
    const { sensing } = world.services;
    const source = { type: 'syslog' as const, id: 'fw-1', name: 'firewall' };
    const context = { orgId: world.orgs.E1, tlp: 'amber' as const, sharedUpward: true, source };
    await sensing.ingest.offer(context, [draft(1), draft(2), draft(3), { ...draft(4), time: 'never' }]);
    await sensing.ingest.flush();
    sensing.counters.add(source, 'dropped', 7);
    sensing.counters.add(source, 'refused', 2);
    open = await buildApp({ services: world.services, config: { bodyLimit: 65536, uploadLimit: 65536, secureCookies: false, webDir: undefined, metricsPublic: true }, logger: false });
    await open.ready();
  });
  afterAll(async () => {
    await open.close();
    await world.close();
  });

  it('gives an operator the events counters per source, queue gauges and process metrics', async () => {
    const response = await world.request(world.people.adminN, 'GET', '/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('bulwark_events_in_total{source_type="syslog",source_id="fw-1"} 4');
    expect(text).toContain('bulwark_events_stored_total{source_type="syslog",source_id="fw-1"} 3');
    expect(text).toContain('bulwark_events_rejected_total{source_type="syslog",source_id="fw-1"} 1');
    expect(text).toContain('bulwark_events_dropped_total{source_type="syslog",source_id="fw-1"} 7');
    expect(text).toContain('bulwark_events_refused_total{source_type="syslog",source_id="fw-1"} 2');
    expect(text).toMatch(/^bulwark_events_queue_depth 0$/m);
    expect(text).toMatch(/^bulwark_events_writer_lag_seconds 0$/m);
    expect(text).toContain('bulwark_events_source_queue_depth{source_type="syslog",source_id="fw-1"} 0');
    expect(text).toContain('bulwark_events_source_lag_seconds{source_type="syslog",source_id="fw-1"} 0');
    expect(text).toMatch(/^bulwark_events_write_seconds_count [1-9]/m);
    expect(text).toContain('bulwark_process_resident_memory_bytes');
  });

  it('is private unless made public: no token 401, an admin below the top 403', async () => {
    expect((await world.request(null, 'GET', '/metrics')).statusCode).toBe(401);
    expect((await world.request(world.people.adminP, 'GET', '/metrics')).statusCode).toBe(403);
    expect((await world.request(world.people.analystE1, 'GET', '/metrics')).statusCode).toBe(403);
    const scraped = await open.inject({ method: 'GET', url: '/metrics' });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('bulwark_events_stored_total');
  });
});
