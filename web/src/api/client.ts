import { humanMessage } from '../lib/form-messages';

/** One problem with one input, as the API reports it: `path` is e.g. `body.ip` or `line 3: ip`. */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

/** An error answer from the API, carrying its stable `{ code, message, details }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  /** From Retry-After on 429 answers, so the user learns how long to wait. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly ErrorDetail[] = [],
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** The session layer listens here so an expired session anywhere sends the user back to login. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

/** Builds `/api/v1/...?a=b`, leaving out empty values so filters stay optional. */
export function apiUrl(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search === '' ? '' : `?${search}`}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({
    path: typeof d['path'] === 'string' ? d['path'] : '',
    // The API's validator speaks zod; people read sentences.
    message: humanMessage(typeof d['message'] === 'string' ? d['message'] : 'invalid'),
    ...(typeof d['code'] === 'string' ? { code: d['code'] } : {}),
  }));
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or a crashed server may answer with HTML; fall back to the status line below.
  }
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  if (error === null) {
    return new ApiError(response.status, 'http_error', `the server answered ${response.status} ${response.statusText}`.trim());
  }
  return new ApiError(
    response.status,
    typeof error['code'] === 'string' ? error['code'] : 'http_error',
    typeof error['message'] === 'string' ? error['message'] : `the server answered ${response.status}`,
    toDetails(error['details']),
    Number.isFinite(retryAfter) ? retryAfter : null,
  );
}

interface SendOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly json?: unknown;
  /** A body sent as it is: text, or a file the user chose (a PDF report). */
  readonly text?: { readonly body: string | Blob; readonly contentType: string };
  readonly signal?: AbortSignal;
  /** Login answers 401 for a wrong password; that must not count as an expired session. */
  readonly ignoreUnauthorized?: boolean;
}

async function send(url: string, options: SendOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | Blob | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.text.contentType;
    body = options.text.body;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'the server cannot be reached; check your connection and try again');
  }
  if (!response.ok) {
    if (response.status === 401 && options.ignoreUnauthorized !== true) onUnauthorized?.();
    throw await errorFrom(response);
  }
  return response;
}

/** Sends a request and parses the JSON answer; the caller states the answer's type from the contract. */
export async function request<T>(url: string, options: SendOptions = {}): Promise<T> {
  const response = await send(url, options);
  return (await response.json()) as T;
}

/** Sends a request whose success answer has no body (204). */
export async function requestNoContent(url: string, options: SendOptions = {}): Promise<void> {
  await send(url, options);
}

/** True for the abort that a superseded request throws; such errors are not shown to the user. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Maps `body.ip` style paths to the field name `ip`, for messages next to form fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    if (field !== '' && result[field] === undefined) result[field] = detail.message;
  }
  return result;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'something went wrong';
}
