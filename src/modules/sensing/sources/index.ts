// Event sources as the rest of the application sees them: one service and one manager per set of
// services (the API's routes and the CLI's local client share them), the routes and the commands.
import type { Logger } from '../../../platform/logger.js';
import type { Database } from '../../../storage/index.js';
import type { Sensing } from '../index.js';
import { sourceRoutes } from './routes.js';
import { createSourceManager, type SourceManager } from './source-manager.js';
import { createSourceService, type SourceService } from './sources.service.js';

export { sourcesCommand } from './cli.js';
export { createSourceManager, type SourceManager, type SourceManagerOptions } from './source-manager.js';
export { createSourceService, type SourceService } from './sources.service.js';
export { sourceRoutes } from './routes.js';
export { startSyslogListener, type ListeningInput, type SyslogListenerOptions } from './syslog-listener.js';
export { startMqttInput, type MqttInputOptions } from './mqtt-input.js';
export { createMeter, createSourceSink, type SourceMeter, type SourceSink, type SinkOptions } from './source-sink.js';
export { createSenderMap } from './sender-map.js';
export type * from './types.js';

export interface EventSources {
  readonly service: SourceService;
  readonly manager: SourceManager;
}

const bound = new WeakMap<object, EventSources>();

/** The sources of one set of services; the manager runs nothing until started (the server does, on listen). */
export function eventSourcesOf(services: { readonly database: Database; readonly sensing: Pick<Sensing, 'ingest' | 'counters'> }, logger?: Logger): EventSources {
  let found = bound.get(services);
  if (found === undefined) {
    const manager = createSourceManager({ database: services.database, ingest: services.sensing.ingest, counters: services.sensing.counters, logger });
    found = { manager, service: createSourceService(services.database, { manager }) };
    bound.set(services, found);
  }
  return found;
}

/** /api/v1/sources, with the sources running while the server listens. */
export function eventSourceRoutes(services: Parameters<typeof eventSourcesOf>[0], logger?: Logger | false | undefined) {
  const { service, manager } = eventSourcesOf(services, logger === false ? undefined : logger);
  return sourceRoutes(service, manager);
}
