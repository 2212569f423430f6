import { InputError } from '../../../../platform/errors.js';

// NVD CVE API 2.0 change feed (https://nvd.nist.gov/developers/vulnerabilities): pages of at most
// 2,000 CVEs, date windows of at most 120 days, and a rolling 30-second request budget.

export const NVD_DEFAULT_BASE_URL = 'https://services.nvd.nist.gov';
export const NVD_CVES_PATH = '/rest/json/cves/2.0';
export const NVD_MAX_RESULTS_PER_PAGE = 2000;
export const NVD_MAX_WINDOW_DAYS = 120;
const DAY_MS = 86_400_000;
const RATE_WINDOW_MS = 30_000;
const RETRYABLE = new Set([403, 429, 503]); // NVD answers 403 when the rate limit is exceeded

export interface NvdResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type NvdFetch = (url: string, init: { readonly headers: Readonly<Record<string, string>> }) => Promise<NvdResponse>;

export interface NvdClientOptions {
  /** Sent as the `apiKey` header; raises the budget from 5 to 50 requests per 30 s. */
  readonly apiKey?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly fetch?: NvdFetch | undefined;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Milliseconds since the epoch. */
  readonly now?: (() => number) | undefined;
  /** Attempts per request before giving up on 403/429/503 or network errors. */
  readonly maxAttempts?: number | undefined;
}

export interface NvdChangeQuery {
  readonly lastModStartDate: Date | string;
  /** Defaults to now. */
  readonly lastModEndDate?: Date | string | undefined;
  readonly resultsPerPage?: number | undefined;
}

export interface NvdClient {
  /** Every page of CVEs modified in the period, as the JSON text the API sent (for parseNvd2). */
  fetchChanges(query: NvdChangeQuery): AsyncGenerator<string, void, undefined>;
}

/** The NVD did not answer usefully, even after retries. */
export class NvdApiError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'NvdApiError';
    this.status = status;
  }
}

/** Splits [start, end] into consecutive windows of at most 120 days (the API refuses longer ones). */
export function splitWindows(start: Date, end: Date, maxDays = NVD_MAX_WINDOW_DAYS): { start: Date; end: Date }[] {
  const windows: { start: Date; end: Date }[] = [];
  let from = start.getTime();
  do {
    const to = Math.min(from + maxDays * DAY_MS, end.getTime());
    windows.push({ start: new Date(from), end: new Date(to) });
    from = to;
  } while (from < end.getTime());
  return windows;
}

/** Extended ISO-8601 with an explicit offset, as in the NVD documentation's examples. */
export function nvdDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

function toDate(value: Date | string, name: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new InputError(`${name} is not a date`, [{ path: name, message: 'not a date' }]);
  return date;
}

/** At most `limit` calls in any rolling window of `windowMs`. */
function createRateLimiter(limit: number, windowMs: number, now: () => number, sleep: (ms: number) => Promise<void>) {
  const recent: number[] = [];
  return async (): Promise<void> => {
    for (;;) {
      const t = now();
      while (recent[0] !== undefined && recent[0] <= t - windowMs) recent.shift();
      const oldest = recent[0];
      if (recent.length < limit || oldest === undefined) {
        recent.push(t);
        return;
      }
      await sleep(oldest + windowMs - t);
    }
  };
}

function pageCounts(text: string, url: string): { count: number; total: number } {
  let page: unknown;
  try {
    page = JSON.parse(text);
  } catch {
    throw new NvdApiError(`NVD sent a page that is not JSON: ${url}`);
  }
  const p = page as { totalResults?: unknown; vulnerabilities?: unknown };
  if (typeof p.totalResults !== 'number' || !Array.isArray(p.vulnerabilities)) {
    throw new NvdApiError(`NVD sent a page without totalResults/vulnerabilities: ${url}`);
  }
  return { count: p.vulnerabilities.length, total: p.totalResults };
}

export function createNvdClient(options: NvdClientOptions = {}): NvdClient {
  const fetchFn: NvdFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 5;
  const endpoint = `${(options.baseUrl ?? NVD_DEFAULT_BASE_URL).replace(/\/+$/, '')}${NVD_CVES_PATH}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.apiKey !== undefined) headers.apiKey = options.apiKey;
  const throttle = createRateLimiter(options.apiKey === undefined ? 5 : 50, RATE_WINDOW_MS, now, sleep);
  const backoff = (attempt: number) => Math.min(6_000 * 2 ** (attempt - 1), 120_000);

  async function get(url: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      await throttle();
      let response: NvdResponse;
      try {
        response = await fetchFn(url, { headers });
      } catch (error) {
        if (attempt >= maxAttempts) throw new NvdApiError(`NVD request failed after ${attempt} attempts: ${String(error)}`);
        await sleep(backoff(attempt));
        continue;
      }
      if (response.ok) return await response.text();
      if (!RETRYABLE.has(response.status) || attempt >= maxAttempts) {
        throw new NvdApiError(`NVD answered HTTP ${response.status} after ${attempt} attempt(s): ${url}`, response.status);
      }
      const retryAfter = Number(response.headers.get('retry-after') ?? '') * 1000;
      await sleep(Math.max(backoff(attempt), Number.isFinite(retryAfter) ? retryAfter : 0));
    }
  }

  return {
    async *fetchChanges(query) {
      const start = toDate(query.lastModStartDate, 'lastModStartDate');
      const end = toDate(query.lastModEndDate ?? new Date(now()), 'lastModEndDate');
      const perPage = query.resultsPerPage ?? NVD_MAX_RESULTS_PER_PAGE;
      if (end < start) throw new InputError('lastModEndDate is before lastModStartDate', [{ path: 'lastModEndDate', message: 'before start' }]);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > NVD_MAX_RESULTS_PER_PAGE) {
        throw new InputError(`resultsPerPage must be 1..${NVD_MAX_RESULTS_PER_PAGE}`, [{ path: 'resultsPerPage', message: 'out of range' }]);
      }
      for (const window of splitWindows(start, end)) {
        for (let startIndex = 0; ; ) {
          const params = new URLSearchParams({
            lastModStartDate: nvdDate(window.start),
            lastModEndDate: nvdDate(window.end),
            resultsPerPage: String(perPage),
            startIndex: String(startIndex),
          });
          const url = `${endpoint}?${params.toString()}`;
          const text = await get(url);
          const { count, total } = pageCounts(text, url);
          yield text;
          startIndex += count;
          if (count === 0 || startIndex >= total) break;
        }
      }
    },
  };
}
