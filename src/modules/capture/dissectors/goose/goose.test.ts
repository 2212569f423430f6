import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { ascii, fuzz, recorder, values } from '../dissector-test-kit.js';
import { gooseDissector, logicalDeviceOf } from './index.js';

const pcaps = fileURLToPath(new URL('../../../../../../shared/data/pcaps/iec61850/', import.meta.url));

function tlv(tag: number, content: number[]): number[] {
  return content.length < 128 ? [tag, content.length, ...content] : [tag, 0x81, content.length, ...content];
}

/** A GOOSE frame payload (after the Ethernet type) built from IEC 61850-8-1. */
function goose(stNum: number, sqNum: number, data: number[][] = [[0x83, 1, 0]]): Uint8Array {
  const pdu = [
    ...tlv(0x80, ascii('IED1LD0/LLN0$GO$gcb1')),
    ...tlv(0x81, [0x07, 0xd0]),
    ...tlv(0x82, ascii('IED1LD0/LLN0$DS1')),
    ...tlv(0x83, ascii('GO1')),
    ...tlv(0x84, [0x38, 0x6e, 0xbb, 0xf3, 0x42, 0x17, 0x28, 0x0a]),
    ...tlv(0x85, [stNum]),
    ...tlv(0x86, [sqNum]),
    ...tlv(0x87, [0]),
    ...tlv(0x88, [1]),
    ...tlv(0x89, [0]),
    ...tlv(0x8a, [data.length]),
    ...tlv(0xab, data.flat()),
  ];
  const apdu = tlv(0x61, pdu);
  const length = 8 + apdu.length;
  // Ethernet padding after the PDU must be ignored.
  return Uint8Array.from([0x00, 0x01, length >> 8, length & 0xff, 0, 0, 0, 0, ...apdu, 0, 0, 0]);
}

describe('GOOSE dissector', () => {
  it('decodes the header and goosePdu', () => {
    const sink = recorder();
    const state = gooseDissector.createState();
    gooseDissector.dissect(goose(5, 0, [[0x83, 1, 1], [0x84, 3, 6, 0x40, 0x00]]), { frame: 1, time: 0, toServer: true, state }, sink);
    expect(sink.problems).toEqual([]);
    expect(values(sink, 'goose.appid')).toEqual([1]);
    expect(values(sink, 'goose.gocbRef')).toEqual(['IED1LD0/LLN0$GO$gcb1']);
    expect(values(sink, 'goose.timeAllowedtoLive')).toEqual([2000]);
    expect(values(sink, 'goose.t')).toEqual(['Jan  2, 2000 02:46:11.258165836 UTC']);
    expect(values(sink, 'goose.stNum')).toEqual([5]);
    expect(values(sink, 'goose.numDatSetEntries')).toEqual([2]);
    expect(values(sink, 'goose.allData')).toEqual([2]);
    expect(sink.operations).toEqual([
      {
        operation: 'publish',
        name: 'GOOSE',
        target: 'IED1LD0/LLN0$GO$gcb1 (IED1LD0/LLN0$DS1)',
        values: 'stNum 5 sqNum 0: true, 0b0100000000',
      },
    ]);
    expect(sink.identities).toEqual([
      { subject: 'source', attribute: 'name', value: 'IED1LD0', confidence: 0.5 },
      { subject: 'source', attribute: 'role-hint', value: 'ied', confidence: 0.8 },
    ]);
  });

  it('notes a state change when stNum moves for the same control block', () => {
    const state = gooseDissector.createState();
    const names: string[] = [];
    for (const [st, sq] of [[5, 0], [5, 1], [6, 0]] as const) {
      const sink = recorder(false);
      gooseDissector.dissect(goose(st, sq), { frame: 1, time: 0, toServer: true, state }, sink);
      expect(sink.fields).toEqual([]);
      names.push(`${sink.operations[0]?.name} ${sink.operations[0]?.values}`);
    }
    expect(names).toEqual([
      'GOOSE stNum 5 sqNum 0: false',
      'GOOSE stNum 5 sqNum 1: false',
      'GOOSE state change stNum 6 sqNum 0 (state change from stNum 5): false',
    ]);
  });

  it('reports truncation and stays quiet on GSE management', () => {
    const sink = recorder();
    const state = gooseDissector.createState();
    gooseDissector.dissect(Uint8Array.of(0, 1, 0), { frame: 1, time: 0, toServer: true, state }, sink);
    gooseDissector.dissect(Uint8Array.of(0, 1, 0, 12, 0, 0, 0, 0, 0x60, 2, 0x80, 0), { frame: 1, time: 0, toServer: true, state }, sink);
    expect(sink.problems).toHaveLength(1);
    expect(sink.operations).toEqual([]);
    expect(logicalDeviceOf('noslash')).toBe('');
  });

  it('reads the shared VLAN-tagged capture: every frame a publication, stNum changes noted', async () => {
    const sink = new RecordingSink();
    const summary = await analyzeCaptureFile(`${pcaps}Sample_File_GOOSE.pcap`, sink, { dissectors: [gooseDissector], cotpDissectors: [] });
    expect(summary.pdus.goose).toBe(451);
    expect(summary.malformed).toBe(0);
    expect(sink.operations).toHaveLength(451);
    expect(sink.operations.filter((o) => o.op.name === 'GOOSE state change').length).toBeGreaterThan(5);
    expect(new Set(sink.identities.map((i) => i.fact.value))).toEqual(new Set(['AA1C1Q01A1LD0', 'AA1C1Q05A1LD0', 'AA1C1Q07A1LD0', 'ied']));
  });

  it('survives truncations, mutations and random bytes', () => {
    expect(fuzz(gooseDissector, [goose(1, 2, [[0xa2, 6, 0x83, 1, 1, 0x85, 1, 7]]), goose(3, 4)])).toBeGreaterThan(0);
  });
});
