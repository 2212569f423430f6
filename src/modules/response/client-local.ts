import type { Actor } from '../../platform/access.js';
import type { ResponseClient } from './client-port.js';
import type { Response } from './index.js';

/** The playbook commands on the database in-process, as the local operator. */
export function localResponseClient(response: Response, actor: Actor): ResponseClient {
  return {
    listPlaybooks: (filter) => response.playbooks.list(actor, filter),
    importPlaybook: (document, options) => response.playbooks.import(actor, document, options),
    validatePlaybook: (document) => response.playbooks.validate(document, actor),
    exportPlaybook: (id, options) => response.playbooks.export(actor, id, options),
  };
}
