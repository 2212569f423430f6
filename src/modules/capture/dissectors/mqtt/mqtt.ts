// MQTT 3.1, 3.1.1 and 5.0 control packets (OASIS MQTT) on TCP 1883. Passwords are skipped, never
// decoded; MQTT 5 properties are skipped by their length.
import type { DissectSink, Dissector, PduContext } from '../types.js';

export interface MqttState {
  /** Protocol level from CONNECT (3, 4 or 5); 4 until one is seen. */
  version: number;
}

const packetNames: readonly string[] = [
  'Reserved',
  'Connect',
  'Connect Ack',
  'Publish',
  'Publish Ack',
  'Publish Received',
  'Publish Release',
  'Publish Complete',
  'Subscribe',
  'Subscribe Ack',
  'Unsubscribe',
  'Unsubscribe Ack',
  'Ping Request',
  'Ping Response',
  'Disconnect',
  'Auth',
];

const connectRefusals: readonly string[] = [
  'Connection Accepted',
  'unacceptable protocol version',
  'identifier rejected',
  'server unavailable',
  'bad user name or password',
  'not authorized',
];

/** MQTT 5 reason codes worth a name in outcomes. */
const reasonCodes: Readonly<Record<number, string>> = {
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8c: 'Bad authentication method',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x97: 'Quota exceeded',
  0x99: 'Payload format invalid',
};

const maxPayloadText = 64;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Remaining length decoded by remainingLength (module state: no allocation per PDU). */
let rlValue = 0;
let rlBytes = 0;

/** Decodes the fixed header's remaining-length varint: 1 ok, 0 more bytes needed, -1 invalid. */
function remainingLength(data: Uint8Array): number {
  let value = 0;
  let multiplier = 1;
  for (let i = 1; i <= 4; i++) {
    if (i >= data.length) return 0;
    const x = data[i] as number;
    value += (x & 0x7f) * multiplier;
    if ((x & 0x80) === 0) {
      rlValue = value;
      rlBytes = i;
      return 1;
    }
    multiplier *= 128;
  }
  return -1;
}

function pduLength(data: Uint8Array): number {
  if (data.length === 0) return 0;
  if ((data[0] as number) >> 4 === 0) return -1;
  const status = remainingLength(data);
  if (status <= 0) return status;
  return 1 + rlBytes + rlValue;
}

function probe(payload: Uint8Array): boolean {
  // A connection starts with CONNECT: type 1, flags 0, then "MQTT" or "MQIsdp".
  if (payload.length < 10 || payload[0] !== 0x10 || remainingLength(payload) !== 1) return false;
  const p = 1 + rlBytes;
  const n = (payload[p] as number) << 8 | (payload[p + 1] as number);
  return (
    (n === 4 && payload[p + 2] === 0x4d && payload[p + 3] === 0x51 && payload[p + 4] === 0x54 && payload[p + 5] === 0x54) ||
    (n === 6 && payload[p + 2] === 0x4d && payload[p + 3] === 0x51 && payload[p + 4] === 0x49 && payload[p + 5] === 0x73)
  );
}

// Cursor over one packet; dissectors run synchronously, one PDU at a time.
let b: Uint8Array = new Uint8Array(0);
let p = 0;
let e = 0;
let ok = true;

function u8(): number {
  if (!ok || p + 1 > e) {
    ok = false;
    return 0;
  }
  return b[p++] as number;
}

function u16(): number {
  if (!ok || p + 2 > e) {
    ok = false;
    return 0;
  }
  const v = (b[p] as number) << 8 | (b[p + 1] as number);
  p += 2;
  return v;
}

/** UTF-8 string with a two-byte length, at most 256 bytes decoded. */
function str(): string {
  const n = u16();
  if (!ok || p + n > e) {
    ok = false;
    return '';
  }
  const start = p;
  p += n;
  const stop = start + Math.min(n, 256);
  for (let i = start; i < stop; i++) if ((b[i] as number) >= 0x80) return utf8.decode(b.subarray(start, stop));
  let s = '';
  for (let i = start; i < stop; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

function skipBinary(): void {
  const n = u16();
  if (!ok || p + n > e) ok = false;
  else p += n;
}

/** MQTT 5 properties: a varint length, skipped. */
function skipProperties(): void {
  let n = 0;
  let multiplier = 1;
  for (let i = 0; ; i++) {
    if (i === 4) {
      ok = false;
      return;
    }
    const x = u8();
    if (!ok) return;
    n += (x & 0x7f) * multiplier;
    if ((x & 0x80) === 0) break;
    multiplier *= 128;
  }
  if (p + n > e) ok = false;
  else p += n;
}

function payloadText(start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  if (n > maxPayloadText) return `${n} bytes`;
  let printable = true;
  for (let i = start; i < end; i++) {
    const c = b[i] as number;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) printable = false;
  }
  if (!printable) return `${n} bytes`;
  const text = utf8.decode(b.subarray(start, end));
  return text.includes('\ufffd') ? `${n} bytes` : text;
}

function dissectMqtt(pdu: Uint8Array, ctx: PduContext<MqttState>, sink: DissectSink): void {
  const want = sink.wantFields;
  if (pdu.length < 2) {
    sink.malformed(`MQTT fixed header truncated at ${pdu.length} bytes`);
    return;
  }
  const header = pdu[0] as number;
  const type = header >> 4;
  if (remainingLength(pdu) !== 1) {
    sink.malformed('MQTT remaining length at offset 1 is invalid or truncated');
    return;
  }
  const length = rlValue;
  if (want) {
    sink.field('mqtt.hdrflags', header);
    sink.field('mqtt.msgtype', type);
    sink.field('mqtt.len', length);
  }
  if (type === 0) {
    sink.malformed('MQTT packet type 0 at offset 0 is reserved');
    return;
  }
  b = pdu;
  p = 1 + rlBytes;
  e = p + length;
  ok = true;
  if (e > pdu.length) {
    sink.malformed(`MQTT remaining length ${length} exceeds the ${pdu.length}-byte PDU`);
    e = pdu.length;
  }
  const v5 = ctx.state.version === 5;
  const side = ctx.toServer ? 'c' : 's';
  const name = packetNames[type] ?? 'Reserved';
  switch (type) {
    case 1:
      dissectConnect(ctx, sink);
      break;
    case 2: {
      u8();
      const code = u8();
      if (!ok) break;
      if (want) sink.field(v5 ? 'mqtt.connack.reason_code' : 'mqtt.conack.val', code);
      const failed = v5 ? code >= 0x80 : code !== 0;
      sink.outcome('connect', failed
        ? { result: 'error', detail: `Connection Refused: ${(v5 ? reasonCodes[code] : connectRefusals[code]) ?? `code ${code}`}` }
        : { result: 'ok' });
      sink.identity({ subject: 'source', attribute: 'role-hint', value: 'broker', confidence: 0.7 });
      break;
    }
    case 3: {
      const qos = (header >> 1) & 3;
      if (want) {
        sink.field('mqtt.dupflag', (header >> 3) & 1);
        sink.field('mqtt.qos', qos);
        sink.field('mqtt.retain', header & 1);
      }
      const topic = str();
      if (want && ok) sink.field('mqtt.topic', topic);
      let id = -1;
      if (qos > 0) {
        id = u16();
        if (want && ok) sink.field('mqtt.msgid', id);
      }
      if (v5) skipProperties();
      const values = ok ? payloadText(p, e) : '';
      sink.operation({
        operation: 'publish',
        name: qos > 0 ? `Publish (QoS ${qos})` : 'Publish',
        code: type,
        target: topic,
        ...(values ? { values } : {}),
        ...(id >= 0 ? { pairKey: `${side}p${id}` } : {}),
      });
      break;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
      const id = u16();
      if (want && ok) sink.field('mqtt.msgid', id);
      const code = v5 && p < e ? u8() : 0;
      // PUBACK and PUBREC answer the publish sent the other way; PUBREL/PUBCOMP continue QoS 2.
      if (ok && (type === 4 || type === 5)) {
        const key = `${ctx.toServer ? 's' : 'c'}p${id}`;
        sink.outcome(key, code >= 0x80 ? { result: 'error', detail: reasonCodes[code] ?? `reason ${code}` } : { result: 'ok' });
      }
      break;
    }
    case 8:
    case 10: {
      const id = u16();
      if (want && ok) sink.field('mqtt.msgid', id);
      if (v5) skipProperties();
      const filters: string[] = [];
      while (ok && p < e && filters.length < 64) {
        const filter = str();
        if (!ok) break;
        if (want) sink.field('mqtt.topic', filter);
        if (type === 8) {
          const options = u8();
          // MQTT 5 subscription options are another field in tshark.
          if (want && ok && !v5) sink.field('mqtt.sub.qos', options & 3);
        }
        filters.push(filter);
      }
      sink.operation({
        operation: 'subscribe',
        name: type === 8 ? 'Subscribe' : 'Unsubscribe',
        code: type,
        target: filters.slice(0, 8).join(', ') + (filters.length > 8 ? `, … (${filters.length})` : ''),
        pairKey: `${side}s${id}`,
      });
      break;
    }
    case 9:
    case 11: {
      const id = u16();
      if (want && ok) sink.field('mqtt.msgid', id);
      if (v5) skipProperties();
      let failure = -1;
      while (ok && p < e) {
        const code = u8();
        if (type === 9 && want && !v5) sink.field('mqtt.suback.qos', code);
        if (code >= 0x80 && failure < 0) failure = code;
      }
      if (type === 11 && !v5) failure = -1;
      const key = `${ctx.toServer ? 's' : 'c'}s${id}`;
      sink.outcome(key, failure >= 0 ? { result: 'error', detail: reasonCodes[failure] ?? 'Failure' } : { result: 'ok' });
      break;
    }
    case 12:
    case 13:
      break;
    case 14:
    case 15: {
      const code = v5 && p < e ? u8() : 0;
      sink.operation({
        operation: 'session',
        name,
        code: type,
        ...(code ? { values: reasonCodes[code] ?? `reason ${code}` } : {}),
      });
      break;
    }
    default:
      break;
  }
  if (!ok) sink.malformed(`MQTT ${name} truncated at offset ${p}`);
}

function dissectConnect(ctx: PduContext<MqttState>, sink: DissectSink): void {
  const want = sink.wantFields;
  const protocol = str();
  const level = u8();
  const flags = u8();
  const keepAlive = u16();
  if (!ok) return;
  if (level === 3 || level === 4 || level === 5) ctx.state.version = level;
  if (want) {
    sink.field('mqtt.protoname', protocol);
    sink.field('mqtt.ver', level);
    sink.field('mqtt.conflag.uname', (flags >> 7) & 1);
    sink.field('mqtt.conflag.passwd', (flags >> 6) & 1);
    sink.field('mqtt.conflag.willflag', (flags >> 2) & 1);
    sink.field('mqtt.conflag.cleansess', (flags >> 1) & 1);
    sink.field('mqtt.kalive', keepAlive);
  }
  if (level === 5) skipProperties();
  const clientId = str();
  if (want && ok) sink.field('mqtt.clientid', clientId);
  let willTopic = '';
  if (ok && flags & 0x04) {
    if (level === 5) skipProperties();
    willTopic = str();
    if (want && ok) sink.field('mqtt.willtopic', willTopic);
    skipBinary();
  }
  // The user name and password that follow are credentials: not decoded.
  const version = level === 3 ? '3.1' : level === 4 ? '3.1.1' : level === 5 ? '5.0' : `level ${level}`;
  const details = [`MQTT ${version}`];
  if (flags & 0x80) details.push('user name');
  if (flags & 0x40) details.push('password');
  if (flags & 0x02) details.push('clean session');
  if (willTopic) details.push(`will topic ${willTopic}`);
  details.push(`keep-alive ${keepAlive}s`);
  sink.operation({
    operation: 'session',
    name: 'Connect',
    code: 1,
    ...(ok ? { target: clientId === '' ? '(empty client id)' : clientId } : {}),
    values: details.join(', '),
    pairKey: 'connect',
  });
  if (ok && clientId !== '') sink.identity({ subject: 'source', attribute: 'name', value: clientId, confidence: 0.6 });
  sink.identity({ subject: 'destination', attribute: 'role-hint', value: 'broker', confidence: 0.7 });
}

export const mqttDissector: Dissector<MqttState> = {
  protocol: 'mqtt',
  transport: 'tcp',
  ports: [1883],
  probe,
  pduLength,
  createState: () => ({ version: 4 }),
  dissect: dissectMqtt,
};
