import { describe, expect, it } from 'vitest';
import { parseTextRange, prepareRangeText } from './parse-text.js';
import { matchVersion, toVers, type RangeParseResult } from './range.js';

function ok(result: RangeParseResult) {
  if (!result.success) throw new Error(`expected success, got: ${result.reason}`);
  return result.range;
}

describe('parseTextRange: vendor phrasings', () => {
  it.each([
    ['All versions', 'vers:all/*'],
    ['all versions prior to V3.0', 'vers:generic/<V3.0'],
    ['< V4.1.3', 'vers:generic/<V4.1.3'],
    ['<=V2.1', 'vers:generic/<=V2.1'],
    ['V2.0 SP1 and prior', 'vers:generic/<=V2.0%20SP1'],
    ['prior to 5.8.4', 'vers:generic/<5.8.4'],
    ['versions prior to 5.8.4', 'vers:generic/<5.8.4'],
    ['5.8.4 and earlier', 'vers:generic/<=5.8.4'],
    ['5.8.4 or older', 'vers:generic/<=5.8.4'],
    ['versions 3.x', 'vers:generic/>=3|<4'],
    ['V1.0 to V2.3', 'vers:generic/>=V1.0|<=V2.3'],
    ['from 2.0 through 2.5', 'vers:generic/>=2.0|<=2.5'],
    ['from 2.0 until 2.5', 'vers:generic/>=2.0|<2.5'],
    ['between V2.5 (including) and V2.7 (excluding)', 'vers:generic/>=V2.5|<V2.7'],
    ['before 1.2', 'vers:generic/<1.2'],
    ['up to and including 4.2', 'vers:generic/<=4.2'],
    ['≤ 6.1', 'vers:generic/<=6.1'],
    ['=< 6.1', 'vers:generic/<=6.1'],
    ['>=V3.0 <V3.2', 'vers:generic/>=V3.0|<V3.2'],
    ['>= V2.0 and < V2.6', 'vers:generic/>=V2.0|<V2.6'],
    ['>=V10.0.0<V10.0.2', 'vers:generic/>=V10.0.0|<V10.0.2'],
    ['V13 SP1 Update 4 and later', 'vers:generic/>=V13%20SP1%20Update%204'],
    ['since V4.0', 'vers:generic/>=V4.0'],
    ['4.2+', 'vers:generic/>=4.2'],
    ['V2.9.4', 'vers:generic/V2.9.4'],
    ['Versions V8.0, V8.1', 'vers:generic/V8.0|V8.1'],
    ['V4.4, V4.5, V5.0, and V5.1', 'vers:generic/V4.4|V4.5|V5.0|V5.1'],
    ['All versions <= V7.x', 'vers:generic/<V8'],
    ['>=4.0|<4.5.x', 'vers:generic/>=4.0|<4.5'],
    ['V4.7: < V4.7 HF27', 'vers:generic/>=V4.7|<V4.7%20HF27'],
    ['Versions V7.1 < V7.1 Upd3', 'vers:generic/>=V7.1|<V7.1%20Upd3'],
    ['>= 1.0 | <= 1.32', 'vers:generic/>=1.0|<=1.32'],
    ['1.32|1.33|1.35', 'vers:generic/1.32|1.33|1.35'],
    ['<v36.011_v35.013_v34.014', 'vers:generic/<v36.011'],
    ['<= 2.0.11 / 3.0.11', 'vers:generic/<=3.0.11'],
    ['< 6.6 (6.x series)', 'vers:generic/>=6|<6.6'],
    ['SCADA Web Server Version 2.02.0007 and prior', 'vers:generic/<=2.02.0007'],
    ['vers:all/<V3.1.4', 'vers:generic/<V3.1.4'],
    ['vers:all/*', 'vers:all/*'],
  ])('%j → %s', (text, expected) => {
    expect(toVers(ok(parseTextRange(text)))).toBe(expected);
  });

  it('treats underscores as spaces and keeps trailing product notes', () => {
    const range = ok(parseTextRange('<V4.00_Utilizes_Wibu-Systems_CodeMeter_7.60c'));
    expect(toVers(range)).toBe('vers:generic/<V4.00');
    expect(range).toMatchObject({ note: 'Utilizes Wibu-Systems CodeMeter 7.60c' });
    expect(ok(parseTextRange('<V4.00 (utilizes X)'))).toMatchObject({ note: '(utilizes X)' });
  });

  it('keeps "All versions" with a condition as all, with the condition as a note', () => {
    expect(ok(parseTextRange('vers:all/*_installed_on_CP200_devices'))).toEqual({ kind: 'all', note: 'installed on CP200 devices' });
    expect(ok(parseTextRange('All_versions_with_installed_WebRH'))).toEqual({ kind: 'all', note: 'with installed WebRH' });
  });

  it('reads a product name repeated before the version when it knows the product', () => {
    expect(parseTextRange('< WinCC 7.2 Upd 15').success).toBe(false);
    const range = ok(parseTextRange('< WinCC 7.2 Upd 15', { productName: 'SIMATIC WinCC V7.2 and earlier' }));
    expect(toVers(range)).toBe('vers:generic/<7.2%20Upd%2015');
    expect(matchVersion(range, 'V7.2 Update 14')).toBe('affected');
  });

  it('produces ranges that match as a reader would expect', () => {
    const range = ok(parseTextRange('V2.0 SP1 and prior'));
    expect(matchVersion(range, 'V2.0')).toBe('affected');
    expect(matchVersion(range, 'V2.0 SP1')).toBe('affected');
    expect(matchVersion(range, 'V2.0 SP2')).toBe('not_affected');
    expect(matchVersion(range, undefined)).toBe('unknown');
  });
});

describe('parseTextRange: refuses what it cannot read with confidence', () => {
  it.each([
    ['', 'empty'],
    [' | ', 'empty'],
    ['maybe some versions', 'syntax'],
    ['<= January 2019', 'date_bound'],
    ['<8/30/2024', 'date_bound'],
    ['All versions with U-Boot < V2016.05RS09', 'component_bound'],
    ['BIOS < V20.01.10', 'syntax'],
    ['< V3.X.14', 'ambiguous'],
    ['<= 7.2x', 'ambiguous'],
    ['< 1.99 | 2.20 | 2.40', 'ambiguous'],
    ['< 4.8 | SP5', 'ambiguous'],
    ['< 11.8.50.3425 (ME) | < R1.21.0 (BIOS)', 'ambiguous'],
    ['<= 7.20 (7.50 and 7.60 may also be affected if WibuKey was installed manually)', 'ambiguous'],
    ['>= 5.0.0 | CVE-2019-18340', 'syntax'],
    ['< 9 Linux Image 2019-12-13', 'syntax'],
    ['>= V3.0 < V2.0', 'empty_range'],
    ['from 3.0 to 2.0', 'empty_range'],
    ['between 2.0', 'syntax'],
    ['<=The_first_5_digits_of_serial_No._"26061"', 'syntax'],
  ])('%j → %s', (text, code) => {
    const r = parseTextRange(text);
    expect(r).toMatchObject({ success: false, code });
    expect(r.success === false && r.reason.length > 0).toBe(true);
  });

  it('never throws, whatever the input', () => {
    let seed = 11;
    const alphabet = 'V0123456789.<>=|_ -()SPUpdatexX*?,/andpriorlater';
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: n % 40 }, () => alphabet[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % alphabet.length]).join('');
      expect(() => parseTextRange(text), text).not.toThrow();
    }
  });
});

describe('prepareRangeText', () => {
  it('spaces comparators, unifies symbols and drops trailing punctuation', () => {
    expect(prepareRangeText('>=V10.0.0<V10.0.2')).toBe('>= V10.0.0 < V10.0.2');
    expect(prepareRangeText('≥ 1.0_SP1 ≤ 2.0.')).toBe('>= 1.0 SP1 <= 2.0');
    expect(prepareRangeText('All versions < V 4.01')).toBe('All versions < V4.01');
  });
});
