import { defineFamily, markedSettings, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, enc, markerProbe, writeProbe } from '../kit.js';

// Baselines (issue 13, ADR 020): E1's asset in a zone of its own, learnt over one hour of event time
// from one event, then a new host talking to it (a deviation). E1's admin marks the baseline; it is read
// as alerts are (ADR 002) and changed, accepted into and relearnt by E1's admins and analysts.
let serial = 0;

export const baselines = defineFamily({
  name: 'baselines',
  routes: ['POST /api/v1/assets', 'PUT /api/v1/baseline-settings', 'POST /api/v1/events'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    w.services.detection.start(w.services.sensing.bus);
    const marker = uniqueMarker('baseline');
    serial += 1;
    const plc = `10.250.${(serial >> 8) & 255}.${serial & 255}`;
    created(await call(w, w.people.adminE1, 'POST', '/api/v1/assets', { name: marker, ip: plc, zone: marker }));
    created(await call(w, w.people.analystE1, 'PUT', '/api/v1/baseline-settings', { learningHours: 1 }));
    w.services.sensing.assets.invalidate(w.orgs.E1);
    const start = Date.now() - 3 * 3_600_000;
    const op = (id: string, at: number, source: string) =>
      JSON.stringify({ id, time: new Date(at).toISOString(), kind: 'operation', severity: 'info', message: 'access matrix baseline', fields: { source: { ip: source }, destination: { ip: plc }, ics: { protocol: 'modbus', operation: 'read', function: 'Read Coils' } } });
    created(await call(w, w.people.analystE1, 'POST', '/api/v1/events', [op(`${marker}-1`, start, '10.251.0.1'), op(`${marker}-2`, start + 2 * 3_600_000, '10.251.0.2')].join('\n'), { 'content-type': 'application/x-ndjson' }));
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
    const found = created<{ items: { id: string }[] }>(await call(w, w.people.analystE1, 'GET', `/api/v1/baselines?zone=${enc(marker)}`)).items[0];
    if (found === undefined) throw new Error(`no baseline started for ${marker}`);
    const detail = created<{ deviations: { id: string; kind: string }[] }>(await call(w, w.people.adminE1, 'PATCH', `/api/v1/baselines/${found.id}`, { tlp, sharedUpward }));
    const deviation = detail.deviations.find((d) => d.kind === 'new-host');
    if (deviation === undefined) throw new Error(`no deviation raised for ${marker}`);
    return { id: found.id, marker, extra: { deviation: deviation.id } };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/baselines/{id}', rule: rules.read }, (_w, h) => `/api/v1/baselines/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/baselines', rule: rules.read }, () => '/api/v1/baselines'),
    writeProbe({ name: 'change', route: 'PATCH /api/v1/baselines/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/baselines/${h.id}`, () => ({ learningHours: 1 })),
    // Accepting what is already accepted leaves it as it is.
    writeProbe({ name: 'accept', route: 'POST /api/v1/baselines/{id}/accept', rule: rules.write }, 'POST', (_w, h) => `/api/v1/baselines/${h.id}/accept`, (_w, h) => ({ deviations: [h.extra['deviation']] })),
    writeProbe({ name: 'relearn', route: 'POST /api/v1/baselines/{id}/relearn', rule: rules.write, destructive: true }, 'POST', (_w, h) => `/api/v1/baselines/${h.id}/relearn`, () => ({})),
  ],
});

// The organisation's learning period: set by its own admins and analysts; another organisation's id is not found.
export const baselineSettings = defineFamily({
  name: 'baseline settings',
  routes: [],
  settings: unmarked,
  create: (w) => Promise.resolve({ id: w.orgs.E1, marker: 'learningHours', extra: {} }),
  probes: [writeProbe({ name: 'set', route: 'PUT /api/v1/baseline-settings', rule: rules.write }, 'PUT', () => '/api/v1/baseline-settings', (_w, h) => ({ orgId: h.id, learningHours: 168 }))],
});
