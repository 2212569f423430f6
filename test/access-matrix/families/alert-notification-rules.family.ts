import { defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

// Alert notification rules (issue 13): kept inside the organisation like its channels.
export const alertNotificationRules = defineFamily({
  name: 'alert notification rules',
  routes: ['POST /api/v1/alert-notification-rules'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('notification-rule');
    const channel = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/alert-channels', { kind: 'mqtt', name: marker, url: 'mqtt://192.0.2.1:1883', topic: 'bulwark/alerts' }));
    const made = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/alert-notification-rules', { name: marker, minSeverity: 'critical', channelIds: [channel.id] }));
    return { id: made.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/alert-notification-rules/{id}', rule: rules.ownOrg }, (_w, h) => `/api/v1/alert-notification-rules/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/alert-notification-rules', rule: rules.ownOrg }, () => '/api/v1/alert-notification-rules'),
    writeProbe({ name: 'change', route: 'PATCH /api/v1/alert-notification-rules/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/alert-notification-rules/${h.id}`, () => ({ minSeverity: 'high' })),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/alert-notification-rules/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/alert-notification-rules/${h.id}`),
  ],
});
