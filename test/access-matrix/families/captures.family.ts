import { simulatePlant } from '../../../src/modules/capture/simulator/index.js';
import { byMarker, byStatus, defineFamily, markedSettings, rules, uniqueMarker, type Probe } from '../family.js';
import { call, created } from '../kit.js';

// A short simulated plant capture: the smallest file that gives hosts, communications and operations.
let pcap: Buffer | undefined;
const capture = () => (pcap ??= Buffer.from(simulatePlant({ minutes: 0.2 })));

const sub = (part: string): Probe => ({
  name: part,
  kind: 'read',
  route: `GET /api/v1/captures/{id}/${part}`,
  rule: rules.read,
  run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/captures/${h.id}/${part}`)),
});

// Capture jobs and what their analysis produced.
export const captures = defineFamily({
  name: 'captures',
  routes: ['POST /api/v1/captures'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('capture');
    const query = `name=${marker}&tlp=${encodeURIComponent(tlp)}&sharedUpward=${sharedUpward}&mergeAssets=false`;
    const job = created<{ id: string }>(
      await call(w, w.people.analystE1, 'POST', `/api/v1/captures?${query}`, capture(), { 'content-type': 'application/vnd.tcpdump.pcap' }),
    );
    await w.services.captures.idle();
    return { id: job.id, marker, extra: {} };
  },
  probes: [
    { name: 'get', kind: 'read', route: 'GET /api/v1/captures/{id}', rule: rules.read, run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/captures/${h.id}`)) },
    { name: 'list', kind: 'list', route: 'GET /api/v1/captures', rule: rules.read, run: async (w, p, h) => byMarker(await call(w, p, 'GET', '/api/v1/captures?limit=200'), h.marker) },
    sub('hosts'),
    sub('communications'),
    sub('operations'),
    sub('malformed'),
    {
      name: 'delete',
      kind: 'write',
      route: 'DELETE /api/v1/captures/{id}',
      rule: rules.write,
      destructive: true,
      run: async (w, p, h) => byStatus(await call(w, p, 'DELETE', `/api/v1/captures/${h.id}`)),
    },
  ],
});
