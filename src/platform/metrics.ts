// Prometheus metrics (prom-client). The process's default metrics (CPU, memory, event loop, GC) live in
// one registry per process, since they describe the process; each set of services has its own registry
// for what it counts, so tests that build several never collide on a metric name. /metrics merges both.
import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/** The process's default metrics, collected once per process. */
export function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'bulwark_' });
  }
  return processRegistry;
}

/** A registry for one set of services' own metrics. */
export function createMetricsRegistry(): Registry {
  return new Registry();
}

/** The Prometheus text exposition of the process's and these services' metrics. */
export async function renderMetrics(services: Registry): Promise<{ readonly contentType: string; readonly body: string }> {
  const merged = Registry.merge([processMetrics(), services]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
