import type { Actor } from '../../../platform/access.js';
import type { SourceClient } from './client-port.js';
import type { SourceService } from './sources.service.js';

/** The source commands on the database in-process, as the local operator; a running server picks the change up when it next starts. */
export function localSourceClient(sources: SourceService, actor: Actor): SourceClient {
  return {
    listSources: (filter) => sources.list(actor, filter),
    showSource: (id) => sources.get(actor, id),
    addSource: (input) => sources.create(actor, input),
    changeSource: (id, patch) => sources.update(actor, id, patch),
    removeSource: (id) => sources.remove(actor, id),
  };
}
