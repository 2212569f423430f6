import { describe, expect, it } from 'vitest';
import { productFamily } from './product-family.js';

// Siemens products in the shared data: one per spelling, and one per family once order numbers are variants.
const EXPECTED_SIEMENS = [1809, 1565];
import { namedProducts } from '../grading/shared-data.case.js';
import { classifyDeviceType, deviceTypeRules, deviceTypes, normalizeProductName } from './normalize-product.js';
import { normalizeVendorName } from './normalize-vendor.js';

describe('normalizeProductName', () => {
  it('removes the vendor prefix, case and extra spaces', () => {
    expect(normalizeProductName('siemens', 'Siemens SIMATIC S7-1500')).toEqual({ key: 'simatic s7-1500', display: 'SIMATIC S7-1500' });
    expect(normalizeProductName('siemens', '  SIMATIC\u00a0S7-1500 ')).toEqual({ key: 'simatic s7-1500', display: 'SIMATIC S7-1500' });
    expect(normalizeProductName('rockwell-automation', 'Allen-Bradley Stratix 5950').key).toBe('stratix 5950');
    expect(normalizeProductName('schneider-electric', 'Schneider-Electric: Modicon M580').key).toBe('modicon m580');
    expect(normalizeProductName('iconics+mitsubishi-electric', 'Mitsubishi Electric MC Works64').key).toBe('mc works64');
  });

  it('keeps a name that is only the vendor, and names that merely start alike', () => {
    expect(normalizeProductName('siemens', 'Siemens').key).toBe('siemens');
    expect(normalizeProductName('ge', 'Gecko Switch').key).toBe('gecko switch');
  });

  it('reads CPE-style underscores and drops trademark signs, repairing mojibake first', () => {
    expect(normalizeProductName('siemens', 'simatic_s7-1500_cpu_firmware').key).toBe('simatic s7-1500 cpu firmware');
    expect(normalizeProductName('rockwell-automation', 'ArmorStratixâ„¢ 5700').key).toBe('armorstratix 5700');
    expect(normalizeProductName('x', 'FactoryTalk® View').display).toBe('FactoryTalk View');
  });

  it('returns an empty key for empty or non-string names', () => {
    expect(normalizeProductName('siemens', '')).toEqual({ key: '', display: '' });
    expect(normalizeProductName('siemens', 42 as unknown as string)).toEqual({ key: '', display: '' });
    expect(normalizeProductName(undefined as unknown as string, 'S7-1500').key).toBe('s7-1500');
  });
});

describe('classifyDeviceType', () => {
  it.each([
    ['siemens', 'SIMATIC S7-1500 CPU 1511-1 PN', 'plc'],
    ['rockwell-automation', 'ControlLogix 5580', 'plc'],
    ['schneider-electric', 'Modicon M340', 'plc'],
    ['mitsubishi-electric', 'MELSEC iQ-R Series', 'plc'],
    ['unitronics', 'Vision 1210', 'plc'],
    ['samba', 'Samba', 'unknown'],
    ['siemens', 'SIMATIC S7-1500 CPU 1516F-3 PN/DP', 'safety_controller'],
    ['rockwell-automation', 'GuardLogix 5580', 'safety_controller'],
    ['schneider-electric', 'Triconex Tricon', 'safety_controller'],
    ['siemens', 'SIMATIC WinCC (TIA Portal) V15', 'hmi'],
    ['rockwell-automation', 'FactoryTalk View SE', 'hmi'],
    ['aveva', 'InTouch', 'hmi'],
    ['siemens', 'SIMATIC STEP 7 (TIA Portal) V16', 'engineering_workstation'],
    ['rockwell-automation', 'Studio 5000 Logix Designer', 'engineering_workstation'],
    ['schneider-electric', 'Unity Pro', 'engineering_workstation'],
    ['aveva', 'PI Server', 'historian'],
    ['rockwell-automation', 'FactoryTalk Historian SE', 'historian'],
    ['sel', 'SEL-751 Feeder Protection Relay', 'ied'],
    ['siemens', 'SIPROTEC 5 7SL87', 'ied'],
    ['schneider-electric', 'SCADAPack 470', 'rtu'],
    ['hitachi-energy', 'RTU500 series CMU Firmware', 'rtu'],
    ['emerson', 'DeltaV DCS', 'dcs_controller'],
    ['abb', 'System 800xA', 'dcs_controller'],
    ['yokogawa', 'CENTUM VP', 'dcs_controller'],
    ['honeywell', 'Experion PKS', 'dcs_controller'],
    ['siemens', 'SCALANCE X208PRO', 'switch'],
    ['siemens', 'RUGGEDCOM RS900', 'switch'],
    ['hirschmann', 'MACH 1000', 'switch'],
    ['rockwell-automation', 'Stratix 5950', 'firewall'],
    ['fortinet', 'FortiGate 100F', 'firewall'],
    ['moxa', 'OnCell G3150-HSDPA', 'gateway'],
    ['siemens', 'SCALANCE M816-1 ADSL-Router', 'gateway'],
    ['moxa', 'NPort 5110', 'gateway'],
    ['microsoft', 'Windows Server 2019', 'software'],
    ['rockwell-automation', 'PowerFlex 525 AC Drives with embedded EtherNet/IP and Safety', 'unknown'],
    ['hikvision', 'DS-2CD2xx2F-I Series IP camera', 'unknown'],
    ['acme', 'Widget 3000', 'unknown'],
  ])('%s %s → %s', (vendor, product, type) => {
    expect(classifyDeviceType(vendor, product).type).toBe(type);
  });

  it('reports the rule and its confidence, or none', () => {
    expect(classifyDeviceType('siemens', 'SIMATIC S7-1200')).toEqual({ type: 'plc', confidence: 0.9, rule: 'plc:product-line' });
    expect(classifyDeviceType('acme', 'Widget 3000')).toEqual({ type: 'unknown', confidence: 0, rule: undefined });
    expect(classifyDeviceType('acme', '')).toEqual({ type: 'unknown', confidence: 0, rule: undefined });
    expect(classifyDeviceType('acme', null as unknown as string).type).toBe('unknown');
  });

  it('keeps the rules declarative and well-formed', () => {
    const ids = deviceTypeRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of deviceTypeRules) {
      expect(deviceTypes).toContain(r.type);
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('products in the shared data', () => {
  const named = namedProducts().filter((p) => p.product !== '');
  const pairs = new Map<string, { vendor: string; product: string }>();
  for (const p of named) {
    const vendor = normalizeVendorName(p.vendor).key;
    pairs.set(`${vendor}|${normalizeProductName(vendor, p.product).key}`, { vendor, product: p.product });
  }

  it('collapses spelling variants of the same product', () => {
    expect([new Set(named.map((p) => `${p.vendor}|${p.product}`)).size, pairs.size]).toEqual([4590, 4525]);
  });

  it('classifies the OT products and says when it cannot', () => {
    const counts: Record<string, number> = {};
    for (const { vendor, product } of pairs.values()) {
      const t = classifyDeviceType(vendor, product).type;
      counts[t] = (counts[t] ?? 0) + 1;
    }
    expect(counts).toEqual({
      plc: 648, safety_controller: 77, hmi: 181, engineering_workstation: 159, historian: 26, dcs_controller: 38, rtu: 21, ied: 147,
      switch: 546, firewall: 58, gateway: 236, software: 624, unknown: 1764,
    });
  });

  it('folds Siemens order numbers into product families', () => {
    const siemens = [...pairs.values()].filter((p) => p.vendor === 'siemens');
    const families = new Set(siemens.map((p) => normalizeProductName('siemens', productFamily(p.product).family).key));
    expect([siemens.length, families.size]).toEqual(EXPECTED_SIEMENS);
  });
});
