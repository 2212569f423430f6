import type { Actor } from '../../platform/access.js';
import type { KnowledgeClient } from './client-port.js';
import type { KnowledgeService } from './knowledge.service.js';

/** The kb commands on the database in-process, as the local operator. */
export function localKnowledgeClient(knowledge: KnowledgeService, actor: Actor): KnowledgeClient {
  return {
    kbImport: (location, format) => knowledge.importFrom(actor, location, format),
    kbSearch: (filter, options) => knowledge.search(actor, filter, options),
    kbShow: (id) => knowledge.get(actor, id),
    kbCorrelate: (assetIds) => knowledge.correlate(actor, assetIds),
    kbSources: () => knowledge.sources(),
    kbSetReliability: (sourceId, reliability) => knowledge.setReliability(actor, sourceId, reliability),
  };
}
