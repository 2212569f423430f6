import { lazy } from 'react';

// Each detection page is its own chunk, so the console's first load carries none of them.
export const AlertQueuePage = lazy(async () => ({ default: (await import('./alert-queue-page')).AlertQueuePage }));
export const AlertPage = lazy(async () => ({ default: (await import('./alert-page')).AlertPage }));
export const RulesPage = lazy(async () => ({ default: (await import('./rules-page')).RulesPage }));
export const RuleWorkbenchPage = lazy(async () => ({ default: (await import('./rule-workbench')).RuleWorkbenchPage }));
export const CoveragePage = lazy(async () => ({ default: (await import('./coverage-page')).CoveragePage }));
