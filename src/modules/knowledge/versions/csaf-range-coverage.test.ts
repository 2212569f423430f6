import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureCsafRangeCoverage, parseCsafRangeName } from './csaf-range-coverage.js';
import { matchVersion, toVers } from './range.js';

// The shared data sits beside the repository: /work/main → /work/shared/data/csaf.
const csafDir = fileURLToPath(new URL('../../../../../shared/data/csaf', import.meta.url));

// Measured on the shared OT + IT advisories: 4482 of 4624 range names (96.9 %). The margin absorbs
// small data refreshes; a parser regression costs more than that.
const minimumParseRate = 0.96;

// The data is required: CI has ../shared beside the repository, and a missing folder must fail, not skip.
describe('CSAF product_version_range names from the shared advisories', () => {
  it('resolves the data directory next to the repository', () => {
    expect(csafDir.replace(/\/$/, '')).toMatch(/\/shared\/data\/csaf$/);
    expect(existsSync(join(csafDir, 'OT')) && existsSync(join(csafDir, 'IT'))).toBe(true);
  });

  it(`parses at least ${minimumParseRate * 100} % of the range names, and keeps the text of the rest`, () => {
    const coverage = measureCsafRangeCoverage(join(csafDir, 'OT'), join(csafDir, 'IT'));
    expect(coverage.unreadableFiles).toEqual([]);
    expect(coverage.total).toBeGreaterThan(4000);
    expect(coverage.parsed + coverage.unknown).toBe(coverage.total);
    expect(coverage.parsed / coverage.total).toBeGreaterThanOrEqual(minimumParseRate);
    expect(coverage.samplesUnknown.length).toBe(coverage.distinctUnknown);
    for (const text of coverage.samplesUnknown) {
      const range = parseCsafRangeName(text);
      expect(range.kind, text).toBe('unknown');
      if (range.kind === 'unknown') {
        expect(range.text).toBe(text);
        expect(range.reason ?? '', text).not.toBe('');
      }
    }
  });
});

describe('measureCsafRangeCoverage on a small tree', () => {
  it('walks nested branches and counts parsed and unknown names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csaf-'));
    try {
      const doc = {
        product_tree: {
          branches: [
            {
              category: 'vendor',
              name: 'Siemens',
              branches: [
                {
                  category: 'product_name',
                  name: 'SIMATIC WinCC V7.3',
                  branches: [
                    { category: 'product_version_range', name: '< WinCC 7.3 Upd 16' },
                    { category: 'product_version_range', name: '< June 30 2015' },
                    { category: 'product_version', name: 'V7.3' },
                  ],
                },
              ],
            },
          ],
        },
      };
      writeFileSync(join(dir, 'a.json'), JSON.stringify(doc));
      writeFileSync(join(dir, 'broken.json'), '{"product_tree": ');
      const coverage = measureCsafRangeCoverage(dir);
      expect(coverage).toMatchObject({ total: 2, parsed: 1, unknown: 1, samplesUnknown: ['< June 30 2015'] });
      expect(coverage.unreadableFiles).toEqual([join(dir, 'broken.json')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Golden cases: range names as they appear in the shared CISA advisories, and what they must become.
const golden: readonly [string, string, string?][] = [
  ['vers:all/*', 'vers:all/*'],
  ['vers:all/<V3.1.4', 'vers:generic/<V3.1.4'],
  ['vers:all/<V5.1 SP1 HF8', 'vers:generic/<V5.1%20SP1%20HF8'],
  ['vers:all/>=V11.5.1|<V11.6.2', 'vers:generic/>=V11.5.1|<V11.6.2'],
  ['vers:all/*_installed_on_CP200_devices', 'vers:all/*', 'installed on CP200 devices'],
  ['<V4.3.10', 'vers:generic/<V4.3.10'],
  ['< V4.1.3', 'vers:generic/<V4.1.3'],
  ['All versions', 'vers:all/*'],
  [' <1.000.HW00.21.20190812', 'vers:generic/<1.000.HW00.21.20190812'],
  ['<= 4.00.02', 'vers:generic/<=4.00.02'],
  ['>= 1.0 | <= 1.32', 'vers:generic/>=1.0|<=1.32'],
  ['< 02.07.07(10)', 'vers:generic/<02.07.07(10)'],
  ['<=3.3.23.6.9', 'vers:generic/<=3.3.23.6.9'],
  ['All versions with U-Boot < V2016.05RS09', 'unknown'],
  ['<=B13__without_Special_Modification_Patch_BRD-C62W003-A0_installed', 'vers:generic/<=B13', 'without Special Modification Patch BRD-C62W003-A0 installed'],
  ['<v36.011_v35.013_v34.014', 'vers:generic/<v36.011'],
  ['<V18_Update_2', 'vers:generic/<V18%20Update%202'],
  ['<= 15.2(6)E0a', 'vers:generic/<=15.2(6)E0a'],
  ['All versions < V14', 'vers:generic/<V14'],
  ['All versions < V2010 SP3', 'vers:generic/<V2010%20SP3'],
  ['<= 3.4.4 Build 16102416', 'vers:generic/<=3.4.4%20Build%2016102416'],
  ['< V15.1 Upd 4', 'vers:generic/<V15.1%20Upd%204'],
  ['< V4.8 HF4', 'vers:generic/<V4.8%20HF4'],
  ['All versions <= V7.x', 'vers:generic/<V8'],
  ['>v33.011|<v33.015', 'vers:generic/>v33.011|<v33.015'],
  ['>=R9.01|<=R10.04', 'vers:generic/>=R9.01|<=R10.04'],
  ['<V4.00_Utilizes_Wibu-Systems_CodeMeter_7.60c', 'vers:generic/<V4.00', 'Utilizes Wibu-Systems CodeMeter 7.60c'],
  ['All versions between V2.5 (including) and V2.7 (excluding)', 'vers:generic/>=V2.5|<V2.7'],
  ['SCADA Web Server Version 2.02.0007 and prior', 'vers:generic/<=2.02.0007', 'SCADA Web Server'],
  ['V4.7: < V4.7 HF27', 'vers:generic/>=V4.7|<V4.7%20HF27'],
  ['Versions V8.0, V8.1', 'vers:generic/V8.0|V8.1'],
  ['>=V10.0.0<V10.0.2', 'vers:generic/>=V10.0.0|<V10.0.2'],
  ['>="05"|<="07"', 'vers:generic/>=05|<=07'],
  ['< 14.4u1 (14.x series)', 'vers:generic/>=14|<14.4u1', '(14.x series)'],
  ['All versions <= V2.2.2 and Function State (FS) <= 10', 'vers:generic/<=V2.2.2', 'and Function State (FS) <= 10'],
  ['<V9.62_installed_on_CP150_and_CP300_devices', 'vers:generic/<V9.62', 'installed on CP150 and CP300 devices'],
  ['<=2014 R4 SP2 P02', 'vers:generic/<=2014%20R4%20SP2%20P02'],
  ['<=3.8.0_Feature_Pack_1', 'vers:generic/<=3.8.0%20Feature%20Pack%201'],
  ['<=(R4.02)', 'vers:generic/<=R4.02'],
  ['2404267 version 1.x', 'vers:generic/>=1|<2', '2404267'],
  ['11.3.1 | 11.3.2 | 12.3.1 | 13.3.1 | 14.3 | R5.1 | <= R6', 'vers:generic/<=R6|11.3.1|11.3.2|12.3.1|13.3.1|14.3'],
  // Genuinely ambiguous or not about the product's version: they must stay unknown.
  ['<=The_first_5_digits_of_serial_No._"26061"', 'unknown'],
  ['< 1.99 | 2.20 | 2.40', 'unknown'],
  ['< March 13, 2019 | < 4.003 | < 5.002', 'unknown'],
  ['BIOS < V20.01.10', 'unknown'],
  ['< V3.X.14', 'unknown'],
  ['<= 7.20 (7.50 and 7.60 may also be affected if WibuKey was installed manually)', 'unknown'],
  ['1SAP551100R0001 (revision index B1 with BSP <= UN30 1.76)', 'unknown'],
];

describe('golden: real CISA range names', () => {
  it.each(golden)('%j → %s', (name, expected, note) => {
    const range = parseCsafRangeName(name);
    if (expected === 'unknown') {
      expect(range).toMatchObject({ kind: 'unknown', text: name });
      expect(matchVersion(range, '1.0')).toBe('unknown');
      return;
    }
    expect(toVers(range)).toBe(expected);
    if (note !== undefined) expect(range).toMatchObject({ note });
    else expect(range.kind !== 'unknown' && range.note).toBeFalsy();
  });

  it('matches asset versions against golden ranges as the advisory means', () => {
    expect(matchVersion(parseCsafRangeName('< V15.1 Upd 4'), 'V15.1 Update 3')).toBe('affected');
    expect(matchVersion(parseCsafRangeName('< V15.1 Upd 4'), 'V15.1 Update 4')).toBe('not_affected');
    expect(matchVersion(parseCsafRangeName('All versions < V2010 SP3'), 'V2010 SP2')).toBe('affected');
    expect(matchVersion(parseCsafRangeName('>=R9.01|<=R10.04'), 'R10.02')).toBe('affected');
    expect(matchVersion(parseCsafRangeName('>=R9.01|<=R10.04'), 'R10.05')).toBe('not_affected');
    expect(matchVersion(parseCsafRangeName('All versions <= V7.x'), 'V7.9 SP1')).toBe('affected');
    expect(matchVersion(parseCsafRangeName('All versions <= V7.x'), 'V8.0')).toBe('not_affected');
    expect(matchVersion(parseCsafRangeName('< WinCC 7.3 Upd 16', 'SIMATIC WinCC V7.3'), 'V7.3 Upd 15')).toBe('affected');
  });
});
