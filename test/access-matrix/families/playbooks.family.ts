import { randomUUID } from 'node:crypto';
import { defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

/** A small valid CACAO 2.0 playbook named by the marker, with an HTTP Basic secret sealed at rest. */
export function markedPlaybook(marker: string): Record<string, unknown> {
  const [start, action, end, agent, auth] = [`start--${randomUUID()}`, `action--${randomUUID()}`, `end--${randomUUID()}`, `http-api--${randomUUID()}`, `http-basic--${randomUUID()}`];
  return {
    type: 'playbook', spec_version: 'cacao-2.0', id: `playbook--${randomUUID()}`, name: marker, created_by: `identity--${randomUUID()}`,
    created: '2026-12-01T08:00:00.000Z', modified: '2026-12-01T08:00:00.000Z', workflow_start: start,
    workflow: {
      [start]: { type: 'start', on_completion: action },
      [action]: { type: 'action', commands: [{ type: 'http-api', command: 'GET /status HTTP/1.1' }], agent, on_completion: end },
      [end]: { type: 'end' },
    },
    agent_definitions: { [agent]: { type: 'http-api', name: 'historian', address: { dname: ['historian.example.com'] }, authentication_info: auth } },
    authentication_info_definitions: { [auth]: { type: 'http-basic', user_id: 'reader', password: `${marker}-password` } },
  };
}

// CACAO playbooks (issue 15): read like any marked object (the TLP comes from the import or the
// playbook's own TLP marking, whichever is stricter); written by the owner's admins and analysts;
// authentication secrets exported in clear only to the owner's admins.
export const playbooks = defineFamily({
  name: 'playbooks',
  routes: ['POST /api/v1/playbooks'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('playbook');
    const made = created<{ playbook: { id: string } }>(await call(w, w.people.analystE1, 'POST', `/api/v1/playbooks?tlp=${encodeURIComponent(tlp)}&shared=${String(sharedUpward)}`, markedPlaybook(marker)));
    return { id: made.playbook.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/playbooks/{id}', rule: rules.read }, (_w, h) => `/api/v1/playbooks/${h.id}`),
    statusProbe({ name: 'versions', kind: 'read', route: 'GET /api/v1/playbooks/{id}/versions', rule: rules.read }, (_w, h) => `/api/v1/playbooks/${h.id}/versions`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/playbooks', rule: rules.read }, () => '/api/v1/playbooks'),
    markerProbe({ name: 'export', kind: 'export', route: 'GET /api/v1/playbooks/{id}/export', rule: rules.read }, (_w, h) => `/api/v1/playbooks/${h.id}/export`),
    markerProbe({ name: 'export with secrets', kind: 'export', route: 'GET /api/v1/playbooks/{id}/export', rule: rules.ownAdmin }, (_w, h) => `/api/v1/playbooks/${h.id}/export?secrets=true`, (h) => `${h.marker}-password`),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/playbooks/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/playbooks/${h.id}`),
  ],
});
