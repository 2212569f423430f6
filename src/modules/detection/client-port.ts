// What `bulwark rules ...` and `bulwark alerts ...` need, locally (in-process, as the operator) or from a server.
import type { RuleListFilter } from './rules.store.js';
import type { RuleImportInput } from './rules.service.js';
import type { AlertChange } from './alerts.service.js';
import type { Alert, AlertDetail, AlertFilter, AlertPage, DetectionRule, ImportReport, RuleTestReport } from './types.js';

export interface DetectionClient {
  listRules(filter?: RuleListFilter): Promise<DetectionRule[]>;
  importRules(input: RuleImportInput): Promise<ImportReport>;
  /** A stored rule over NDJSON events. */
  testStoredRule(ruleId: string, events: string): Promise<RuleTestReport>;
  listAlerts(filter?: AlertFilter): Promise<AlertPage>;
  showAlert(id: string): Promise<AlertDetail>;
  changeAlert(id: string, change: AlertChange): Promise<Alert>;
}
