import { byStatus, defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

/** A Sigma rule whose title carries the marker. */
export const sigmaRule = (marker: string, match = marker) => `title: ${marker}
id: ${marker}
level: medium
tags: [attack.t0836]
logsource:
  product: ics
detection:
  selection:
    host.name|startswith: ${match}
  condition: selection
`;

// Detection rules (issue 13): an organisation's rules are its own (any role reads, admins and analysts
// write); the platform's rules are read by everyone and are not probed here.
export const detectionRules = defineFamily({
  name: 'detection rules',
  routes: ['POST /api/v1/rules'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('rule');
    const made = created<{ rules: { id: string }[] }>(await call(w, w.people.analystE1, 'POST', '/api/v1/rules', { text: sigmaRule(marker) }));
    return { id: made.rules[0]?.id ?? '', marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/rules/{id}', rule: rules.ownOrg }, (_w, h) => `/api/v1/rules/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/rules', rule: rules.ownOrg }, () => '/api/v1/rules'),
    {
      name: 'test against events',
      kind: 'read',
      route: 'POST /api/v1/rules/test',
      rule: rules.ownOrg,
      run: async (w, p, h) => byStatus(await call(w, p, 'POST', '/api/v1/rules/test', { ruleId: h.id, events: JSON.stringify({ fields: { host: { name: h.marker } } }) })),
    },
    writeProbe({ name: 'enable', route: 'PATCH /api/v1/rules/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/rules/${h.id}`, () => ({ enabled: true })),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/rules/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/rules/${h.id}`),
  ],
});
