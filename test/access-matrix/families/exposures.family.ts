import { fileURLToPath } from 'node:url';
import { systemActor } from '../../../src/platform/access.js';
import type { World } from '../../support/fixture.js';
import { defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, enc, markerProbe, writeProbe } from '../kit.js';

const advisory = fileURLToPath(new URL('../../../../shared/data/csaf/OT/2024/icsa-24-102-01.json', import.meta.url));
const loaded = new WeakSet<World>();

// An asset's exposures across assets and the decisions on them: a TM MFP module (whose advisory the
// world imports once) is exposed to its eight CVEs; the list shows the asset's name, decisions are
// its organisation's admins' and analysts'.
export const exposures = defineFamily({
  name: 'exposures',
  routes: [],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    if (!loaded.has(w)) {
      await w.services.knowledge.importFrom(systemActor('matrix'), advisory);
      loaded.add(w);
    }
    const marker = uniqueMarker('exposed');
    const asset = created<{ id: string }>(
      await call(w, w.people.analystE1, 'POST', '/api/v1/assets', { name: marker, vendor: 'Siemens', model: 'SIMATIC S7-1500 TM MFP', firmwareVersion: 'V1.0', tlp, sharedUpward }),
    );
    const page = await w.services.knowledge.exposures.forAsset(systemActor('matrix'), asset.id);
    const vulnId = page.items[0]?.vulnId;
    if (vulnId === undefined) throw new Error('the TM MFP asset has no exposure');
    return { id: asset.id, marker, extra: { vulnId } };
  },
  probes: [
    markerProbe({ name: 'exposure list by asset name', kind: 'search', route: 'GET /api/v1/exposures', rule: rules.read }, (_w, h) => `/api/v1/exposures?q=${enc(h.marker)}`),
    markerProbe({ name: 'exposure list, every decision', kind: 'list', route: 'GET /api/v1/exposures', rule: rules.read }, () => '/api/v1/exposures?decision=any&limit=200'),
    writeProbe({ name: 'reject a match', route: 'PUT /api/v1/assets/{id}/exposures/{vulnId}/decision', rule: rules.write }, 'PUT', (_w, h) => `/api/v1/assets/${h.id}/exposures/${h.extra['vulnId'] ?? ''}/decision`, () => ({ decision: 'rejected', comment: 'matrix' })),
    writeProbe({ name: 'withdraw a decision', route: 'DELETE /api/v1/assets/{id}/exposures/{vulnId}/decision', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/assets/${h.id}/exposures/${h.extra['vulnId'] ?? ''}/decision`),
  ],
});
