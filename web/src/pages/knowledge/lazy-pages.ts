import { lazy } from 'react';

// Each knowledge page is its own chunk, so the console's first load does not carry them (nor Cytoscape).
export const SearchPage = lazy(async () => ({ default: (await import('./search/search-page')).SearchPage }));
export const VulnerabilityPage = lazy(async () => ({ default: (await import('./vulnerability/vulnerability-page')).VulnerabilityPage }));
export const VendorsPage = lazy(async () => ({ default: (await import('./vendors/vendors-page')).VendorsPage }));
export const VendorPage = lazy(async () => ({ default: (await import('./vendors/vendor-page')).VendorPage }));
export const ProductPage = lazy(async () => ({ default: (await import('./vendors/product-page')).ProductPage }));
export const AttackPage = lazy(async () => ({ default: (await import('./attack/attack-page')).AttackPage }));
export const ImportsPage = lazy(async () => ({ default: (await import('./imports/imports-page')).ImportsPage }));
export const SubmitPage = lazy(async () => ({ default: (await import('./submit/submit-page')).SubmitPage }));
export const KbFeedsPage = lazy(async () => ({ default: (await import('./feeds/feeds-page')).KbFeedsPage }));
