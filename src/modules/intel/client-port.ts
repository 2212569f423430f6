// What the CLI's `bulwark intel ...` commands need, locally (in-process) or from a server.
import type { ExtractResponse } from './extract-report.js';
import type { InputKind } from './extract/index.js';
import type { PatternCheck } from './pattern-check.js';
import type { ExportFilter, ImportIssue, ImportOptions, ImportReport } from './types.js';

export interface BundleValidation {
  readonly valid: boolean;
  readonly objects: number;
  readonly issues: readonly ImportIssue[];
  readonly issuesTruncated: boolean;
}

export interface IntelClient {
  /** Imports a bundle file and resolves with the finished report. */
  intelImport(path: string, options: ImportOptions): Promise<ImportReport>;
  /** A bundle's JSON text, chunk by chunk. */
  intelExport(filter: ExportFilter): AsyncIterable<string>;
  intelValidate(path: string): Promise<BundleValidation>;
  intelPattern(pattern: string, objects?: readonly unknown[]): Promise<PatternCheck>;
  /** A draft STIX bundle from a report file (plain text, HTML or PDF). */
  intelExtract(path: string, options: { kind: InputKind; name: string }): Promise<ExtractResponse>;
}
