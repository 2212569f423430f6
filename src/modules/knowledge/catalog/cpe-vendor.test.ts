import { describe, expect, it } from 'vitest';
import { namedProducts } from '../grading/shared-data.case.js';
import { cpeProduct, cpeTokenText, parseCpe } from './cpe-vendor.js';
import { normalizeVendorName } from './normalize-vendor.js';

describe('parseCpe', () => {
  it('parses CPE 2.3 formatted strings, with escapes', () => {
    expect(parseCpe('cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*')).toEqual({
      success: true,
      value: { part: 'o', vendor: 'siemens', product: 'simatic s7-1500 cpu firmware', version: '2.9.4' },
    });
    const escaped = parseCpe('cpe:2.3:a:at\\&t:connect\\:direct:*:*:*:*:*:*:*:*');
    expect(escaped.success && escaped.value).toMatchObject({ vendor: 'at&t', product: 'connect:direct', version: undefined });
  });

  it('parses CPE 2.2 URIs', () => {
    expect(parseCpe('cpe:/h:schneider-electric:modicon_m580')).toEqual({
      success: true,
      value: { part: 'h', vendor: 'schneider-electric', product: 'modicon m580', version: undefined },
    });
  });

  it.each([
    ['not a cpe', /not a CPE name/],
    ['cpe:2.3:a:vendor:product', /13 components/],
    ['cpe:2.3:x:vendor:product:*:*:*:*:*:*:*:*', /part "x"/],
    ['cpe:2.3:a:*:product:*:*:*:*:*:*:*:*', /vendor is ANY or NA/],
    ['cpe:2.3:a:vendor:-:*:*:*:*:*:*:*:*', /product is ANY or NA/],
    ['cpe:/a:vendor:%E0%A4%A', /percent-encoding/],
  ])('rejects %s', (cpe, reason) => {
    const r = parseCpe(cpe);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.reason).toMatch(reason);
  });

  it('never throws on non-strings', () => {
    expect(parseCpe(undefined as unknown as string).success).toBe(false);
  });

  it('turns tokens into text', () => {
    expect(cpeTokenText('webex_meetings_server')).toBe('webex meetings server');
    expect(cpeTokenText('connect\\:direct')).toBe('connect:direct');
  });
});

describe('cpeProduct', () => {
  it('gives the same vendor key as the name people write', () => {
    const r = cpeProduct('cpe:2.3:a:schneider-electric:ecostruxure_control_expert:15.0:*:*:*:*:*:*:*');
    expect(r.success && r.value.vendor).toEqual(normalizeVendorName('Schneider Electric'));
    expect(r.success && r.value.product.key).toBe('ecostruxure control expert');
    expect(r.success && r.value.deviceType.type).toBe('engineering_workstation');
  });

  it('capitalizes vendors it has no spelling for, and calls unclaimed applications software', () => {
    const r = cpeProduct('cpe:2.3:a:snowsoftware:snow_inventory_agent:*:*:*:*:*:*:*:*');
    expect(r.success && r.value.vendor).toEqual({ key: 'snowsoftware', display: 'Snowsoftware' });
    expect(r.success && r.value.deviceType).toEqual({ type: 'software', confidence: 0.6, rule: 'cpe:application' });
    const hw = cpeProduct('cpe:2.3:h:acme:widget_3000:-:*:*:*:*:*:*:*');
    expect(hw.success && hw.value.deviceType.type).toBe('unknown');
  });

  it('fails on a bad CPE', () => {
    expect(cpeProduct('cpe:2.3:a').success).toBe(false);
  });

  it('reads every CPE in the NVD records', () => {
    const cpes = namedProducts().flatMap((p) => (p.cpe === undefined ? [] : [p.cpe]));
    expect(cpes.length).toBeGreaterThan(400);
    const failed = cpes.filter((c) => !cpeProduct(c).success);
    expect(failed).toEqual([]);
    const siemens = cpes.filter((c) => c.includes(':siemens:')).map((c) => cpeProduct(c));
    expect(siemens.every((r) => r.success && r.value.vendor.key === 'siemens')).toBe(true);
  });
});
