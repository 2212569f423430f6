import { lazy, Suspense } from 'react';

// Each page is its own chunk, so the console's first load does not carry ECharts for them.
const LazyEvents = lazy(async () => ({ default: (await import('./events-page')).EventsPage }));
const LazySources = lazy(async () => ({ default: (await import('../sources/sources-page')).SourcesPage }));

const loading = <p className="muted">Loading…</p>;

export function EventsPage() {
  return (
    <Suspense fallback={loading}>
      <LazyEvents />
    </Suspense>
  );
}

export function SourcesPage() {
  return (
    <Suspense fallback={loading}>
      <LazySources />
    </Suspense>
  );
}
