import type { z } from 'zod';
import { pointer } from '../json-pointer.js';
import type { ImportIssue } from '../types.js';

/** Collects the issues of one input file while a parser walks it. */
export interface IssueSink {
  readonly file: string;
  readonly issues: ImportIssue[];
}

export function report(sink: IssueSink, at: string, message: string, severity: ImportIssue['severity'] = 'error'): void {
  sink.issues.push({ file: sink.file, pointer: at, message, severity });
}

/** One issue per rejected element, located at the first zod issue's path below `at`. */
export function reportZod(sink: IssueSink, at: string, error: z.ZodError, what: string): void {
  const tokens = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const first = error.issues[0];
  const path = first === undefined ? '' : pointer(...tokens(first.path));
  const details = error.issues.map((i) => (i.path.length > 0 ? `${tokens(i.path).join('.')}: ${i.message}` : i.message)).join('; ');
  report(sink, at + path, `${what} skipped: ${details}`);
}

export interface Located<T> {
  readonly data: T;
  readonly at: string;
  /** Position in the input array (rejected elements keep their numbers). */
  readonly index: number;
}

/** Validates each element of an optional array on its own, so one bad element is reported and skipped, not the whole array. */
export function parseElements<S extends z.ZodType>(value: unknown, at: string, schema: S, sink: IssueSink, what: string): Located<z.output<S>>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report(sink, at, `${what}: expected an array`);
    return [];
  }
  const out: Located<z.output<S>>[] = [];
  value.forEach((element: unknown, i) => {
    const result = schema.safeParse(element);
    if (result.success) out.push({ data: result.data, at: at + pointer(i), index: i });
    else reportZod(sink, at + pointer(i), result.error, what);
  });
  return out;
}
