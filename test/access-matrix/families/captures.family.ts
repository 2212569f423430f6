import { simulatePlant } from '../../../src/modules/capture/simulator/index.js';
import { defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

// A short simulated plant capture: the smallest file that gives hosts, communications and operations.
// A new seed each time: an organisation's second upload of the same file is answered with the first job.
let seed = 0;
const capture = () => Buffer.from(simulatePlant({ minutes: 0.2, seed: (seed += 1) }));

const part = (name: string) =>
  statusProbe({ name, kind: 'read', route: `GET /api/v1/captures/{id}/${name}`, rule: rules.read }, (_w, h) => `/api/v1/captures/${h.id}/${name}`);

// Capture jobs and what their analysis produced.
export const captures = defineFamily({
  name: 'captures',
  routes: ['POST /api/v1/captures'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('capture');
    const query = `name=${marker}&tlp=${encodeURIComponent(tlp)}&sharedUpward=${sharedUpward}&mergeAssets=false&reanalyze=true`;
    const job = created<{ id: string }>(
      await call(w, w.people.analystE1, 'POST', `/api/v1/captures?${query}`, capture(), { 'content-type': 'application/vnd.tcpdump.pcap' }),
    );
    await w.services.captures.idle();
    return { id: job.id, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/captures/{id}', rule: rules.read }, (_w, h) => `/api/v1/captures/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/captures', rule: rules.read }, () => '/api/v1/captures?limit=200'),
    part('hosts'),
    part('communications'),
    part('operations'),
    part('malformed'),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/captures/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/captures/${h.id}`),
  ],
});
