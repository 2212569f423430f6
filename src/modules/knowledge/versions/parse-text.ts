// Vendor free text as CISA advisories carry it, often in the `name` of a CSAF product_version_range
// branch: "All versions prior to V3.0", "<V4.00_Utilizes_Wibu-Systems_CodeMeter_7.60c", ">= 1.0 | <= 1.32".
// What it cannot read with confidence it refuses, with a reason; the caller stores "unknown".
import { rangeFromConstraints, type VersionConstraint } from './constraints.js';
import { allVersions, rangeFail, rangeOk, type RangeParseResult } from './range.js';
import { allWithNote, parseClause, type ClauseContext, type ClauseResult } from './text-clause.js';
import { productWordsOf } from './text-version.js';

/** What the text is about: with the product name, "< WinCC 7.2 Upd 15" under "SIMATIC WinCC" reads. */
export interface RangeTextContext {
  readonly productName?: string | undefined;
}

/** One spelling for what vendors write many ways: "_" as space, "≤", "=<", comparators as tokens. */
export function prepareRangeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .replace(/=</g, '<=')
    .replace(/=>/g, '>=')
    .replace(/_/g, ' ')
    .replace(/\s*(<=|>=|!=|<|>|=)\s*/g, ' $1 ')
    .replace(/\s*,\s*/g, ' , ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[.,;:]+$/, '')
    .replace(/\bV (?=\d)/gi, 'V');
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

const allPrefix = /^(?:all|any)(?: (?:firmware|software|hardware|product))? versions?\b ?/i;
const versionsPrefix = /^(?:affected )?(?:(?:firmware|software) )?versions?\b:? ?/i;
const versionWord = /\b(?:(?:firmware|software) )?versions?\b:? ?/i;

/** Strips "All versions", "Versions", "<product> version"; says whether "all" was written. */
function stripPrefix(text: string): { rest: string; all: boolean; note?: string } {
  const all = allPrefix.exec(text);
  if (all !== null) return { rest: text.slice(all[0].length), all: true };
  if (/^all$/i.test(text)) return { rest: '', all: true };
  const plain = versionsPrefix.exec(text);
  if (plain !== null) return { rest: text.slice(plain[0].length), all: false };
  // "SCADA Web Server Version 2.02.0007 and prior", "2404267 version 1.x": a designation, then the version.
  const inner = versionWord.exec(text);
  if (inner !== null && inner.index > 0) {
    const prefix = text.slice(0, inner.index).replace(/\s*\/\s*$/, '').trim();
    const rest = text.slice(inner.index + inner[0].length);
    if (prefix !== '' && rest !== '' && balanced(prefix) && !/[<>=|]/.test(prefix)) return { rest, all: false, note: prefix };
  }
  return { rest: text, all: false };
}

function clauseOf(text: string, ctx: ClauseContext): ClauseResult {
  if (text === '*') return { ok: true, clause: { kind: 'all' } };
  if (text.startsWith('* ')) return allWithNote(text.slice(2));
  const { rest, all, note } = stripPrefix(text.replace(/^([^\s:]+): (?=[<>])/, '$1 '));
  if (rest === '') return all ? { ok: true, clause: { kind: 'all' } } : { ok: false, code: 'syntax', reason: 'a version is missing' };
  if (all && (/^(?:with|without|installed|running|on|in|using)\b/i.test(rest) || rest.startsWith('('))) {
    return ctx.single ? allWithNote(rest) : { ok: false, code: 'ambiguous', reason: `"all versions" with a note inside a list: "${text}"` };
  }
  const result = parseClause(rest, ctx);
  if (!result.ok || note === undefined) return result;
  if (!ctx.single) return { ok: false, code: 'ambiguous', reason: `a product designation inside a list: "${note}"` };
  const joined = result.clause.note === undefined ? note : `${note}; ${result.clause.note}`;
  return { ok: true, clause: { ...result.clause, note: joined } };
}

const isBound = (c: VersionConstraint) => c.comparator !== '=' && c.comparator !== '!=';

/** Parses vendor range text into a range, or says why not. Never throws. */
export function parseTextRange(text: string, context: RangeTextContext = {}): RangeParseResult {
  let s = prepareRangeText(text);
  // CISA writes "vers:all/<V3.1.4" and "vers:all/*_installed_on_CP200_devices": vers in name only.
  s = s.replace(/^vers:(?:all|generic|intdot) ?\/ ?/i, '');
  if (s === '') return rangeFail('empty', 'empty range text');
  const alternatives = s
    .split('|')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (alternatives.length === 0) return rangeFail('empty', 'only separators');
  const ctx: ClauseContext = { single: alternatives.length === 1, productWords: productWordsOf(context.productName) };

  const constraints: VersionConstraint[] = [];
  const series: string[] = [];
  let note: string | undefined;
  for (const alternative of alternatives) {
    const r = clauseOf(alternative, ctx);
    if (!r.ok) return rangeFail(r.code, ctx.single ? r.reason : `in "${alternative}": ${r.reason}`);
    if (r.clause.kind === 'all') return rangeOk(allVersions(r.clause.note));
    // "< 1.99 | 2.20 | 2.40": exact versions, or "< 2.20" and "< 2.40" with the "<" left out?
    if (constraints.some(isBound) && r.clause.series.length === 0 && !r.clause.constraints.some(isBound)) {
      return rangeFail('ambiguous', `"${alternative}" after a bound may be an exact version or share the bound's comparator`);
    }
    constraints.push(...r.clause.constraints);
    series.push(...r.clause.series);
    note = r.clause.note;
  }
  return rangeFromConstraints(constraints, { series, note });
}
