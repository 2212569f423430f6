import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadingCsvFields, loadDefaultOui, loadOui } from './oui.js';

describe('MAC vendor registry', () => {
  it('reads IEEE CSV files and prefers the longest prefix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oui-'));
    await writeFile(join(dir, 'oui.csv'), 'Registry,Assignment,Organization Name,Organization Address\nMA-L,001122,"Plant Devices, Inc.",Somewhere\n');
    await writeFile(join(dir, 'mam.csv'), 'Registry,Assignment,Organization Name,Organization Address\nMA-M,0011223,Sub Block Ltd,Elsewhere\n');
    const oui = await loadOui([join(dir, 'oui.csv'), join(dir, 'mam.csv'), join(dir, 'missing.csv')]);
    expect(oui.lookup('00:11:22:33:44:55')).toBe('Sub Block Ltd');
    expect(oui.lookup('00:11:22:f3:44:55')).toBe('Plant Devices, Inc.');
    expect(oui.lookup('aa:bb:cc:dd:ee:ff')).toBeUndefined();
    expect(oui.lookup('not a mac')).toBeUndefined();
  });

  it('matches the assignment column only, not the same digits elsewhere in a record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oui-'));
    const rows = [
      'Registry,Assignment,Organization Name,Organization Address',
      'MA-L,AABBCC,"Quoted, Name",",DDEEFF, street"',
      'MA-L,DDEEFF,Real Owner,"multi',
      'line ,123456, address"',
      'MA-L,123456,Line Owner,x',
    ];
    await writeFile(join(dir, 'oui.csv'), rows.join('\n'));
    const oui = await loadOui([join(dir, 'oui.csv')]);
    expect(oui.lookup('aa:bb:cc:00:00:01')).toBe('Quoted, Name');
    expect(oui.lookup('dd:ee:ff:00:00:01')).toBe('Real Owner');
    expect(oui.lookup('12:34:56:00:00:01')).toBe('Line Owner');
    expect(oui.lookup('12:34:57:00:00:01')).toBeUndefined();
  });

  it('finds the registry Debian installs (CI installs ieee-data)', async () => {
    const oui = await loadDefaultOui();
    expect(oui.lookup('00:1b:1b:00:00:01')).toMatch(/siemens/i); // MA-L, oui.csv
    expect(oui.lookup('20:85:93:b0:00:01')).toBe('IOG Products LLC'); // MA-M, mam.csv
    expect(oui.lookup('20:85:93:c0:00:01')).not.toBe('IOG Products LLC'); // outside that 28-bit block
  });

  it('reads the leading fields of CSV records with quotes, doubled quotes, line breaks in fields and CRLF', () => {
    const text = 'a,b,c,d\r\nMA-L,"x, ""y""",z,"addr\nline 2, more"\n\nMA-S,plain,"multi\r\nline",tail\nlast,only';
    expect(leadingCsvFields(text, 2)).toEqual([
      ['a', 'b'],
      ['MA-L', 'x, "y"'],
      ['MA-S', 'plain'],
      ['last', 'only'],
    ]);
    expect(leadingCsvFields(text, 3)[2]).toEqual(['MA-S', 'plain', 'multi\r\nline']);
    expect(leadingCsvFields('', 3)).toEqual([]);
  });
});
