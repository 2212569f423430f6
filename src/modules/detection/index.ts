// The detection module as others see it: createDetection wires the rule, alert and suppression
// services to one detector, which the server subscribes to the sensing bus.
import type { Actor } from '../../platform/access.js';
import type { Logger } from '../../platform/logger.js';
import type { Database } from '../../storage/index.js';
import type { EventBus } from '../sensing/index.js';
import { createAlertService, type AlertService } from './alerts.service.js';
import { createBaselines, type BaselineService } from './baseline/index.js';
import { createDetector, type Detector, type DetectorOptions } from './detector.js';
import { createIndicatorStage, type IndicatorStage, type IndicatorStageOptions } from './indicators/index.js';
import { createRuleService, type RuleService } from './rules.service.js';
import { createSuppressionService, type SuppressionService } from './suppressions.service.js';

export * from './types.js';
export { alertRoutes, ruleRoutes } from './routes.js';
export { baselineRoutes, type BaselineService } from './baseline/index.js';
export { createDetector, type Detector, type DetectorOptions, type DetectionEnricher, type DetectionStage, type StageHit } from './detector.js';
export { entityOf, severityOf } from './alert-keys.js';
export type { RuleService } from './rules.service.js';
export type { AlertService } from './alerts.service.js';
export type { SuppressionService } from './suppressions.service.js';

export interface DetectionOptions extends DetectorOptions {
  readonly logger?: Logger | undefined;
  /** One stored event as the caller may read it (the events service's get). */
  readonly event?: ((actor: Actor, id: string) => Promise<unknown>) | undefined;
  /** The intelligence store: its indicators match every event, and hits are written back as sightings. */
  readonly indicators?: Omit<IndicatorStageOptions, 'logger'> | undefined;
}

export interface Detection {
  readonly rules: RuleService;
  readonly alerts: AlertService;
  readonly suppressions: SuppressionService;
  /** Per-zone baselines: learning progress, content, deviations, accept and relearn (ADR 020). */
  readonly baselines: BaselineService;
  readonly detector: Detector;
  readonly indicators: IndicatorStage | undefined;
  /** Subscribes the detector to committed events (the server does; CLI commands do not). */
  start(bus: EventBus): void;
  stop(): Promise<void>;
}

export function createDetection(database: Database, options: DetectionOptions = {}): Detection {
  const indicators = options.indicators === undefined ? undefined : createIndicatorStage(database, { ...options.indicators, logger: options.logger });
  const baselines = createBaselines(database, { logger: options.logger });
  const detector = createDetector(database, { ...options, enrichers: [...(options.enrichers ?? []), baselines.enricher], stages: [...(options.stages ?? []), baselines.stage, ...(indicators === undefined ? [] : [indicators])] });
  const changed = () => detector.invalidate();
  return {
    rules: createRuleService(database, { changed }),
    alerts: createAlertService(database, { event: options.event }),
    suppressions: createSuppressionService(database, { changed }),
    baselines: baselines.service,
    detector,
    indicators,
    start: (bus) => detector.start(bus),
    async stop() {
      await detector.stop();
      await indicators?.stop();
    },
  };
}
