// The response module as others see it: CACAO playbooks (model, validator, store) for now;
// incidents and the executor come later (issue 15).
import type { Database } from '../../storage/index.js';
import { createPlaybookService, type PlaybookService, type PlaybookServiceOptions } from './playbook.service.js';

export * from './types.js';
export { playbookRoutes } from './routes.js';
export type { PlaybookService } from './playbook.service.js';

export interface Response {
  readonly playbooks: PlaybookService;
}

export function createResponse(database: Database, options: PlaybookServiceOptions): Response {
  return { playbooks: createPlaybookService(database, options) };
}
