import type { World } from '../../support/fixture.js';
import { defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, enc, markerProbe, writeProbe } from '../kit.js';
import { sigmaRule } from './detection-rules.family.js';

// Alerts (issue 13): E1's rule matches an event E1's analyst sends at each marking; the alert carries
// the event's marking and is read as events are (ADR 002), worked on by E1's admins and analysts.
const ruleOf = new WeakMap<World, Promise<void>>();

function ensureRule(w: World): Promise<void> {
  let made = ruleOf.get(w);
  if (made === undefined) {
    w.services.detection.start(w.services.sensing.bus);
    made = call(w, w.people.analystE1, 'POST', '/api/v1/rules', { text: sigmaRule('am-alert-rule', 'am-alert-') }).then((r) => void created(r));
    ruleOf.set(w, made);
  }
  return made;
}

export const alerts = defineFamily({
  name: 'alerts',
  routes: ['POST /api/v1/rules', 'POST /api/v1/events'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    await ensureRule(w);
    const marker = uniqueMarker('alert');
    const line = JSON.stringify({ id: marker, time: new Date().toISOString(), kind: 'log', severity: 'low', message: 'access matrix alert', fields: { host: { name: marker }, ics: { protocol: 'modbus' } } });
    created(await call(w, w.people.analystE1, 'POST', `/api/v1/events?tlp=${enc(tlp)}&sharedUpward=${sharedUpward}`, line, { 'content-type': 'application/x-ndjson' }));
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
    const page = created<{ items: { id: string; entity: string }[] }>(await call(w, w.people.analystE1, 'GET', '/api/v1/alerts?limit=500'));
    const alert = page.items.find((a) => a.entity === `host:${marker}`);
    if (alert === undefined) throw new Error(`no alert raised for ${marker}`);
    return { id: alert.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/alerts/{id}', rule: rules.read }, (_w, h) => `/api/v1/alerts/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/alerts', rule: rules.read }, () => '/api/v1/alerts?limit=500'),
    markerProbe({ name: 'similar', kind: 'read', route: 'GET /api/v1/alerts/{id}/similar', rule: rules.read }, (_w, h) => `/api/v1/alerts/${h.id}/similar`),
    // Setting what it already is leaves the alert as the callers after this one find it.
    writeProbe({ name: 'change status', route: 'PATCH /api/v1/alerts/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/alerts/${h.id}`, () => ({ status: 'new' })),
    writeProbe({ name: 'bulk change', route: 'POST /api/v1/alerts/bulk', rule: rules.write }, 'POST', () => '/api/v1/alerts/bulk', (_w, h) => ({ ids: [h.id], status: 'new' })),
    writeProbe({ name: 'comment', route: 'POST /api/v1/alerts/{id}/comments', rule: rules.write }, 'POST', (_w, h) => `/api/v1/alerts/${h.id}/comments`, () => ({ body: 'seen' })),
  ],
});
