import { lazy } from 'react';

// Each capture page is its own chunk, so the console's first load carries neither ECharts nor Cytoscape for them.
export const CaptureJobsPage = lazy(async () => ({ default: (await import('./jobs/capture-jobs-page')).CaptureJobsPage }));
export const CaptureJobPage = lazy(async () => ({ default: (await import('./job/capture-job-page')).CaptureJobPage }));
export const FingerprintRulesPage = lazy(async () => ({ default: (await import('./rules/fingerprint-rules-page')).FingerprintRulesPage }));
