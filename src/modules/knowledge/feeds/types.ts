import type { ImportStats } from '../types.js';

/** What a knowledge feed reads. `csaf` and `rolie` share one reader (provider metadata, ROLIE feeds, directories). */
export const feedKinds = ['csaf', 'rolie', 'kev', 'nvd', 'osv', 'cnvd'] as const;
export type FeedKind = (typeof feedKinds)[number];

export interface KbFeedOptions {
  /** nvd: where the first run starts (ISO date); later runs go on from the last window fetched. Default: 120 days back. */
  readonly since?: string | undefined;
  /** nvd: CVEs per page (1–2,000). */
  readonly resultsPerPage?: number | undefined;
  /** osv: packages to query (POST /v1/query) instead of downloading an ecosystem archive. */
  readonly packages?: readonly { readonly ecosystem: string; readonly name: string }[] | undefined;
  /** Most documents one run imports; the cursors carry the rest to the next run. */
  readonly maxDocuments?: number | undefined;
}

/** HTTP validators of a fetched URL, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

/** Where the next run goes on from. */
export interface KbFeedState {
  readonly validators?: Readonly<Record<string, Validators>> | undefined;
  /** csaf/rolie: newest `updated` (ROLIE) or timestamp (changes.csv) imported, per index URL. */
  readonly cursors?: Readonly<Record<string, string>> | undefined;
  /** csaf: the indexes (ROLIE feeds, changes.csv) the provider metadata listed when it was last fetched. */
  readonly indexes?: readonly string[] | undefined;
  /** kev: the catalogVersion last imported. */
  readonly catalogVersion?: string | undefined;
  /** nvd: the lastModEndDate of the last window fetched in full. */
  readonly nvdCursor?: string | undefined;
}

export interface KbFeedProgress {
  readonly phase: string;
  readonly requests: number;
  readonly documents: number;
  /** Documents expected, when the index says. */
  readonly total?: number | undefined;
}

export interface KbFeedRunResult {
  readonly startedAt: string;
  readonly ms: number;
  /** HTTP requests made, and how many answered "not modified". */
  readonly requests: number;
  readonly notModified: number;
  readonly documents: number;
  /** The import run that stored what was fetched; null when nothing new was found. */
  readonly runId: string | null;
  readonly stats: ImportStats | null;
  /** The first issues of the run (documents that could not be fetched or parsed). */
  readonly warnings: readonly string[];
  readonly error: string | null;
  /** False when the run stopped at its document budget; the next run goes on. */
  readonly complete: boolean;
}

export interface KbFeed {
  readonly id: string;
  readonly name: string;
  readonly kind: FeedKind;
  readonly url: string;
  /** Whether an API key is stored (it is never returned). */
  readonly hasApiKey: boolean;
  readonly options: KbFeedOptions;
  readonly state: KbFeedState;
  readonly intervalMinutes: number | null;
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  readonly lastResult: KbFeedRunResult | null;
  readonly lastError: string | null;
  readonly running: boolean;
  readonly runningSince: string | null;
  readonly progress: KbFeedProgress | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface KbFeedInput {
  readonly kind: FeedKind;
  readonly url: string;
  /** Set: stored sealed; null: removed; absent: kept. */
  readonly apiKey?: string | null | undefined;
  /** 5 to 10,080 minutes; null: only when asked; absent: kept (none for a new feed). */
  readonly intervalMinutes?: number | null | undefined;
  readonly options?: KbFeedOptions | undefined;
}
