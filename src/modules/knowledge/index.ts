export { createKnowledgeService, type KnowledgeService, type SearchResult, type Submission } from './knowledge.service.js';
export { createEnricher } from './default-enricher.js';
export { parsers } from './parsers.js';
export { knowledgeRoutes } from './routes.js';
export { knowledgeCommand } from './cli.js';
export type { Vulnerability, VulnerabilitySummary, Source, HazardGrade, LifecycleState } from './types.js';
export { vulnVisibleTo } from './vulnerability.store.js';
