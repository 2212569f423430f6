import { defineFamily, rules, unmarked } from '../family.js';
import { call, created, statusProbe, writeProbe } from '../kit.js';

// An organisation's event retention: seen by members of the organisation and of those above it, set by
// admins of the organisation and of those above it. Setting what it already is keeps the answer the same
// for the callers after.
export const eventRetention = defineFamily({
  name: 'event retention',
  routes: [],
  settings: unmarked,
  async create(w) {
    const set = created<{ orgId: string; days: number }>(await call(w, w.people.adminE1, 'PUT', '/api/v1/events/retention', { orgId: w.orgs.E1, days: 45 }));
    return { id: set.orgId, marker: set.orgId, extra: {} };
  },
  probes: [
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/events/retention', rule: rules.subtree }, (_w, h) => `/api/v1/events/retention?orgId=${h.id}`),
    writeProbe({ name: 'set', route: 'PUT /api/v1/events/retention', rule: rules.adminSubtree }, 'PUT', () => '/api/v1/events/retention', (_w, h) => ({ orgId: h.id, days: 45 })),
  ],
});
