import type { ImportIssue } from './types.js';
import { MAX_JSON_DEPTH, nestingBeyond } from '../../../platform/json-depth.js';

// RFC 6901 JSON pointers for issue locations, and a JSON reader that says where the syntax breaks.

/** Escapes one reference token: "~" → "~0", "/" → "~1" (in that order, per RFC 6901 §3). */
export function escapePointerToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from tokens: pointer('vulnerabilities', 0, 'cve') → "/vulnerabilities/0/cve"; no tokens → "". */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(String(t))}`).join('');
}

export type JsonParseResult = { success: true; value: unknown } | { success: false; issue: ImportIssue };

/** JSON.parse that never throws; a syntax error becomes one error issue at pointer "" with line, column and offset. */
export function parseJson(input: string, file: string): JsonParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // BOM from Windows exports
  if (text.trim() === '') {
    return { success: false, issue: { file, pointer: '', message: 'empty input: expected a JSON document', severity: 'error' } };
  }
  const tooDeep = nestingBeyond(text, MAX_JSON_DEPTH);
  if (tooDeep !== null) {
    const { line, column } = lineColumn(text, tooDeep);
    return { success: false, issue: { file, pointer: '', message: `nested more than ${MAX_JSON_DEPTH} levels deep at line ${line} column ${column} (position ${tooDeep})`, severity: 'error' } };
  }
  try {
    return { success: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const offset = errorOffset(raw, text);
    const { line, column } = lineColumn(text, offset);
    // V8 quotes the input ("Unexpected token 'r', "root:x:0:0"... is not valid JSON"): keep only
    // the kind of error, so a file that is not JSON never comes back in the message.
    const reason = /^Unexpected end/.test(raw) ? 'unexpected end of input' : /^Unexpected token/.test(raw) ? 'unexpected character' : /^(Bad|Expected|Unterminated|Unexpected)[^'"]*/.exec(raw)?.[0]?.trim().replace(/ in JSON.*$/, '') ?? 'syntax error';
    return {
      success: false,
      issue: { file, pointer: '', message: `invalid JSON at line ${line} column ${column} (position ${offset}): ${reason}`, severity: 'error' },
    };
  }
}

export { MAX_JSON_DEPTH, nestingBeyond };

function errorOffset(message: string, text: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m?.[1] !== undefined) return Number(m[1]);
  if (/end of JSON input/.test(message)) return text.length;
  return scanErrorOffset(text); // V8 omits the position for "Unexpected token"
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Minimal JSON grammar walk, run only after JSON.parse failed, to find where the first error is. */
function scanErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c !== undefined && /[-0-9]/.test(c)) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += (m as RegExpExecArray)[0].length;
    } else {
      for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return void (i += lit.length);
      fail();
    }
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c === '\\') i += /^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i, i + 6)) ? (text[i + 1] === 'u' ? 6 : 2) : fail();
      else if ((c as string).charCodeAt(0) < 0x20) fail();
      else i++;
    }
    fail();
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

/** The part of a zod error we read; structural so this file needs no zod import. */
interface SchemaIssues {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/** Turns schema validation issues into import issues, each at `base` + the issue's own path. */
export function issuesFromSchema(
  error: SchemaIssues,
  file: string,
  base: readonly (string | number)[],
  severity: ImportIssue['severity'] = 'error',
): ImportIssue[] {
  return error.issues.map((i) => ({
    file,
    pointer: pointer(...base, ...i.path.map((t) => (typeof t === 'number' ? t : String(t)))),
    message: i.message,
    severity,
  }));
}
