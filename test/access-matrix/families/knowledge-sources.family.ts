import { defineFamily, unmarked } from '../family.js';
import { statusProbe, writeProbe } from '../kit.js';

// The catalogue of knowledge sources is the platform's, not an organisation's: everyone signed in reads it,
// and only the root organisation's admins change how far a source is trusted (it changes what everyone sees).
export const knowledgeSources = defineFamily({
  name: 'knowledge sources',
  routes: [],
  settings: unmarked,
  create: async () => ({ id: 'csaf', marker: 'csaf', extra: {} }),
  probes: [
    statusProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/kb/sources', rule: (c) => c.relation !== 'anonymous' }, () => '/api/v1/kb/sources'),
    writeProbe(
      { name: 'set reliability', route: 'PATCH /api/v1/kb/sources/{id}', rule: (c) => c.relation === 'grandparent' && c.role === 'admin' },
      'PATCH',
      (_w, h) => `/api/v1/kb/sources/${h.id}`,
      () => ({ reliability: 'A' }),
    ),
  ],
});
