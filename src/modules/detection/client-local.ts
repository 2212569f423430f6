import type { Actor } from '../../platform/access.js';
import type { DetectionClient } from './client-port.js';
import type { Detection } from './index.js';

/** The detection commands on the database in-process, as the local operator; a running server reloads changed rules within seconds. */
export function localDetectionClient(detection: Detection, actor: Actor): DetectionClient {
  return {
    listRules: (filter) => detection.rules.list(actor, filter),
    importRules: (input) => detection.rules.import(actor, input),
    testStoredRule: (ruleId, events) => detection.rules.test(actor, { ruleId, events }),
    listAlerts: (filter) => detection.alerts.list(actor, filter),
    showAlert: (id) => detection.alerts.get(actor, id),
    changeAlert: (id, change) => detection.alerts.update(actor, id, change),
  };
}
