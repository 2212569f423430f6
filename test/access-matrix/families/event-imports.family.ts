import { defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, markerProbe, statusProbe } from '../kit.js';

// Event import jobs (log files imported as events): read like any marked object; created by writers.
export const eventImports = defineFamily({
  name: 'event imports',
  routes: ['POST /api/v1/event-imports'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('import');
    const line = '{"event_type":"flow","timestamp":"2026-12-01T10:00:00Z","src_ip":"10.0.0.1","dest_ip":"10.0.0.2"}\n';
    const query = `name=${marker}.json&format=suricata&tlp=${encodeURIComponent(tlp)}&sharedUpward=${sharedUpward}`;
    const job = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', `/api/v1/event-imports?${query}`, line, { 'content-type': 'application/octet-stream' }));
    return { id: job.id, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/event-imports/{id}', rule: rules.read }, (_w, h) => `/api/v1/event-imports/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/event-imports', rule: rules.read }, () => '/api/v1/event-imports?limit=200'),
  ],
});
