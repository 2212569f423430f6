import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineFamily, rules, uniqueMarker, type Rule, type Setting } from '../family.js';
import { call, created, enc, markerProbe, statusProbe, writeProbe } from '../kit.js';

const cvePath = fileURLToPath(new URL('../../../../shared/data/cve5/CVE-2018-7841.json', import.meta.url));
const cve = readFileSync(cvePath, 'utf8');

/** Runs are the importer's organisation's (its admins and analysts), and administered from above (admins). */
const importRuns: Rule = (c, s) => rules.write(c, s) || (rules.adminSubtree(c, s) && c.relation !== 'owner');

/** An uploaded document is the uploader's submission: amber, and like every submission it goes upward for vetting. */
const uploaded: readonly Setting[] = [{ tlp: 'amber', sharedUpward: true }];

// Knowledge uploads and the import runs they leave: a document under a CVE id nobody else has,
// whose description carries the marker.
export const knowledgeImports = defineFamily({
  name: 'knowledge imports',
  routes: [],
  settings: uploaded,
  async create(w) {
    const marker = uniqueMarker('upload');
    const doc = JSON.parse(cve) as { cveMetadata: { cveId: string }; containers: { cna: { descriptions: { value: string }[] } } };
    const cveId = `CVE-2099-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
    doc.cveMetadata.cveId = cveId;
    for (const d of doc.containers.cna.descriptions) d.value = `${d.value} ${marker}`;
    created(await call(w, w.people.analystE1, 'POST', `/api/v1/kb/imports/upload?name=${marker}&format=cve5`, doc));
    return { id: cveId, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'uploaded vulnerability', kind: 'read', route: 'POST /api/v1/kb/imports/upload', rule: rules.read }, (_w, h) => `/api/v1/kb/vulnerabilities/${h.id}`),
    markerProbe({ name: 'uploaded vulnerability in search', kind: 'search', route: 'POST /api/v1/kb/imports/upload', rule: rules.read }, (_w, h) => `/api/v1/kb/vulnerabilities?q=${enc(h.id)}`, (h) => h.id),
    // A file anywhere on the server is the operator's (the CLI's), whoever calls the API.
    writeProbe(
      { name: 'import a server path outside the import folder', route: 'POST /api/v1/kb/imports', rule: () => false },
      'POST',
      () => '/api/v1/kb/imports',
      () => ({ location: cvePath, format: 'cve5' }),
    ),
    markerProbe({ name: 'import runs', kind: 'list', route: 'GET /api/v1/kb/imports', rule: importRuns }, () => '/api/v1/kb/imports'),
  ],
});
