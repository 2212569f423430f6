// What the CLI's `bulwark capture ...` commands need, locally (in-process) or from a server.
import type { CaptureJobInput, OperationQuery } from './capture.service.js';
import type { FingerprintRule } from './fingerprints/rules.js';
import type { CaptureCommunication, CaptureHost, CaptureJob, CaptureOperationPage } from './resources.js';

export interface CaptureClient {
  /** Analyzes a capture file and resolves when the job has finished (or failed). */
  captureAnalyze(path: string, input: CaptureJobInput): Promise<CaptureJob>;
  captureList(): Promise<CaptureJob[]>;
  captureGet(id: string): Promise<CaptureJob>;
  captureHosts(id: string): Promise<CaptureHost[]>;
  captureCommunications(id: string): Promise<CaptureCommunication[]>;
  captureOperations(id: string, query: OperationQuery): Promise<CaptureOperationPage>;
  captureRules(): Promise<Array<FingerprintRule & { builtin: boolean }>>;
  captureAddRule(rule: unknown): Promise<FingerprintRule>;
}
