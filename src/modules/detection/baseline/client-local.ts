import type { Actor } from '../../../platform/access.js';
import type { BaselineService } from './baseline.service.js';
import type { BaselineClient } from './client-port.js';

/** The baseline commands on the database in-process, as the local operator; a running server sees the change within a second. */
export function localBaselineClient(service: BaselineService, actor: Actor): BaselineClient {
  return {
    listBaselines: (filter) => service.list(actor, filter),
    showBaseline: (id) => service.get(actor, id),
    acceptDeviations: (id, deviations, note) => service.accept(actor, id, deviations, note),
    relearnBaseline: (id, reason) => service.relearn(actor, id, reason),
  };
}
