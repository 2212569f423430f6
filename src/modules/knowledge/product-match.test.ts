import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchPrepared, moduleKind, orderNumbers, prepareModel, prepareProduct, productMatches, releaseAgrees } from './product-match.js';

const siemens = ['siemens'];
const match = (product: string, model: string) => matchPrepared(prepareProduct(product, siemens), prepareModel(model, siemens));

describe('product match', () => {
  it('tells a CPU from the technology module and the software controller of its line', () => {
    const cpu = 'SIMATIC S7-1500 CPU 1516-3 PN/DP';
    expect(match('SIMATIC S7-1500 TM MFP - GNU/Linux subsystem', cpu)).toMatchObject({ match: false, basis: 'the product is a technology module, the asset a cpu' });
    expect(match('SIMATIC S7-1500 Software Controller', cpu).match).toBe(false);
    expect(match('SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)', cpu)).toMatchObject({ match: true, confidence: 0.8 });
    // Cut-off parentheses, as some advisories have them.
    expect(match('SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS', cpu).match).toBe(true);
    expect(match('SIMATIC S7-1500 TM MFP - GNU/Linux subsystem', 'SIMATIC S7-1500 TM MFP').match).toBe(true);
    expect(match('SIMATIC S7-1500 CPU family', 'SIMATIC S7-1500 TM MFP').match).toBe(false);
  });

  it('holds model numbers and order numbers against each other', () => {
    expect(match('SIMATIC S7-1500 CPU 1511-1 PN', 'SIMATIC S7-1500 CPU 1516-3 PN/DP').match).toBe(false);
    expect(match('SIMATIC S7-1500 CPU 1516F-3 PN/DP', 'SIMATIC S7-1500 CPU 1516-3 PN/DP').match).toBe(false);
    expect(match('SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)', 'SIMATIC S7-1500 CPU 1516-3 PN/DP')).toMatchObject({ match: true, confidence: 0.85 });
    expect(match('SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)', 'CPU 1516-3 PN/DP 6ES7 516-3AN02-0AB0')).toMatchObject({ match: true, confidence: 0.95 });
    expect(match('SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AP03-0AB0)', 'S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)').match).toBe(false);
    expect(orderNumbers('x (6ES7 516-3AN02-0AB0) and 6GK5204-2BB10-2AA3')).toEqual(['6ES7516-3AN02-0AB0', '6GK5204-2BB10-2AA3']);
  });

  it('keeps product lines apart that share a number', () => {
    expect(productMatches('GuardLogix 5580 (1756-L8zS)', 'ControlLogix 5580 1756-L83E', ['rockwell', 'automation'])).toBe(false);
    expect(productMatches('ControlLogix 5580 (1756-L8z)', 'ControlLogix 5580 1756-L83E')).toBe(true);
    expect(productMatches('SIPLUS S7-1500 CPU 1516-3 PN/DP', 'SIMATIC S7-1500 CPU 1516-3 PN/DP')).toBe(false);
    expect(productMatches('1756 ControlLogix EtherNet/IP Communications Modules 1756-EN2T Series D', 'ControlLogix 5580 1756-L83E')).toBe(false);
    expect(productMatches('SCALANCE X204-2LD', 'SCALANCE X204-2')).toBe(false);
    expect(productMatches('SIMATIC CP 1543-1 (incl. SIPLUS variants)', 'SIMATIC CP 1543-1')).toBe(true);
    expect(productMatches('SIMATIC CP 1543SP-1', 'SIMATIC CP 1543-1')).toBe(false);
  });

  it('needs every word of a product without model number, runtime and edition included', () => {
    expect(productMatches('InTouch', 'InTouch HMI')).toBe(true);
    expect(productMatches('InTouch Access Anywhere', 'InTouch HMI')).toBe(false);
    expect(productMatches('InTouch Edge HMI (formerly InTouch Machine Edition)', 'InTouch HMI')).toBe(false);
    expect(productMatches('SIMATIC WinCC Runtime Professional', 'SIMATIC WinCC')).toBe(false);
  });

  it('matches a family-level asset to its members with low confidence', () => {
    expect(match('SIMATIC S7-1500 Software Controller CPU 1507S V2', 'SIMATIC S7-1500 Software Controller')).toMatchObject({ match: true, confidence: 0.5, familyOnly: true });
  });

  it('reads releases written into product names', () => {
    expect(releaseAgrees(prepareProduct('SIMATIC WinCC V7.3').release, 'V7.3 Update 10')?.agrees).toBe(true);
    expect(releaseAgrees(prepareProduct('SIMATIC WinCC V7.4').release, 'V7.3 Update 10')?.agrees).toBe(false);
    expect(releaseAgrees(prepareProduct('SIMATIC WinCC V7.2 and prior').release, 'V7.0')?.agrees).toBe(true);
    expect(releaseAgrees(prepareProduct('SIMATIC S7-1200 CPU family < V4.x').release, 'V4.2.0')?.agrees).toBe(false);
    expect(releaseAgrees(prepareProduct('SIMATIC WinCC').release, 'V7.3')).toBeUndefined();
  });

  it('names module types', () => {
    expect(moduleKind('SIMATIC CP 1543-1')).toBe('communication processor');
    expect(moduleKind('SIMATIC ET 200SP IM 155-6 PN HF')).toBe('interface module');
    expect(moduleKind('MELSEC iQ-R R04CPU')).toBe('cpu');
  });

  it('always matches a product to a model that is its own name, and never a TM module to a CPU', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 1999 }), fc.integer({ min: 1, max: 4 }), (n, k) => {
        const cpu = `SIMATIC S7-1500 CPU ${n}-${k} PN`;
        expect(productMatches(cpu, cpu)).toBe(true);
        expect(productMatches(`SIMATIC S7-1500 TM ${n}`, cpu)).toBe(false);
      }),
    );
  });
});
