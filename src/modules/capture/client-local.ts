import type { Actor } from '../../platform/access.js';
import { withoutUndefined } from '../../platform/cli-kit/without-undefined.js';
import { parseInput } from '../../platform/validate.js';
import type { CaptureService } from './capture.service.js';
import type { CaptureClient } from './client-port.js';
import { operationsQuery } from './schemas.js';

/** The capture commands on the database in-process, as the local operator. */
export function localCaptureClient(captures: CaptureService, actor: Actor): CaptureClient {
  return {
    captureAnalyze: (path, input) => captures.analyzeFile(actor, path, input),
    captureList: async () => (await captures.list(actor, { limit: 200 })).items,
    captureGet: (id) => captures.get(actor, id),
    captureHosts: async (id) => captures.hosts(actor, id),
    captureCommunications: async (id) => captures.communications(actor, id),
    captureOperations: (id, query) => captures.operations(actor, id, parseInput(operationsQuery, withoutUndefined(query))),
    captureRules: () => captures.rules(actor),
    captureAddRule: (rule) => captures.addRule(actor, rule),
  };
}
