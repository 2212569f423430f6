import { lazy } from 'react';

// Each response page is its own chunk; the flowchart brings Cytoscape with it.
export const PlaybooksPage = lazy(async () => ({ default: (await import('./playbooks-page')).PlaybooksPage }));
export const PlaybookPage = lazy(async () => ({ default: (await import('./playbook-page')).PlaybookPage }));
