// The detection module as others see it: createDetection wires the rule, alert and suppression
// services to one detector, which the server subscribes to the sensing bus.
import type { Actor } from '../../platform/access.js';
import type { Logger } from '../../platform/logger.js';
import type { Database } from '../../storage/index.js';
import type { EventBus, SensedEvent } from '../sensing/index.js';
import { createAlertViews, type AlertViews } from './alert-views.js';
import { createAlertService, type AlertService } from './alerts.service.js';
import { createBaselines, type BaselineService } from './baseline/index.js';
import { createDetectionConsole, type DetectionConsole } from './coverage.service.js';
import { createDetector, type Detector, type DetectorOptions } from './detector.js';
import { createAssetEnricher } from './enrich-assets.js';
import { createIndicatorStage, type IndicatorStage, type IndicatorStageOptions } from './indicators/index.js';
import { createNotificationService, createNotifier, type NotificationService, type Notifier, type NotifierOptions } from './notify/index.js';
import { createRuleService, type RuleService } from './rules.service.js';
import { createSuppressionService, type SuppressionService } from './suppressions.service.js';

export * from './types.js';
export { alertRoutes, ruleRoutes } from './routes.js';
export { alertEvidenceRoutes, type PacketSource } from './evidence-routes.js';
export { notificationRoutes, type NotificationService } from './notify/index.js';
export { baselineRoutes, type BaselineService } from './baseline/index.js';
export { detectionConsoleRoutes } from './console-routes.js';
export { createDetector, type Detector, type DetectorOptions, type DetectionEnricher, type DetectionStage, type StageHit } from './detector.js';
export { entityOf, severityOf } from './alert-keys.js';
export { ADVISORY_RULE, KEV_RULE, raiseKnowledgeAlerts } from './knowledge-alerts.js';
export type { RuleService } from './rules.service.js';
export type { AlertService } from './alerts.service.js';
export type { SuppressionService } from './suppressions.service.js';

export interface DetectionOptions extends DetectorOptions {
  readonly logger?: Logger | undefined;
  /** Stored events by id as the caller may read them, in one read (the events service's getMany). */
  readonly events?: ((actor: Actor, ids: readonly string[], within: { readonly from: Date; readonly to: Date }) => Promise<readonly unknown[]>) | undefined;
  /** Stored events of a window as the caller may read them, newest first (the rule workbench's 24-hour trial). */
  readonly recentEvents?: ((actor: Actor, from: Date, to: Date, limit: number) => Promise<readonly SensedEvent[]>) | undefined;
  /** The intelligence store: its indicators match every event, and hits are written back as sightings. */
  readonly indicators?: Omit<IndicatorStageOptions, 'logger'> | undefined;
  /** Alert notifications: the key that seals channel secrets, and the notifier's settings. */
  readonly notify?: Omit<NotifierOptions, 'logger'> | undefined;
}

export interface Detection {
  readonly rules: RuleService;
  readonly alerts: AlertService;
  readonly suppressions: SuppressionService;
  /** The console's reads: alert counts, similar alerts, ATT&CK coverage. */
  readonly console: DetectionConsole;
  /** The alert queue's saved views, per person. */
  readonly views: AlertViews;
  /** Per-zone baselines: learning progress, content, deviations, accept and relearn (ADR 020). */
  readonly baselines: BaselineService;
  readonly detector: Detector;
  readonly indicators: IndicatorStage | undefined;
  readonly notifications: NotificationService | undefined;
  readonly notifier: Notifier | undefined;
  /** Subscribes the detector to committed events (the server does; CLI commands do not). */
  start(bus: EventBus): void;
  stop(): Promise<void>;
}

export function createDetection(database: Database, options: DetectionOptions = {}): Detection {
  const indicators = options.indicators === undefined ? undefined : createIndicatorStage(database, { ...options.indicators, logger: options.logger });
  const baselines = createBaselines(database, { logger: options.logger });
  const detector = createDetector(database, { ...options, enrichers: [createAssetEnricher(database.db), ...(options.enrichers ?? []), baselines.enricher], stages: [...(options.stages ?? []), baselines.stage, ...(indicators === undefined ? [] : [indicators])] });
  const notifier = options.notify === undefined ? undefined : createNotifier(database, { ...options.notify, logger: options.logger });
  const changed = () => detector.invalidate();
  return {
    rules: createRuleService(database, { changed, recentEvents: options.recentEvents }),
    alerts: createAlertService(database, { events: options.events }),
    suppressions: createSuppressionService(database, { changed }),
    console: createDetectionConsole(database),
    views: createAlertViews(database),
    baselines: baselines.service,
    detector,
    indicators,
    notifications: options.notify === undefined ? undefined : createNotificationService(database, options.notify),
    notifier,
    start(bus) {
      detector.start(bus);
      notifier?.start();
    },
    async stop() {
      await detector.stop();
      await indicators?.stop();
      await notifier?.stop();
    },
  };
}
