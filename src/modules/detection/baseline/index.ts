// Baselines as the detection module wires them: one runtime shared by the deviation stage (learning and
// checking), the membership enricher and the service (whose accepts and relearns it drops from memory).
import type { Logger } from '../../../platform/logger.js';
import type { Database } from '../../../storage/index.js';
import { createBaselineService, type BaselineService } from './baseline.service.js';
import { createDeviationStage } from './deviation-stage.js';
import { createBaselineEnricher } from './enricher.js';
import { createBaselineRuntime } from './runtime.js';
import type { DetectionEnricher, DetectionStage } from '../detector.js';

export * from './types.js';
export { baselineRoutes } from './routes.js';
export type { BaselineService } from './baseline.service.js';

export interface Baselines {
  readonly service: BaselineService;
  readonly stage: DetectionStage;
  readonly enricher: DetectionEnricher;
}

export function createBaselines(database: Database, options: { logger?: Logger | undefined } = {}): Baselines {
  const runtime = createBaselineRuntime(database.db);
  return { service: createBaselineService(database, runtime), stage: createDeviationStage(database.db, runtime, options.logger), enricher: createBaselineEnricher(runtime) };
}
