import { lazy } from 'react';

// Each intelligence page is its own chunk, so the console's first load carries none of them (nor Cytoscape).
export const IntelBrowserPage = lazy(async () => ({ default: (await import('./browser/intel-browser-page')).IntelBrowserPage }));
export const IntelObjectPage = lazy(async () => ({ default: (await import('./object/intel-object-page')).IntelObjectPage }));
export const IntelImportPage = lazy(async () => ({ default: (await import('./import/intel-import-page')).IntelImportPage }));
export const IntelExtractPage = lazy(async () => ({ default: (await import('./extract/intel-extract-page')).IntelExtractPage }));
export const PatternPage = lazy(async () => ({ default: (await import('./pattern/pattern-page')).PatternPage }));
export const CollectionsPage = lazy(async () => ({ default: (await import('./taxii/collections-page')).CollectionsPage }));
export const FeedsPage = lazy(async () => ({ default: (await import('./taxii/feeds-page')).FeedsPage }));
