// CVSS v2, v3.0, v3.1 and v4.0 scoring. The arithmetic is ae-cvss-calculator's; this file only
// parses strictly (the library silently accepts duplicates, a wrong prefix or a half vector) and
// turns the library's exceptions into results.
import calculator from 'ae-cvss-calculator';
import type { CvssClaim } from '../sources/types.js';

export type CvssVersion = CvssClaim['version'];
export const cvssVersions: readonly CvssVersion[] = ['2.0', '3.0', '3.1', '4.0'];

export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface CvssScore {
  readonly version: CvssVersion;
  /** Canonical order, with the prefix for v3/v4 and without "Not Defined" (X / ND) metrics. */
  readonly vector: string;
  /** Base metrics only: CVSS-B for v4, the base score for v2/v3. */
  readonly baseScore: number;
  /** The base score's qualitative rating (v2: NVD's low/medium/high, since v2 defines none). */
  readonly severity: CvssSeverity;
  /** Score over every metric the vector defines (temporal/environmental, CVSS-BT/BE/BTE). */
  readonly overallScore: number;
  /** Metric abbreviation → value, as in the normalized vector ("AV" → "N"). */
  readonly metrics: Readonly<Record<string, string>>;
}

export type CvssIssueCode =
  | 'empty'
  | 'unsupported_version'
  | 'version_mismatch'
  | 'malformed_metric'
  | 'duplicate_metric'
  | 'missing_metric'
  | 'unknown_metric'
  | 'invalid_value';

export type CvssResult =
  | { readonly success: true; readonly value: CvssScore }
  | { readonly success: false; readonly code: CvssIssueCode; readonly reason: string };

interface Scores {
  readonly base?: number | undefined;
  readonly baseMetricsOnly?: number | undefined;
  readonly overall: number;
}
interface Calculator {
  applyComponentString(metric: string, value: string): boolean;
  getComponents(): Map<{ readonly shortName: string }, unknown>;
  calculateScores(): Scores;
  toString(): string;
}

interface VersionSpec {
  readonly prefix: string | undefined;
  readonly required: readonly string[];
  readonly create: () => Calculator;
  readonly base: (s: Scores) => number | undefined;
}

const specs: Record<CvssVersion, VersionSpec> = {
  '2.0': {
    prefix: undefined,
    required: ['AV', 'AC', 'Au', 'C', 'I', 'A'],
    create: () => new calculator.Cvss2(),
    base: (s) => s.base,
  },
  '3.0': {
    prefix: 'CVSS:3.0',
    required: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
    create: () => new calculator.Cvss3P0(),
    base: (s) => s.base,
  },
  '3.1': {
    prefix: 'CVSS:3.1',
    required: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
    create: () => new calculator.Cvss3P1(),
    base: (s) => s.base,
  },
  '4.0': {
    prefix: 'CVSS:4.0',
    required: ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
    create: () => new calculator.Cvss4P0(),
    // The library's "base" for v4 already includes threat/environmental metrics.
    base: (s) => s.baseMetricsOnly,
  },
};

const fail = (code: CvssIssueCode, reason: string): CvssResult => ({ success: false, code, reason });

/** Severity rating of a score: CVSS v3/v4 table; v2 has no table of its own, NVD's is used. */
export function cvssSeverity(version: CvssVersion, score: number): CvssSeverity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  return score >= 4 ? 'medium' : 'low';
}

/** Splits off the "CVSS:x.y/" prefix; v2 vectors have none (NVD) or an optional "CVSS:2.0". */
function stripPrefix(version: CvssVersion, text: string): { body: string } | CvssResult {
  const match = /^CVSS:(\d+\.\d+)\//.exec(text);
  if (match === null) {
    // A bare vector is read as the version the caller states (CISA's older notes print v3 that way).
    return text.startsWith('CVSS') ? fail('malformed_metric', `unreadable prefix in "${text}"`) : { body: text };
  }
  if (match[1] !== version) return fail('version_mismatch', `vector says CVSS:${match[1]}, claim says ${version}`);
  return { body: text.slice(match[0].length) };
}

/** Parses and scores one vector. Never throws. */
export function scoreCvss(claim: CvssClaim): CvssResult {
  if (typeof claim !== 'object' || claim === null) return fail('empty', 'no CVSS claim');
  const spec = (specs as Partial<Record<string, VersionSpec>>)[claim.version];
  if (spec === undefined) return fail('unsupported_version', `unsupported CVSS version "${String(claim.version)}"`);
  if (typeof claim.vector !== 'string') return fail('empty', 'no vector');
  let text = claim.vector.trim();
  // NVD and vendors print v2 vectors in parentheses: "(AV:N/AC:L/Au:N/C:P/I:P/A:P)".
  const wrapped = /^\((.*)\)$/.exec(text);
  if (wrapped?.[1] !== undefined) text = wrapped[1].trim();
  if (text === '') return fail('empty', 'empty vector');

  const stripped = stripPrefix(claim.version, text);
  if ('success' in stripped) return stripped;

  const metrics = new Map<string, string>();
  const parts = stripped.body.split('/');
  for (const [index, part] of parts.entries()) {
    const m = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (m?.[1] === undefined || m[2] === undefined) {
      return fail('malformed_metric', `part ${index + 1} "${part}" is not METRIC:VALUE`);
    }
    if (metrics.has(m[1])) return fail('duplicate_metric', `metric ${m[1]} appears twice`);
    metrics.set(m[1], m[2]);
  }
  const missing = spec.required.filter((k) => !metrics.has(k));
  if (missing.length > 0) return fail('missing_metric', `missing base metric(s) ${missing.join(', ')}`);

  const calc = spec.create();
  const known = new Set([...calc.getComponents().keys()].map((c) => c.shortName));
  for (const [key, value] of metrics) {
    if (!known.has(key)) return fail('unknown_metric', `unknown metric ${key} in CVSS ${claim.version}`);
    try {
      calc.applyComponentString(key, value);
    } catch {
      return fail('invalid_value', `invalid value "${value}" for metric ${key} in CVSS ${claim.version}`);
    }
  }

  let scores: Scores;
  let normalized: string;
  try {
    scores = calc.calculateScores();
    normalized = calc.toString();
  } catch (e) {
    return fail('invalid_value', `cannot score vector: ${e instanceof Error ? e.message : String(e)}`);
  }
  const baseScore = spec.base(scores);
  if (baseScore === undefined || !Number.isFinite(baseScore)) return fail('invalid_value', 'no base score for this vector');

  const kept = normalized
    .split('/')
    .filter((p) => !p.startsWith('CVSS:'))
    .map((p) => p.split(':') as [string, string])
    .filter(([, v]) => v !== 'X' && v !== 'ND');
  const vector = [...(spec.prefix === undefined ? [] : [spec.prefix]), ...kept.map(([k, v]) => `${k}:${v}`)].join('/');
  return {
    success: true,
    value: {
      version: claim.version,
      vector,
      baseScore,
      severity: cvssSeverity(claim.version, baseScore),
      overallScore: Number.isFinite(scores.overall) ? scores.overall : baseScore,
      metrics: Object.fromEntries(kept),
    },
  };
}
