import { describe, expect, it } from 'vitest';
import { cpeName, parseCpe23 } from './cpe.js';

describe('parseCpe23', () => {
  it('splits a CPE 2.3 formatted string, honouring escaped colons', () => {
    expect(parseCpe23('cpe:2.3:o:siemens:simatic_cp_1543-1_firmware:*:*:*:*:*:*:*:*')).toEqual({
      part: 'o',
      vendor: 'siemens',
      product: 'simatic_cp_1543-1_firmware',
      version: '*',
      update: '*',
    });
    expect(parseCpe23('cpe:2.3:a:vendor:prod\\:uct:1.0\\:2:sp1:*:*:*:*:*:*')).toMatchObject({ product: 'prod:uct', version: '1.0:2', update: 'sp1' });
  });

  it('refuses URI bindings, wrong parts and wrong lengths', () => {
    expect(parseCpe23('cpe:/a:apache:log4j:2.0')).toBeUndefined();
    expect(parseCpe23('cpe:2.3:x:apache:log4j:2.0:*:*:*:*:*:*:*')).toBeUndefined();
    expect(parseCpe23('cpe:2.3:a:apache:log4j:2.0')).toBeUndefined();
    expect(parseCpe23('cpe:2.3:a::log4j:2.0:*:*:*:*:*:*:*')).toBeUndefined();
  });

  it('turns underscores into spaces for display names', () => {
    expect(cpeName('u.motion_builder')).toBe('u.motion builder');
  });
});
