// Capture API answers that have no pure server type to re-export (they are built in the service or schemas).
import type { CaptureJob, FingerprintRule, OperationClass, ProtocolId, Tlp } from './types';

export interface CaptureJobPage {
  readonly items: readonly CaptureJob[];
  readonly nextCursor: string | null;
}

/** The query string of POST /captures; the file itself is the body. */
export interface CaptureUpload {
  readonly name: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly mergeAssets: boolean;
}

/** Filters of GET /captures/:id/operations; empty values are left out of the URL. */
export interface OperationQuery {
  readonly protocol?: ProtocolId | '';
  readonly operation?: readonly OperationClass[];
  readonly host?: string;
  /** ISO 8601 instants. */
  readonly from?: string;
  readonly to?: string;
}

/** A rule as GET /capture/fingerprints lists it: built in, or added by the reader's organisation. */
export type FingerprintRuleEntry = FingerprintRule & { readonly builtin: boolean };
