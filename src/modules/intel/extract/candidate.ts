import type { IndicatorType } from './types.js';

/** A match before grouping; offsets are in the refanged text. */
export interface Candidate {
  readonly type: IndicatorType;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly documentation?: true;
  readonly attackDomain?: 'enterprise' | 'ics';
}

/** What every matcher sees: refanged text and whether a span of it was defanged in the original. */
export interface ScanText {
  readonly text: string;
  defangedWithin(start: number, end: number): boolean;
}

/** Runs a global regex over text; a fresh lastIndex every time, so shared regexes are safe. */
export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}
