import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../decode/recording-sink.js';
import { analyzeCaptureFile } from '../../pipeline.js';
import { fromHex, fuzz, pcaps, recorder, values, type RecordingDissectSink } from '../dissector-test-kit.js';
import { bacnetDissector } from './index.js';

/** BVLC Original-Unicast-NPDU around an NPDU (hex), length filled in. */
function bvlc(npduHex: string, fn = 0x0a): Uint8Array {
  const npdu = fromHex(npduHex);
  const length = 4 + npdu.length;
  return Uint8Array.from([0x81, fn, length >> 8, length & 0xff, ...npdu]);
}

function run(pdu: Uint8Array, toServer = true): RecordingDissectSink {
  const sink = recorder();
  bacnetDissector.dissect(pdu, { frame: 1, time: 0, toServer, state: null }, sink);
  return sink;
}

describe('BACnet/IP dissector', () => {
  it('decodes Who-Is with a range and I-Am with the device identity', () => {
    const whoIs = run(bvlc('0120ffff00ff 1008 0900 1b3fffff', 0x0b));
    expect(values(whoIs, 'bacnet.dnet')).toEqual([65535]);
    expect(values(whoIs, 'bacnet.hopc')).toEqual([255]);
    expect(values(whoIs, 'bacapp.who_is.high_limit')).toEqual([4194303]);
    expect(whoIs.operations).toEqual([{ operation: 'discovery', name: 'Who-Is', code: 8, target: 'devices 0-4194303' }]);

    const iAm = run(bvlc('0100 1000 c4020001f4 2205c4 9100 2105', 0x0b), false);
    expect(values(iAm, 'bacapp.objectType')).toEqual([8]);
    expect(values(iAm, 'bacapp.instance_number')).toEqual([500]);
    expect(values(iAm, 'bacapp.vendor_identifier')).toEqual([5]);
    expect(iAm.operations[0]).toMatchObject({ operation: 'discovery', name: 'I-Am', target: 'device 500' });
    expect(iAm.identities).toEqual([
      { subject: 'source', attribute: 'address', value: '500', confidence: 0.9 },
      { subject: 'source', attribute: 'vendor-id', value: '5', confidence: 0.9 },
    ]);
  });

  it('pairs a WriteProperty with its SimpleACK and reads a value and priority', () => {
    const write = run(bvlc('0104 0005070f 0c00800003 1955 3e 4441ac0000 3f 4908'));
    expect(write.operations).toEqual([
      { operation: 'write', name: 'WriteProperty', code: 15, target: 'analog-value 3 present-value', values: '21.5 priority 8', pairKey: 'c7' },
    ]);
    const ack = run(bvlc('0100 20070f'), false);
    expect(ack.outcomes).toEqual([['c7', { result: 'ok' }]]);
  });

  it('reports errors, rejects and aborts against the right request', () => {
    expect(run(bvlc('0100 50010c 9102 9120'), false).outcomes).toEqual([['c1', { result: 'error', detail: 'property: unknown-property' }]]);
    expect(run(bvlc('0100 600209'), false).outcomes).toEqual([['c2', { result: 'exception', detail: 'Reject: unrecognized-service' }]]);
    // An abort without the SRV bit comes from the requester itself.
    expect(run(bvlc('0100 700304'), true).outcomes).toEqual([['c3', { result: 'exception', detail: 'Abort: segmentation-not-supported' }]]);
    expect(run(bvlc('0100 710304'), false).outcomes).toEqual([['c3', { result: 'exception', detail: 'Abort: segmentation-not-supported' }]]);
  });

  it('maps device management services and never keeps passwords', () => {
    const reinit = run(bvlc('0104 00050814 0901 1d0400736563'));
    expect(reinit.operations).toEqual([{ operation: 'restart', name: 'ReinitializeDevice (warmstart)', code: 20, pairKey: 'c8' }]);
    expect(JSON.stringify(reinit)).not.toContain('sec');
    const dcc = run(bvlc('0104 00050911 093c 1901'));
    expect(dcc.operations[0]).toMatchObject({ operation: 'configuration-change', name: 'DeviceCommunicationControl (disable)', values: 'for 60 min' });
    const cov = run(bvlc('0104 00050b05 0912 1c00000001 2901 393c'));
    expect(cov.operations[0]).toMatchObject({ operation: 'subscribe', name: 'SubscribeCOV', target: 'analog-input 1', values: 'confirmed lifetime 60s' });
    const sync = run(bvlc('0100 1006 a47c0b1706 b40c1e0000', 0x0b));
    expect(sync.operations[0]).toMatchObject({ operation: 'time-sync', values: '2024-11-23 12:30:00.00' });
  });

  it('classifies file transfers and program loads', () => {
    expect(run(bvlc('0104 00050c06 c402800001 0e 3100 2180 0f')).operations[0]).toMatchObject({
      operation: 'program-upload',
      name: 'AtomicReadFile',
      target: 'file 1',
      values: 'stream start 0 count 128',
    });
    expect(run(bvlc('0104 00050d07 c402800001 0e 3100 63010203 0f')).operations[0]).toMatchObject({ operation: 'file-operation' });
    expect(run(bvlc('0104 00050d07 c404000001 0e 3100 63010203 0f')).operations[0]).toMatchObject({ operation: 'program-download' });
    expect(run(bvlc('0104 0005100f 0c04000001 195a 3e 9101 3f')).operations[0]).toMatchObject({
      operation: 'program-download',
      name: 'WriteProperty (load)',
      target: 'program 1 program-change',
    });
    expect(run(bvlc('0104 0005100f 0c04000001 195a 3e 9103 3f')).operations[0]).toMatchObject({ operation: 'stop' });
  });

  it('decodes ReadPropertyMultiple and turns its ACK into identity facts', () => {
    const rpm = run(bvlc('0104 00050a0e 0c02000001 1e 094d 0979 1f'));
    expect(values(rpm, 'bacapp.property_identifier')).toEqual([77, 121]);
    expect(rpm.operations[0]).toMatchObject({ operation: 'read', target: 'device 1 object-name, vendor-name', pairKey: 'c10' });
    const ack = run(bvlc('0100 300a0e 0c02000001 1e 294d 4e 7400414243 4f 2979 4e 740058595a 4f 1f'), false);
    expect(values(ack, 'bacapp.object_name')).toEqual(['ABC']);
    expect(ack.identities.map((f) => `${f.attribute}=${f.value}`)).toEqual(['name=ABC', 'vendor=XYZ']);
    expect(ack.outcomes[0]?.[1]).toEqual({ result: 'ok', values: 'object-name="ABC"; vendor-name="XYZ"' });
  });

  it('decodes Forwarded-NPDU, routed sources and network layer messages', () => {
    const fwd = run(Uint8Array.from([0x81, 0x04, 0x00, 0x0e, 192, 168, 0, 1, 0xba, 0xc0, 0x01, 0x00, 0x10, 0x08]));
    expect(values(fwd, 'bvlc.fwd_ip')).toEqual(['192.168.0.1']);
    expect(values(fwd, 'bvlc.fwd_port')).toEqual([47808]);
    const routed = run(bvlc('010c 0005 01 0a 0005020c 0c02000001 194b'));
    expect(values(routed, 'bacnet.snet')).toEqual([5]);
    expect(values(routed, 'bacnet.sadr_mstp')).toEqual([10]);
    const router = run(bvlc('0180 01 0005 0006', 0x0b));
    expect(values(router, 'bacnet.dnet')).toEqual([5, 6]);
    expect(router.operations[0]).toMatchObject({ operation: 'discovery', name: 'I-Am-Router-To-Network', target: 'networks 5, 6' });
  });

  it('reports malformed BVLC and APDUs and ignores empty datagrams', () => {
    expect(run(new Uint8Array(0)).problems).toEqual([]);
    expect(run(Uint8Array.of(0x82, 0x0a, 0x00, 0x04)).problems[0]).toContain('BACnet/IPv4');
    expect(run(Uint8Array.of(0x81, 0x0a, 0x00, 0x20, 0x01, 0x04)).problems[0]).toContain('exceeds');
    expect(run(bvlc('0104 0005')).problems[0]).toContain('truncated');
    expect(run(bvlc('0100 f0')).problems[0]).toContain('reserved');
  });

  it('reads the shared capture: device identity from ReadProperty ACKs and BVLC NAKs', async () => {
    const sink = new RecordingSink();
    const summary = await analyzeCaptureFile(`${pcaps}bacnet/bacnet_test.pcap`, sink, { dissectors: [bacnetDissector], cotpDissectors: [] });
    expect(summary.malformed).toBe(0);
    expect(sink.identities.map((i) => `${i.fact.attribute}=${i.fact.value}`)).toEqual([
      'address=500',
      'vendor-id=5',
      'vendor=JCI',
      'firmware=5.1.0.4400',
      'name=KBRNAE',
      'model=MS-NAE4510-2',
    ]);
    expect(sink.operations.filter((o) => o.op.operation === 'read')).toHaveLength(9);
    expect(sink.outcomes.filter((o) => o.outcome.result === 'error').map((o) => o.outcome.detail)).toEqual([
      'Read-Broadcast-Distribution-Table NAK',
      'Register-Foreign-Device NAK',
    ]);
  });

  it('survives truncations, mutations and random bytes', () => {
    const samples = [
      bvlc('0120ffff00ff 1008 0900 1b3fffff', 0x0b),
      bvlc('0104 0005070f 0c00800003 1955 3e 4441ac0000 3f 4908'),
      bvlc('0100 300a0e 0c02000001 1e 294d 4e 7400414243 4f 2979 4e 740058595a 4f 1f'),
      bvlc('0104 00050d07 c402800001 0e 3100 63010203 0f'),
      bvlc('0100 0201 0005 0006 0203', 0x0b),
    ];
    expect(fuzz(bacnetDissector, samples)).toBeGreaterThan(0);
  });
});
