import { describe, expect, it } from 'vitest';
import { ACK, PSH, SYN, tcpFrame } from '../../decode/frame-builder.js';
import { analyzePackets } from '../../decode/test-dissectors.js';
import { ascii, fuzz, startSession, values, type DissectorSession } from '../dissector-test-kit.js';
import { mqttDissector, type MqttState } from './index.js';

function str(s: string): number[] {
  return [s.length >> 8, s.length & 0xff, ...ascii(s)];
}

/** Fixed header (type, flags, remaining-length varint) + body. */
function packet(type: number, flags: number, body: number[]): Uint8Array {
  const length: number[] = [];
  let n = body.length;
  do {
    let x = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) x |= 0x80;
    length.push(x);
  } while (n > 0);
  return Uint8Array.from([(type << 4) | flags, ...length, ...body]);
}

const connect311 = packet(1, 0, [...str('MQTT'), 4, 0xc2, 0, 60, ...str('plc-gw'), ...str('operator'), ...str('hunter2')]);
const connect5 = packet(1, 0, [...str('MQTT'), 5, 0x02, 0, 30, 3, 0x21, 0, 10, ...str('edge-5')]);

const session = (): DissectorSession<MqttState> => startSession(mqttDissector);

describe('MQTT dissector', () => {
  it('frames by the remaining-length varint', () => {
    expect(mqttDissector.pduLength?.(Uint8Array.of(0x30))).toBe(0);
    expect(mqttDissector.pduLength?.(Uint8Array.of(0x30, 0x80))).toBe(0);
    expect(mqttDissector.pduLength?.(Uint8Array.of(0x30, 0x80, 0x01))).toBe(131);
    expect(mqttDissector.pduLength?.(Uint8Array.of(0xc0, 0x00))).toBe(2);
    expect(mqttDissector.pduLength?.(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff))).toBe(-1);
    expect(mqttDissector.pduLength?.(Uint8Array.of(0x00, 0x00))).toBe(-1);
    expect(mqttDissector.probe(connect311)).toBe(true);
    expect(mqttDissector.probe(packet(3, 0, [...str('a/b')]))).toBe(false);
  });

  it('decodes CONNECT without ever keeping the password, and CONNACK refusals', () => {
    const s = session();
    const c = s.send(connect311);
    expect(values(c, 'mqtt.clientid')).toEqual(['plc-gw']);
    expect(values(c, 'mqtt.conflag.uname')).toEqual([1]);
    expect(values(c, 'mqtt.conflag.passwd')).toEqual([1]);
    expect(c.operations).toEqual([
      { operation: 'session', name: 'Connect', code: 1, target: 'plc-gw', values: 'MQTT 3.1.1, user name, password, clean session, keep-alive 60s', pairKey: 'connect' },
    ]);
    expect(c.identities).toEqual([
      { subject: 'source', attribute: 'name', value: 'plc-gw', confidence: 0.6 },
      { subject: 'destination', attribute: 'role-hint', value: 'broker', confidence: 0.7 },
    ]);
    expect(JSON.stringify(c)).not.toContain('hunter2');
    expect(JSON.stringify(c)).not.toContain('operator');
    const refused = s.send(packet(2, 0, [0, 5]), false);
    expect(values(refused, 'mqtt.conack.val')).toEqual([5]);
    expect(refused.outcomes).toEqual([['connect', { result: 'error', detail: 'Connection Refused: not authorized' }]]);
  });

  it('pairs publishes and subscriptions with their acknowledgements', () => {
    const s = session();
    s.send(connect311);
    const pub = s.send(packet(3, 0x02, [...str('plant/line1/temp'), 0, 7, ...ascii('21.5')]));
    expect(values(pub, 'mqtt.qos')).toEqual([1]);
    expect(values(pub, 'mqtt.msgid')).toEqual([7]);
    expect(pub.operations).toEqual([
      { operation: 'publish', name: 'Publish (QoS 1)', code: 3, target: 'plant/line1/temp', values: '21.5', pairKey: 'cp7' },
    ]);
    expect(s.send(packet(4, 0, [0, 7]), false).outcomes).toEqual([['cp7', { result: 'ok' }]]);
    const binary = s.send(packet(3, 0, [...str('raw'), 0x00, 0x01, 0x02]));
    expect(binary.operations[0]?.values).toBe('3 bytes');

    const sub = s.send(packet(8, 2, [0, 9, ...str('plant/#'), 1, ...str('alarms/+'), 0]));
    expect(values(sub, 'mqtt.topic')).toEqual(['plant/#', 'alarms/+']);
    expect(values(sub, 'mqtt.sub.qos')).toEqual([1, 0]);
    expect(sub.operations[0]).toMatchObject({ operation: 'subscribe', name: 'Subscribe', target: 'plant/#, alarms/+', pairKey: 'cs9' });
    expect(s.send(packet(9, 0, [0, 9, 1, 0x80]), false).outcomes).toEqual([['cs9', { result: 'error', detail: 'Unspecified error' }]]);
  });

  it('skips MQTT 5 properties by their length', () => {
    const s = session();
    expect(s.send(connect5).operations[0]).toMatchObject({ target: 'edge-5', values: 'MQTT 5.0, clean session, keep-alive 30s' });
    expect(s.state.version).toBe(5);
    const ack = s.send(packet(2, 0, [0, 0x87, 0]), false);
    expect(values(ack, 'mqtt.connack.reason_code')).toEqual([0x87]);
    expect(ack.outcomes[0]?.[1]).toEqual({ result: 'error', detail: 'Connection Refused: Not authorized' });
    const pub = s.send(packet(3, 0x02, [...str('t'), 0, 1, 2, 0x01, 0x01, ...ascii('on')]));
    expect(pub.operations[0]).toMatchObject({ target: 't', values: 'on', pairKey: 'cp1' });
    expect(s.send(packet(4, 0, [0, 1, 0x97, 0]), false).outcomes).toEqual([['cp1', { result: 'error', detail: 'Quota exceeded' }]]);
    expect(s.send(packet(14, 0, [0x8e, 0])).operations[0]).toMatchObject({ operation: 'session', name: 'Disconnect' });
  });

  it('reports truncated packets', () => {
    const s = session();
    expect(s.send(Uint8Array.of(0x30, 0x05, 0x00)).problems[0]).toContain('exceeds');
    expect(s.send(packet(3, 0, [0, 9, 0x61])).problems[0]).toContain('truncated');
  });

  it('runs through the pipeline on TCP 1883: several packets per segment and one split across two', () => {
    const client = { src: '10.0.0.5', dst: '10.0.0.1' };
    const stream = [...connect311, ...packet(3, 0, [...str('a/b'), ...ascii('1')])];
    const second = packet(3, 0, [...str('a/c'), ...ascii('2')]);
    let seq = 1001;
    const segment = (bytes: number[] | Uint8Array): Uint8Array => {
      const payload = Uint8Array.from(bytes);
      const frame = tcpFrame(client.src, client.dst, { sport: 50000, dport: 1883, seq, ack: 2001, flags: PSH | ACK, payload });
      seq += payload.length;
      return frame;
    };
    const frames = [
      tcpFrame(client.src, client.dst, { sport: 50000, dport: 1883, seq: 1000, flags: SYN }),
      tcpFrame(client.dst, client.src, { sport: 1883, dport: 50000, seq: 2000, ack: 1001, flags: SYN | ACK }),
      segment([...stream, ...second.subarray(0, 3)]),
      segment(second.subarray(3)),
      tcpFrame(client.dst, client.src, { sport: 1883, dport: 50000, seq: 2001, ack: seq, flags: PSH | ACK, payload: packet(2, 0, [0, 0]) }),
    ];
    const { sink, summary } = analyzePackets(frames, { dissectors: [mqttDissector] });
    expect(summary.pdus.mqtt).toBe(4);
    expect(sink.operations.map((o) => [o.frame, o.op.name, o.op.target])).toEqual([
      [3, 'Connect', 'plc-gw'],
      [3, 'Publish', 'a/b'],
      [4, 'Publish', 'a/c'],
    ]);
    expect(sink.outcomes.map((o) => [o.frame, o.pairKey, o.outcome.result])).toEqual([[5, 'connect', 'ok']]);
    expect(sink.identities.find((i) => i.fact.attribute === 'role-hint' && i.frame === 5)?.conversation.server.port).toBe(1883);
  });

  it('survives truncations, mutations and random bytes', () => {
    const samples = [
      connect311,
      connect5,
      packet(1, 0, [...str('MQTT'), 5, 0x06, 0, 30, 0, ...str('w'), 2, 0x01, 0x00, ...str('will/t'), ...str('bye')]),
      packet(3, 0x0b, [...str('x/y'), 0, 2, 1, 0x23, 0, 1, ...ascii('payload')]),
      packet(8, 2, [0, 3, ...str('a/#'), 2]),
      packet(9, 0, [0, 3, 0, 1, 0x80]),
    ];
    expect(fuzz(mqttDissector, samples)).toBeGreaterThan(0);
  });
});
