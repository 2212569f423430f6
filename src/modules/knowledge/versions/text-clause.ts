// One clause of vendor range text (the part between "|"): "< V4.1.3", "V2.0 SP1 and prior",
// "from 2.0 through 2.5", ">= V2.0 and < V2.6", "V1.1, V1.2, and V1.3", "versions 3.x".
import type { Comparator, VersionConstraint } from './constraints.js';
import { nextSeries, type RangeIssueCode } from './range.js';
import { readVersion } from './text-version.js';
import { compareVersions } from './version-compare.js';

export type Clause =
  | { readonly kind: 'all'; readonly note?: string | undefined }
  | { readonly kind: 'parts'; readonly constraints: readonly VersionConstraint[]; readonly series: readonly string[]; readonly note?: string | undefined };

export type ClauseResult = { readonly ok: true; readonly clause: Clause } | { readonly ok: false; readonly code: RangeIssueCode; readonly reason: string };

/** What a clause is read with: alone or in a "|" list, and the words of the product it is about. */
export interface ClauseContext {
  readonly single: boolean;
  readonly productWords: ReadonlySet<string>;
}

type Fail = Extract<ClauseResult, { ok: false }>;
type Read = Extract<ReturnType<typeof readVersion>, { ok: true }>;

const fail = (code: RangeIssueCode, reason: string): Fail => ({ ok: false, code, reason });

const comparatorAtStart = /^(<=|>=|!=|<|>|=) /;
const noteIntroducer =
  /^(?:utiliz\w*|only|installed|in connection|in conjunction|with|without|on|when|if|affected|for|running|using|packaged|and function state|incl\w*)\b/i;
// Words that make a parenthetical change the range rather than annotate it.
const rangeWords = /\b(?:also|exclud\w*|except|not|prior|earlier|before|later|after|through|until|older|newer)\b|[<>]/i;
const boundHints = /[<>=]|\bv\d|\d+\.\d|\b(?:prior|before|earlier|later|after|through|until|older|newer|up to)\b/i;

/** A single version as constraints: a series ("3.x") widens the bounds to the whole series. */
function constrain(comparator: Comparator, read: Read): VersionConstraint[] | Fail {
  if (!read.series) return [{ comparator, version: read.version }];
  const next = nextSeries(read.version) ?? read.version;
  switch (comparator) {
    case '<=':
      return [{ comparator: '<', version: next }];
    case '<':
    case '>=':
      return [{ comparator, version: read.version }];
    case '>':
      return [{ comparator: '>=', version: next }];
    case '=':
      return [
        { comparator: '>=', version: read.version },
        { comparator: '<', version: next },
      ];
    case '!=':
      return fail('ambiguous', `"!= ${read.version}.x" excludes a whole series`);
  }
}

/** Text after the range: a product note, a condition, a parenthetical — or something we do not understand. */
function readNote(rest: string, ctx: ClauseContext): { ok: true; note?: string; series?: string } | Fail {
  if (rest === '') return { ok: true };
  if (!ctx.single) return fail('ambiguous', `text after a version in a list of alternatives: "${rest}"`);
  if (rest.startsWith('(')) {
    const series = /^\((\d+)\.x series\)$/i.exec(rest);
    if (series?.[1] !== undefined) return { ok: true, note: rest, series: series[1] };
    if (rangeWords.test(rest)) return fail('ambiguous', `a parenthetical that changes the range: "${rest}"`);
    return { ok: true, note: rest };
  }
  if (noteIntroducer.test(rest)) return { ok: true, note: rest };
  return fail('syntax', `unrecognized text after the version: "${rest}"`);
}

function parts(constraints: VersionConstraint[], note: { note?: string; series?: string }, series: string[] = []): ClauseResult {
  if (note.series !== undefined) constraints.push({ comparator: '>=', version: note.series });
  return { ok: true, clause: { kind: 'parts', constraints, series, note: note.note } };
}

function read(text: string, ctx: ClauseContext): Read | Fail {
  const r = readVersion(text, ctx.productWords);
  return r.ok ? r : fail(r.code, r.reason);
}

/** "A to B", "between A (including) and B (excluding)", "from A through B". */
function readSpan(a: Read, connector: string, afterConnector: string, lowerInclusive: boolean, ctx: ClauseContext): ClauseResult {
  const b = read(afterConnector, ctx);
  if (!b.ok) return b;
  let rest = b.rest;
  let upperInclusive = !/^(?:until|till)$/i.test(connector);
  const marker = /^\((including|inclusive|incl\.?|excluding|exclusive|excl\.?)\) ?/i.exec(rest);
  if (marker !== null) {
    upperInclusive = /^incl/i.test(marker[1] ?? '');
    rest = rest.slice(marker[0].length);
  }
  const note = readNote(rest, ctx);
  if (!note.ok) return note;
  const lower = constrain(lowerInclusive ? '>=' : '>', a);
  const upper = constrain(upperInclusive ? '<=' : '<', b);
  if (!Array.isArray(lower)) return lower;
  if (!Array.isArray(upper)) return upper;
  if (compareVersions(a.version, b.version) > 0) return fail('empty_range', `${a.version} comes after ${b.version}`);
  return parts([...lower, ...upper], note);
}

function readSpanFrom(text: string, ctx: ClauseContext): ClauseResult | undefined {
  const a = read(text, ctx);
  if (!a.ok) return a;
  let rest = a.rest;
  let lowerInclusive = true;
  const marker = /^\((including|inclusive|incl\.?|excluding|exclusive|excl\.?)\) ?/i.exec(rest);
  if (marker !== null) {
    lowerInclusive = /^incl/i.test(marker[1] ?? '');
    rest = rest.slice(marker[0].length);
  }
  const m = /^(and|to|through|thru|until|till|-) (.*)$/i.exec(rest);
  if (m === null) return undefined;
  return readSpan(a, m[1] ?? '', m[2] ?? '', lowerInclusive, ctx);
}

const prefixWords: readonly [RegExp, Comparator][] = [
  [/^(?:prior to|before|earlier than|older than|lower than|less than|below|under) /i, '<'],
  [/^(?:up to and including|up to|through|to) /i, '<='],
  [/^(?:after|later than|newer than|higher than|greater than|above|more than) /i, '>'],
  [/^(?:since|starting with|starting from|starting at|as of|at least|from) /i, '>='],
];

/** A comparator sequence: "< V4.1.3", ">= V2.0 and < V2.6", "<v36.011 v35.013", "<= 2.0.11 / 3.0.11". */
function readSequence(text: string, lead: Read | undefined, ctx: ClauseContext): ClauseResult {
  const constraints: VersionConstraint[] = [];
  if (lead !== undefined) {
    const c = constrain('>=', lead);
    if (!Array.isArray(c)) return c;
    constraints.push(...c);
  }
  let rest = text;
  for (let m = comparatorAtStart.exec(rest); m !== null; m = comparatorAtStart.exec(rest)) {
    const comparator = (m[1] ?? '=') as Comparator;
    let v = read(rest.slice(m[0].length), ctx);
    for (;;) {
      if (!v.ok) return v;
      const c = constrain(comparator, v);
      if (!Array.isArray(c)) return c;
      constraints.push(...c);
      rest = v.rest;
      // One comparator shared by a list of versions: branches of the same product.
      const slash = /^\/ (.*)$/.exec(rest);
      if (slash !== null) v = read(slash[1] ?? '', ctx);
      else if (/^v\d/i.test(v.version) && /^v\d/i.test(rest)) v = read(rest, ctx);
      else break;
    }
    rest = rest.replace(/^(?:, |and |& )(?=(?:<=|>=|!=|<|>|=) )/i, '');
  }
  if (constraints.length === 0) return fail('syntax', `expected a comparator, found "${text}"`);
  const lowers = constraints.filter((c) => c.comparator === '>' || c.comparator === '>=');
  const uppers = constraints.filter((c) => c.comparator === '<' || c.comparator === '<=');
  const [lo] = lowers;
  const [up] = uppers;
  if (lowers.length === 1 && uppers.length === 1 && lo !== undefined && up !== undefined && compareVersions(lo.version, up.version) > 0) {
    return fail('empty_range', `${lo.version} comes after ${up.version}`);
  }
  const note = readNote(rest, ctx);
  return note.ok ? parts(constraints, note) : note;
}

/** A clause that starts with a version: exact, "A and prior", "A to B", "A < B", a list "A, B and C". */
function readFromVersion(text: string, ctx: ClauseContext): ClauseResult {
  const a = read(text, ctx);
  if (!a.ok) return a;
  const rest = a.rest;
  if (comparatorAtStart.test(rest)) return readSequence(rest, a, ctx);
  const older = /^(?:and|or)(?: all)? (?:prior|earlier|before|older|below|lower|previous)(?: versions?| releases?)?\b ?/i.exec(rest);
  const newer = /^(?:and|or)(?: all)? (?:later|newer|above|after|higher|greater|subsequent)(?: versions?| releases?)?\b ?/i.exec(rest);
  const rel = older ?? newer;
  if (rel !== null) {
    const c = constrain(older !== null ? '<=' : '>=', a);
    if (!Array.isArray(c)) return c;
    const note = readNote(rest.slice(rel[0].length), ctx);
    return note.ok ? parts(c, note) : note;
  }
  const span = readSpanFrom(text, ctx);
  if (span !== undefined) return span;
  if (/^(?:, |and |or )/i.test(rest)) {
    const list: Read[] = [a];
    let more = rest;
    for (let m = /^(?:, (?:and |or )?|and |or )/i.exec(more); m !== null; m = /^(?:, (?:and |or )?|and |or )/i.exec(more)) {
      const next = read(more.slice(m[0].length), ctx);
      if (!next.ok) return next;
      list.push(next);
      more = next.rest;
    }
    const note = readNote(more, ctx);
    if (!note.ok) return note;
    const exact = list.filter((r) => !r.series).map((r): VersionConstraint => ({ comparator: '=', version: r.version }));
    return parts(exact, note, list.filter((r) => r.series).map((r) => r.version));
  }
  if (!ctx.single && /^(?:sp|upd|update|hf|hotfix|patch|service)/i.test(a.version)) {
    return fail('ambiguous', `"${a.version}" has no base version to attach to`);
  }
  const plus = /^(.*\d)\+$/.exec(a.version);
  const note = readNote(rest, ctx);
  if (!note.ok) return note;
  if (plus?.[1] !== undefined) return parts([{ comparator: '>=', version: plus[1] }], note);
  return a.series ? parts([], note, [a.version]) : parts([{ comparator: '=', version: a.version }], note);
}

/** Parses one clause (prefix words like "All versions" already removed). */
export function parseClause(text: string, ctx: ClauseContext): ClauseResult {
  const between = /^(?:between|from) (.*)$/i.exec(text);
  if (between !== null) {
    const span = readSpanFrom(between[1] ?? '', ctx);
    if (span !== undefined || /^between /i.test(text)) return span ?? fail('syntax', `"between" without "and": "${text}"`);
  }
  for (const [pattern, comparator] of prefixWords) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const v = read(text.slice(m[0].length), ctx);
    if (!v.ok) return v;
    const c = constrain(comparator, v);
    if (!Array.isArray(c)) return c;
    const note = readNote(v.rest, ctx);
    return note.ok ? parts(c, note) : note;
  }
  if (comparatorAtStart.test(text)) return readSequence(text, undefined, ctx);
  return readFromVersion(text, ctx);
}

/** "All versions" followed by a note: fine, unless the note bounds the version of something else. */
export function allWithNote(note: string): ClauseResult {
  if (boundHints.test(note)) return fail('component_bound', `the bound applies to something else than the product: "${note}"`);
  return { ok: true, clause: { kind: 'all', note: note === '' ? undefined : note } };
}
