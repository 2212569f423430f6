import { describe, expect, it } from 'vitest';
import { productFamily } from './product-family.js';

describe('product families', () => {
  it('folds order numbers into variants of the family', () => {
    expect(productFamily('SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)')).toEqual({ family: 'SIMATIC S7-1500 CPU 1516-3 PN/DP', variants: ['6ES7516-3AN02-0AB0'] });
    expect(productFamily('SIPLUS S7-1500 CPU 1516-3 PN/DP (6AG1516-3AN01-2AB0, 6AG1516-3AN01-7AB0)')).toEqual({ family: 'SIPLUS S7-1500 CPU 1516-3 PN/DP', variants: ['6AG1516-3AN01-2AB0', '6AG1516-3AN01-7AB0'] });
    expect(productFamily('SCALANCE XCH328 (6GK5328-4TS01-2EC2)').family).toBe('SCALANCE XCH328');
    expect(productFamily('SIMATIC CP 1543SP-1 - 6GK7543-6WX00-0XE0').family).toBe('SIMATIC CP 1543SP-1');
  });

  it('keeps names without order numbers, and names that are only one', () => {
    expect(productFamily('SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)')).toEqual({ family: 'SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)', variants: [] });
    expect(productFamily('6ES7516-3AN02-0AB0')).toEqual({ family: '6ES7516-3AN02-0AB0', variants: [] });
    expect(productFamily('ControlLogix 5580 (1756-L8z)').variants).toEqual([]);
  });
});
