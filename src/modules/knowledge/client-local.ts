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
    kbExposures: (assetId, filter) => (assetId === undefined ? knowledge.exposures.list(actor, filter) : knowledge.exposures.forAsset(actor, assetId, filter)),
    kbDecide: (assetId, vulnId, decision, comment) => knowledge.exposures.decide(actor, assetId, vulnId, decision, comment),
    kbUndecide: (assetId, vulnId) => knowledge.exposures.clearDecision(actor, assetId, vulnId),
  };
}
