// Modbus responses (server → client): fields as tshark shows them, the outcome of the paired
// request, and the identity a server reveals (43/14 Read Device Identification, 17 Report Server ID).
import { u16 } from '../../decode/bytes.js';
import type { DissectSink, IdentityAttribute, OperationOutcome } from '../types.js';
import { fileRecordFields, registerFields, shortReport, type ModbusPduDecoder } from './pdu-fields.js';
import { answerRequest, findRequest, requestAddress } from './state.js';
import { pairKeyOf, textOf } from './text.js';

const ok: OperationOutcome = { result: 'ok' };

/** Read Device Identification object ids 0-6 (basic and regular categories) as identity attributes. */
const deviceIdAttributes: readonly (IdentityAttribute | undefined)[] = [
  'vendor', // VendorName
  'product-code', // ProductCode
  'firmware', // MajorMinorRevision
  undefined, // VendorUrl: no identity attribute for it
  'product', // ProductName
  'model', // ModelName
  'name', // UserApplicationName
];

const deviceIdHeader = ['modbus.read_device_id', 'modbus.conformity_level', 'modbus.more_follows', 'modbus.next_object_id', 'modbus.num_objects'];

const short = shortReport('response');

export const dissectResponse: ModbusPduDecoder = (pdu, end, fc, unit, tid, ctx, sink) => {
  const wf = sink.wantFields;
  const state = ctx.state;
  const request = findRequest(state, tid, unit, fc);
  const o = 8;
  switch (fc) {
    case 1:
    case 2:
    case 12:
    case 23:
      if (o + 1 > end) {
        short(sink, fc, 'byte count', o);
        break;
      }
      if (wf) sink.field('modbus.byte_cnt', pdu[o]!);
      break;
    case 3:
    case 4: {
      if (o + 1 > end) {
        short(sink, fc, 'byte count', o);
        break;
      }
      const count = pdu[o]!;
      if (count !== end - (o + 1)) sink.malformed(`modbus: function ${fc} response: byte count ${count} at offset 8 but ${end - o - 1} data bytes`);
      if (!wf) break;
      sink.field('modbus.byte_cnt', count);
      // tshark lists registers only when the byte count matches the data present, numbered from the request.
      if (count !== end - (o + 1)) break;
      registerFields(pdu, o + 1, end, requestAddress(state, request), fc, sink, short);
      break;
    }
    case 5:
    case 6:
    case 15:
    case 16:
    case 22: {
      if (o + 2 > end) {
        short(sink, fc, 'reference number', o);
        break;
      }
      if (wf) sink.field('modbus.reference_num', u16(pdu, o));
      if (o + 4 > end) {
        short(sink, fc, fc === 22 ? 'AND mask' : fc >= 15 ? 'quantity' : 'value', o + 2);
        break;
      }
      if (wf && fc >= 15) sink.field(fc === 15 ? 'modbus.bit_cnt' : fc === 16 ? 'modbus.word_cnt' : 'modbus.and_mask', u16(pdu, o + 2));
      if (fc !== 22) break;
      if (o + 6 > end) {
        short(sink, fc, 'OR mask', o + 4);
        break;
      }
      if (wf) sink.field('modbus.or_mask', u16(pdu, o + 4));
      break;
    }
    case 8:
      if (wf) sink.field('modbus.diagnostic_code', u16(pdu, o));
      break;
    case 17:
      reportServerId(pdu, o, end, sink);
      break;
    case 20: {
      if (o + 1 > end) {
        short(sink, fc, 'byte count', o);
        break;
      }
      if (wf) sink.field('modbus.byte_cnt', pdu[o]!);
      // Sub-responses: length, reference type, data; each must fit in the PDU.
      for (let g = o + 1; g < end; g += 1 + pdu[g]!) {
        if (g + 1 + pdu[g]! > end) {
          short(sink, fc, 'file sub-response', g);
          break;
        }
        if (!wf) continue;
        sink.field('modbus.byte_cnt', pdu[g]!);
        if (g + 1 < end) sink.field('modbus.reference_type', pdu[g + 1]!);
      }
      break;
    }
    case 21:
      fileRecordFields(pdu, o, end, fc, sink, short);
      break;
    case 24:
      if (o + 2 > end) {
        short(sink, fc, 'byte count', o);
        break;
      }
      if (o + 4 > end) {
        short(sink, fc, 'FIFO count', o + 2);
        break;
      }
      if (wf) sink.field('modbus.word_cnt', u16(pdu, o + 2));
      break;
    case 43:
      if (wf) sink.field('modbus.mei', pdu[o]!);
      if (pdu[o] === 14) readDeviceIdentification(pdu, o + 1, end, sink);
      break;
    default:
      break;
  }
  if (answerRequest(state, request)) sink.outcome(pairKeyOf(tid), ok);
};

/** MEI 14 response from `o` (the read device id code): header, then the objects as identity facts. */
function readDeviceIdentification(pdu: Uint8Array, o: number, end: number, sink: DissectSink): void {
  const wf = sink.wantFields;
  for (let i = 0; i < deviceIdHeader.length; i++) {
    if (o + i >= end) return short(sink, 43, deviceIdHeader[i]!, o + i);
    if (wf) sink.field(deviceIdHeader[i]!, pdu[o + i]!);
  }
  const count = pdu[o + 4]!;
  let p = o + 5;
  for (let n = 0; n < count; n++) {
    // tshark shows an object only when all of it (id, length, value) is present.
    if (p + 2 > end) return short(sink, 43, 'object header', p);
    const id = pdu[p]!;
    const length = pdu[p + 1]!;
    if (p + 2 + length > end) return short(sink, 43, `object ${id} value`, p + 2);
    if (wf) {
      sink.field('modbus.object_id', id);
      sink.field('modbus.objects_len', length);
    }
    if (id <= 6) {
      const value = textOf(pdu, p + 2, p + 2 + length);
      if (wf) sink.field('modbus.object_str_value', value);
      const attribute = deviceIdAttributes[id];
      const trimmed = value.trim();
      if (attribute !== undefined && trimmed !== '') sink.identity({ subject: 'source', attribute, value: trimmed, confidence: 0.9 });
    }
    p += 2 + length;
  }
}

/** Report Server ID: byte count, server id, run indicator, device-specific data; the longest printable run names the device. */
function reportServerId(pdu: Uint8Array, o: number, end: number, sink: DissectSink): void {
  if (o + 1 > end) return;
  const last = Math.min(end, o + 1 + pdu[o]!);
  let bestStart = 0;
  let bestLength = 0;
  for (let i = o + 1, start = i; i <= last; i++) {
    const c = i < last ? pdu[i]! : 0;
    if (c >= 0x20 && c < 0x7f) continue;
    if (i - start > bestLength) {
      bestStart = start;
      bestLength = i - start;
    }
    start = i + 1;
  }
  if (bestLength < 4) return;
  const value = textOf(pdu, bestStart, bestStart + bestLength).trim();
  if (value !== '') sink.identity({ subject: 'source', attribute: 'product', value, confidence: 0.5 });
}
