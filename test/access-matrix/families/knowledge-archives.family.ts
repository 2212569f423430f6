import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { byStatus, defineFamily, rules, uniqueMarker, type Setting } from '../family.js';
import { call, created, enc, markerProbe, statusProbe } from '../kit.js';

const cve = readFileSync(fileURLToPath(new URL('../../../../shared/data/cve5/CVE-2018-7841.json', import.meta.url)), 'utf8');

/** An archive's records are the uploader's submissions, like a single upload: amber, shared upward for vetting. */
const uploaded: readonly Setting[] = [{ tlp: 'amber', sharedUpward: true }];

function archiveOf(marker: string, cveId: string): Buffer {
  const doc = JSON.parse(cve) as { cveMetadata: { cveId: string }; containers: { cna: { descriptions: { value: string }[] } } };
  doc.cveMetadata.cveId = cveId;
  for (const d of doc.containers.cna.descriptions) d.value = `${d.value} ${marker}`;
  return Buffer.from(zipSync({ [`${marker}/record.json`]: strToU8(JSON.stringify(doc)) }));
}

// Knowledge archives (several documents in one upload): what they import follows the upload rules.
export const knowledgeArchives = defineFamily({
  name: 'knowledge archives',
  routes: [],
  settings: uploaded,
  async create(w) {
    const marker = uniqueMarker('archive');
    const cveId = `CVE-2098-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
    created(await call(w, w.people.analystE1, 'POST', `/api/v1/kb/imports/archive?name=${marker}`, archiveOf(marker, cveId), { 'content-type': 'application/zip' }));
    return { id: cveId, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'archived vulnerability', kind: 'read', route: 'POST /api/v1/kb/imports/archive', rule: rules.read }, (_w, h) => `/api/v1/kb/vulnerabilities/${h.id}`),
    markerProbe({ name: 'archived vulnerability in search', kind: 'search', route: 'POST /api/v1/kb/imports/archive', rule: rules.read }, (_w, h) => `/api/v1/kb/vulnerabilities?q=${enc(h.id)}`, (h) => h.id),
    // Writers import into their own organisation; readers do not import.
    {
      name: 'upload an archive',
      kind: 'write',
      route: 'POST /api/v1/kb/imports/archive',
      rule: (c) => c.role === 'admin' || c.role === 'analyst',
      run: async (w, p, h) =>
        byStatus(await call(w, p, 'POST', '/api/v1/kb/imports/archive', archiveOf(`${h.marker}-again`, `CVE-2097-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`), { 'content-type': 'application/zip' })),
    },
  ],
});
