import { describe, expect, it } from 'vitest';
import { namedProducts } from '../grading/shared-data.case.js';
import { fixMojibake } from './clean-text.js';
import { normalizeVendorName, splitVendorNames, unknownVendor } from './normalize-vendor.js';
import { vendorAliases } from './vendor-aliases.js';

const key = (raw: string) => normalizeVendorName(raw).key;

describe('normalizeVendorName', () => {
  it('folds case and legal suffixes', () => {
    for (const raw of ['Siemens AG', 'SIEMENS', 'Siemens', 'siemens ag', ' Siemens  AG. ']) expect(normalizeVendorName(raw), raw).toEqual({ key: 'siemens', display: 'Siemens' });
    expect(key('Johnson Controls, Inc.')).toBe('johnson-controls');
    expect(key('Hangzhou Xiongmai Technology Co, Ltd')).toBe('xiongmai');
    expect(key('Pilz GmbH & Co. KG (Pilz)')).toBe('pilz');
    expect(key('Positron S.R.L')).toBe('positron');
    expect(key('Acme Co.,Ltd')).toBe('acme');
    expect(key('Acme B.V.')).toBe('acme');
    expect(key('Acme K.K.')).toBe('acme');
    expect(key('Acme plc')).toBe('acme');
  });

  it('reads CPE vendor tokens', () => {
    expect(key('schneider-electric')).toBe('schneider-electric');
    expect(key('schneider_electric')).toBe('schneider-electric');
    expect(key('rockwellautomation')).toBe('rockwell-automation');
    expect(key('mitsubishielectric')).toBe('mitsubishi-electric');
    expect(key('deltaww')).toBe('delta-electronics');
    expect(key('at\\&t')).toBe('at-t');
  });

  it('collapses the curated ICS vendor groups', () => {
    const groups: Record<string, string[]> = {
      'schneider-electric': ['Schneider Electric', 'Schneider-Electric', 'Schneider Electric Software, LLC', 'SCHNEIDER ELECTRIC SE'],
      'rockwell-automation': ['Rockwell Automation', 'Allen-Bradley', 'Rockwell Automation, Inc.'],
      'mitsubishi-electric': ['Mitsubishi Electric', 'Mitsubishi Electric Corporation'],
      'hitachi-energy': ['Hitachi Energy', 'Hitachi ABB Power Grids', 'Hitachi Energy Ltd'],
      abb: ['ABB', 'ABB Ltd', 'ABB Inc.'],
      ge: ['GE', 'General Electric', 'General Electric (GE)', 'GE Vernova', 'GE Digital', 'GE Grid Solutions'],
      'ge-healthcare': ['GE Healthcare', 'GE HealthCare Technologies Inc.'],
      'phoenix-contact': ['Phoenix Contact', 'PHOENIX CONTACT GmbH & Co. KG', 'phoenixcontact', 'Innominate Security Technologies'],
      honeywell: ['Honeywell', 'Honeywell International Inc.'],
      emerson: ['Emerson', 'Emerson Electric Co.', 'Emerson Process Management'],
      yokogawa: ['Yokogawa', 'Yokogawa Electric Corporation'],
      omron: ['Omron', 'OMRON Corporation'],
      moxa: ['Moxa', 'Moxa Inc.'],
      wago: ['WAGO', 'WAGO Kontakttechnik GmbH & Co. KG'],
      beckhoff: ['Beckhoff', 'Beckhoff Automation GmbH & Co. KG'],
      'delta-electronics': ['Delta Electronics', 'Delta Electronics, Inc.', 'deltaww'],
      advantech: ['Advantech', 'Advantech Co., Ltd.', 'B+B SmartWorx'],
      'johnson-controls': ['Johnson Controls', 'Johnson Controls Inc', 'JCI', 'Exacq Technologies'],
      'fuji-electric': ['Fuji Electric', 'Fuji Electric Co., Ltd.', 'fujielectric'],
      unitronics: ['Unitronics', 'unitronics'],
      'inductive-automation': ['Inductive Automation', 'inductiveautomation'],
      aveva: ['AVEVA', 'AVEVA Software, LLC', 'Schneider Electric AVEVA', 'OSIsoft LLC', 'Wonderware'],
      hikvision: ['Hikvision', 'Hangzhou Hikvision Digital Technology Co., Ltd.'],
    };
    for (const [expected, names] of Object.entries(groups)) for (const n of names) expect(key(n), n).toBe(expected);
  });

  it('keeps vendors apart that only look alike', () => {
    expect(key('Hitachi Energy')).not.toBe(key('ABB'));
    expect(key('Delta Controls')).not.toBe(key('Delta Electronics'));
    expect(key('GE Healthcare')).not.toBe(key('General Electric'));
    expect(key('Phoenix Broadband Technologies LLC')).not.toBe(key('Phoenix Contact'));
    expect(key('Hitachi Vantara')).not.toBe(key('Hitachi Energy'));
  });

  it('gives several vendors one joined key', () => {
    expect(normalizeVendorName('ICONICS, Mitsubishi Electric')).toEqual({ key: 'iconics+mitsubishi-electric', display: 'ICONICS, Mitsubishi Electric' });
    expect(key('ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO')).toBe('abb+phoenix-contact+schneider-electric+siemens+wago');
    expect(key('B+B SmartWorx, Advantech')).toBe('advantech');
  });

  it('repairs mojibake and folds diacritics', () => {
    expect(normalizeVendorName('GeutebrÃ¼ck GmbH')).toEqual({ key: 'geutebruck', display: 'Geutebrück' });
    expect(normalizeVendorName('Dräger')).toEqual({ key: 'drager', display: 'Dräger' });
    expect(fixMojibake('Dräger')).toBe('Dräger');
  });

  it('keeps unknown vendors readable', () => {
    expect(normalizeVendorName('Hanwha Techwin')).toEqual({ key: 'hanwha-techwin', display: 'Hanwha Techwin' });
    expect(normalizeVendorName('Ctek, Inc.')).toEqual({ key: 'ctek', display: 'Ctek' });
  });

  it('returns the unknown vendor for empty and placeholder names', () => {
    for (const bad of ['', '   ', 'n/a', 'N/A', '*', '-', '()']) expect(normalizeVendorName(bad), bad).toEqual(unknownVendor);
    expect(normalizeVendorName(undefined as unknown as string)).toEqual(unknownVendor);
  });
});

describe('splitVendorNames', () => {
  it('splits lists and keeps legal forms with their name', () => {
    expect(splitVendorNames('AVEVA Software, LLC and Schneider Electric Software, LLC')).toEqual(['AVEVA Software, LLC', 'Schneider Electric Software, LLC']);
    expect(splitVendorNames('Hirschmann Automation and Control GmbH, Belden Inc.')).toEqual(['Hirschmann Automation and Control GmbH', 'Belden Inc.']);
    expect(splitVendorNames('Silex Technology and GE Healthcare')).toEqual(['Silex Technology', 'GE Healthcare']);
    expect(splitVendorNames('D-Link and TRENDnet')).toEqual(['D-Link', 'TRENDnet']);
  });
  it('does not split names that merely contain "and" or a comma', () => {
    expect(splitVendorNames('Becton, Dickinson and Company (BD)')).toEqual(['Becton, Dickinson and Company']);
    expect(splitVendorNames('Hirschmann Automation and Control GmbH')).toEqual(['Hirschmann Automation and Control GmbH']);
    expect(splitVendorNames('Black and White Widgets')).toEqual(['Black and White Widgets']);
    expect(splitVendorNames('')).toEqual([]);
  });
});

describe('the alias table', () => {
  it('gives every spelling one key only', () => {
    for (const a of vendorAliases) for (const n of a.names) expect(key(n), n).toBe(a.key);
    expect(new Set(vendorAliases.map((a) => a.key)).size).toBe(vendorAliases.length);
  });
});

describe('vendor names in the shared data', () => {
  const named = namedProducts();
  const raw = [...new Set(named.map((p) => p.vendor))];
  const keys = new Set(raw.map(key));

  it('reduces the distinct raw names to fewer keys', () => {
    expect(new Set(named.map((p) => p.source))).toEqual(new Set(['csaf', 'kev', 'cve5', 'nvd2']));
    // 513 distinct strings; case and spaces alone fold them to 500; keys: 467.
    expect([raw.length, new Set(raw.map((r) => r.trim().toLowerCase())).size, keys.size]).toEqual([513, 500, 467]);
    // 14 strings name several vendors; split, the data names 468 vendors.
    expect(raw.filter((r) => splitVendorNames(r).length > 1)).toHaveLength(14);
    expect(new Set(raw.flatMap((r) => splitVendorNames(r).map(key))).size).toBe(468);
  });

  it('collapses the spellings the sources actually use', () => {
    const collapsed: Record<string, string[]> = {
      siemens: ['Siemens', 'siemens'],
      'schneider-electric': ['Schneider Electric', 'Schneider Electric Software, LLC', 'schneider-electric'],
      'johnson-controls': ['Johnson Controls', 'Johnson Controls Inc', 'Johnson Controls Inc.', 'Johnson Controls, Inc.', 'Exacq Technologies, Johnson Controls Inc.'],
      aveva: ['AVEVA', 'AVEVA Software, LLC', 'OSIsoft LLC'],
      'delta-electronics': ['Delta Electronics', 'deltaww'],
      nice: ['Nice', 'Nortek', 'nortekcontrol'],
      'palo-alto-networks': ['Palo Alto Networks', 'paloaltonetworks'],
      fortinet: ['Fortinet', 'fortinet'],
      unitronics: ['Unitronics', 'unitronics'],
      apache: ['Apache', 'Apache Software Foundation', 'apache'],
      microsoft: ['Microsoft', 'Microsoft Corporation', 'microsoft'],
      linux: ['Linux', 'The Linux Kernel Organization', 'linux'],
      geutebruck: ['GeutebrÃ¼ck', 'GeutebrÃ¼ck GmbH'],
      lcds: raw.filter((r) => r.startsWith('LCDS')),
      sel: ['Schweitzer Engineering Laboratories', 'Schweitzer Engineering Laboratories, Inc. (SEL)'],
      'phoenix-contact': ['Phoenix Contact', 'PHOENIX CONTACT, Innominate Security Technologies'],
    };
    for (const [expected, names] of Object.entries(collapsed)) {
      expect(names.length, expected).toBeGreaterThan(1);
      for (const n of names) {
        expect(raw, n).toContain(n);
        expect(key(n), n).toBe(expected);
      }
    }
  });
});
