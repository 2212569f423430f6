// Event import jobs: a log file sent to the server, parsed in the background and offered to the ingest,
// with progress the console follows (bytes read of the upload, lines, events, issues by line number).
import type { Tlp } from '../../../platform/tlp.js';
import type { ImportFormat } from '../event-import.js';

export const importJobFormats = ['auto', 'zeek', 'suricata', 'syslog', 'winevent', 'ndjson'] as const;
export type ImportJobFormat = (typeof importJobFormats)[number];

export const importJobStatuses = ['queued', 'running', 'finished', 'failed'] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];

/** A line the import could not use (parser or ingest), by its line number in the file. */
export interface ImportJobIssue {
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

/** The first problems kept per job; the count covers them all. */
export const KEPT_ISSUES = 100;

export interface EventImportJob {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  /** The uploaded file's name. */
  readonly name: string;
  readonly format: ImportJobFormat;
  /** What auto-detection found (or the format given); null until the first lines are read. */
  readonly detectedFormat: ImportFormat | null;
  readonly status: ImportJobStatus;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  /** Bytes of the upload as sent (compressed when gzip) and how many of them are read. */
  readonly sizeBytes: number;
  readonly bytesRead: number;
  /** 0..1; 1 once finished. */
  readonly progress: number;
  readonly lines: number;
  readonly eventsOffered: number;
  /** Events the ingest took and wrote (known for certain once finished). */
  readonly eventsStored: number;
  readonly issuesCount: number;
  readonly issues: readonly ImportJobIssue[];
  readonly error: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** Progress figures written while a job runs. */
export interface ImportProgress {
  readonly bytesRead: number;
  readonly lines: number;
  readonly eventsOffered: number;
  readonly eventsStored: number;
  readonly issuesCount: number;
  readonly issues: readonly ImportJobIssue[];
  readonly detectedFormat: ImportFormat | null;
}
