import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, fuzz, startSession, values, type DissectorSession } from '../dissector-test-kit.js';
import { mmsDissector, type MmsState } from './index.js';

const pcaps = fileURLToPath(new URL('../../../../../../shared/data/pcaps/iec61850/', import.meta.url));

function tlv(tag: number | number[], ...content: number[][]): number[] {
  const body = content.flat();
  const id = typeof tag === 'number' ? [tag] : tag;
  return body.length < 128 ? [...id, body.length, ...body] : [...id, 0x81, body.length, ...body];
}

const vis = (s: string): number[] => tlv(0x1a, ascii(s));

/** Give Tokens + Data Transfer SPDUs, fully-encoded presentation data in context 3, then the MMS PDU. */
function dt(mms: number[]): Uint8Array {
  return Uint8Array.from([0x01, 0x00, 0x01, 0x00, ...tlv(0x61, tlv(0x30, [0x02, 0x01, 0x03], tlv(0xa0, mms)))]);
}

const session = (): DissectorSession<MmsState> => startSession(mmsDissector);

describe('MMS dissector', () => {
  it('recognizes ISO session SPDUs and not S7comm', () => {
    expect(mmsDissector.probe(Uint8Array.of(0x01, 0x00, 0x01, 0x00, 0x61))).toBe(true);
    expect(mmsDissector.probe(Uint8Array.of(0x0d, 0x02, 0x05, 0x00))).toBe(true);
    expect(mmsDissector.probe(Uint8Array.of(0x0d, 0x09, 0x05, 0x00))).toBe(false);
    expect(mmsDissector.probe(Uint8Array.of(0x32, 0x01, 0x00, 0x00))).toBe(false);
    expect(mmsDissector.probe(Uint8Array.of(0x72, 0x01, 0x00, 0x00))).toBe(false);
  });

  it('turns Identify into discovery and its response into identity facts', () => {
    const s = session();
    const req = s.send(dt(tlv(0xa0, [0x02, 0x01, 0x01], [0x82, 0x00])));
    expect(values(req, 'ses.type')).toEqual([1, 1]);
    expect(values(req, 'pres.presentation_context_identifier')).toEqual([3]);
    expect(req.operations).toEqual([{ operation: 'discovery', name: 'identify', code: 2, pairKey: 'c1' }]);
    const res = s.send(dt(tlv(0xa1, [0x02, 0x01, 0x01], tlv(0xa2, tlv(0x80, ascii('ACME')), tlv(0x81, ascii('IED-9')), tlv(0x82, ascii('4.2'))))), false);
    expect(values(res, 'mms.vendorName')).toEqual(['ACME']);
    expect(res.identities.map((f) => `${f.attribute}=${f.value}`)).toEqual(['vendor=ACME', 'model=IED-9', 'firmware=4.2']);
    expect(res.outcomes).toEqual([['c1', { result: 'ok', values: 'ACME IED-9 4.2' }]]);
  });

  it('remembers a domain getNameList so its answer names the logical devices', () => {
    const s = session();
    const req = s.send(dt(tlv(0xa0, [0x02, 0x01, 0x05], tlv(0xa1, tlv(0xa0, [0x80, 0x01, 0x09]), tlv(0xa1, [0x80, 0x00])))));
    expect(values(req, 'mms.objectClass')).toEqual([9]);
    expect(req.operations[0]).toMatchObject({ operation: 'discovery', name: 'getNameList', target: 'domain in VMD' });
    const res = s.send(dt(tlv(0xa1, [0x02, 0x01, 0x05], tlv(0xa1, tlv(0xa0, vis('IED1LD0'), vis('IED1PROT')), [0x81, 0x01, 0x00]))), false);
    expect(values(res, 'mms.Identifier')).toEqual(['IED1LD0', 'IED1PROT']);
    expect(values(res, 'mms.moreFollows')).toEqual([0]);
    expect(res.identities.map((f) => f.value)).toEqual(['IED1LD0', 'IED1PROT']);
    expect(s.state.pending.size).toBe(0);
  });

  it('decodes write targets and values, failures and service errors', () => {
    const s = session();
    const variable = tlv(0x30, tlv(0xa0, tlv(0xa1, vis('IED1LD0'), vis('CSWI1$CO$Pos$Oper'))));
    const write = s.send(dt(tlv(0xa0, [0x02, 0x01, 0x06], tlv(0xa5, tlv(0xa0, variable), tlv(0xa0, [0x83, 0x01, 0xff])))));
    expect(values(write, 'mms.domainId')).toEqual(['IED1LD0']);
    expect(values(write, 'mms.itemId')).toEqual(['CSWI1$CO$Pos$Oper']);
    expect(write.operations).toEqual([
      { operation: 'write', name: 'write', code: 5, target: 'IED1LD0/CSWI1$CO$Pos$Oper', values: 'true', pairKey: 'c6' },
    ]);
    expect(s.send(dt(tlv(0xa1, [0x02, 0x01, 0x06], tlv(0xa5, [0x80, 0x01, 0x03]))), false).outcomes).toEqual([
      ['c6', { result: 'exception', detail: 'object-access-denied' }],
    ]);
    const error = s.send(dt(tlv(0xa2, [0x80, 0x01, 0x07], tlv(0xa2, tlv(0xa0, [0x87, 0x01, 0x02])))), false);
    expect(values(error, 'mms.errorClass')).toEqual([7]);
    expect(error.outcomes).toEqual([['c7', { result: 'error', detail: 'access: object-non-existent' }]]);
  });

  it('maps reports, file services and conclude', () => {
    const s = session();
    const report = s.send(dt(tlv(0xa3, tlv(0xa0, tlv(0xa1, tlv(0x80, ascii('RPT'))), tlv(0xa0, [0x85, 0x01, 0x2a])))), false);
    expect(values(report, 'mms.unconfirmedService')).toEqual([0]);
    expect(report.operations).toEqual([{ operation: 'publish', name: 'informationReport', code: 0, target: 'list RPT', values: '42' }]);
    const open = s.send(dt(tlv(0xa0, [0x02, 0x01, 0x08], tlv([0xbf, 0x48], tlv(0xa0, tlv(0x19, ascii('COMTRADE')), tlv(0x19, ascii('f.cfg'))), [0x81, 0x01, 0x00]))));
    expect(open.operations[0]).toMatchObject({ operation: 'file-operation', name: 'fileOpen', code: 72, target: 'COMTRADE/f.cfg' });
    expect(s.send(dt([0x8b, 0x00])).operations).toEqual([{ operation: 'session', name: 'conclude', code: 11, pairKey: 'conclude' }]);
  });

  it('reports broken session and presentation layers', () => {
    const s = session();
    expect(s.send(Uint8Array.of(0x0d, 0x20, 0x05)).problems[0]).toContain('exceeds');
    expect(s.send(Uint8Array.of(0x01, 0x00, 0x01, 0x00, 0x30, 0x00)).problems[0]).toContain('presentation');
    expect(s.send(dt([0x30, 0x00])).problems[0]).toContain('MMS PDU');
  });

  it('reads the shared captures: association, identity and ICCP traffic', async () => {
    const piccolo = new RecordingSink();
    await analyzeCaptureFile(`${pcaps}piccolo.pcap`, piccolo, { dissectors: [], cotpDissectors: [mmsDissector] });
    expect(piccolo.operations.map((o) => `${o.op.operation}:${o.op.name}`)).toEqual(['session:initiate', 'discovery:identify', 'discovery:status']);
    expect(piccolo.identities.map((i) => `${i.fact.attribute}=${i.fact.value}`)).toEqual(['vendor=INFO TECH', 'model=S61850 for PC', 'firmware=0.0.1']);
    expect(piccolo.malformedReports).toEqual([]);

    const iccp = new RecordingSink();
    const summary = await analyzeCaptureFile(`${pcaps}8d7c7db0-9804-012b-b2a6-0016cb8cea27.pcap`, iccp, { dissectors: [], cotpDissectors: [mmsDissector] });
    expect(summary.pdus.mms).toBe(163);
    expect(iccp.malformedReports).toEqual([]);
    const classes = new Map<string, number>();
    for (const o of iccp.operations) classes.set(o.op.operation, (classes.get(o.op.operation) ?? 0) + 1);
    expect(Object.fromEntries(classes)).toMatchObject({ session: 1, read: 6, write: 4 });
    expect(classes.get('publish')).toBeGreaterThan(40);
    expect(new Set(iccp.identities.map((i) => i.fact.value))).toEqual(new Set(['AREVA T&D Corporation', 'e-terracomm', '2.3.1']));
  });

  it('survives truncations, mutations and random bytes', () => {
    const variable = tlv(0x30, tlv(0xa0, tlv(0xa1, vis('LD'), vis('X'))));
    const samples = [
      dt(tlv(0xa0, [0x02, 0x01, 0x06], tlv(0xa5, tlv(0xa0, variable), tlv(0xa0, tlv(0xa2, [0x83, 0x01, 0xff], [0x87, 0x05, 0x08, 0x41, 0xac, 0, 0]))))),
      dt(tlv(0xa1, [0x02, 0x01, 0x05], tlv(0xa1, tlv(0xa0, vis('A'), vis('B')), [0x81, 0x01, 0x00]))),
      dt(tlv(0xa3, tlv(0xa0, tlv(0xa0, variable), tlv(0xa0, [0x91, 0x08, 0, 0, 0, 1, 0, 0, 0, 0])))),
      dt(tlv(0xa0, [0x02, 0x01, 0x08], tlv([0xbf, 0x48], tlv(0xa0, tlv(0x19, ascii('f'))), [0x81, 0x01, 0x00]))),
      Uint8Array.from([0x0d, 0x0c, 0x05, 0x02, 0x13, 0x00, 0xc1, 0x06, 0x31, 0x04, 0xa2, 0x02, 0x61, 0x00]),
    ];
    expect(fuzz(mmsDissector, samples)).toBeGreaterThan(0);
  });
});
