import { describe, expect, it } from 'vitest';
import { parseAssetCsv } from './csv-import.js';

describe('parseAssetCsv', () => {
  it('maps header spellings, normalizes MACs and booleans, and treats empty cells as unset', () => {
    const result = parseAssetCsv('\uFEFFHostname,IP Address,MAC Address,Manufacturer,Firmware,Shared-Upward\nPLC-1,10.0.0.1,00-1B-1B-AA-BB-CC,Siemens,V2.9,yes\nHMI-1,,,AVEVA,,0\n');
    expect(result).toEqual({
      success: true,
      data: [
        { name: 'PLC-1', zone: null, ip: '10.0.0.1', mac: '00:1b:1b:aa:bb:cc', vendor: 'Siemens', model: null, firmwareVersion: 'V2.9', sharedUpward: true },
        { name: 'HMI-1', zone: null, ip: null, mac: null, vendor: 'AVEVA', model: null, firmwareVersion: null, sharedUpward: false },
      ],
    });
  });

  it('accepts IPv6 and quoted cells with commas', () => {
    const result = parseAssetCsv('name,ip,model\n"RTU, north",fd00::7,"SCADAPack 470"\n');
    expect(result.success && result.data[0]).toMatchObject({ name: 'RTU, north', ip: 'fd00::7' });
  });

  it('reports each bad cell with its line and column', () => {
    const result = parseAssetCsv('name,ip,tlp,criticality\nA,1.2.3.4,amber,low\nB,999.1.1.1,white,low\nC,,amber,urgent\n');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues.map((i) => i.path)).toEqual(['line 3: ip', 'line 3: tlp', 'line 4: criticality']);
  });

  it('refuses files without a header, without a name column, with unknown columns, duplicates or broken quoting', () => {
    expect(parseAssetCsv('').success).toBe(false);
    expect(parseAssetCsv('ip\n1.2.3.4\n')).toMatchObject({ success: false, issues: [{ path: 'line 1' }] });
    expect(parseAssetCsv('name,colour\nA,blue\n')).toMatchObject({ success: false, issues: [{ path: 'line 2: colour' }] });
    expect(parseAssetCsv('name\nA\nA\n')).toMatchObject({ success: false, issues: [{ path: 'line 3: name', message: 'duplicate of line 2' }] });
    expect(parseAssetCsv('name,ip\n"A,1.2.3.4\n').success).toBe(false);
    expect(parseAssetCsv('name,ip\nA,1.2.3.4,extra\n').success).toBe(false);
  });
});
