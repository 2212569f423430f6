import { lazy } from 'react';

// Each baselines page is its own chunk, so the console's first load carries none of them.
export const BaselinesPage = lazy(async () => ({ default: (await import('./baselines-page')).BaselinesPage }));
export const BaselinePage = lazy(async () => ({ default: (await import('./baseline-page')).BaselinePage }));
