// Modbus requests (client → server): fields as tshark shows them, one operation per request, and the
// request remembered for its response. Data starts at offset 8 (after MBAP and function code).
import { u16 } from '../../decode/bytes.js';
import type { OperationClass } from '../types.js';
import { diagnosticNames, functionClasses, functionNames, tableNames } from './names.js';
import { fileRecordFields, registerFields, shortReport, type ModbusPduDecoder } from './pdu-fields.js';
import { rememberRequest } from './state.js';
import { coilValues, hex16, pairKeyOf, rangeTarget, registerValues } from './text.js';

const maxValues = 8;
const readDeviceIdNames = ['', 'basic', 'regular', 'extended', 'specific object'];
const diagnosticOperationNames = diagnosticNames.map((name, sub) => `Diagnostics: ${name ?? `sub-function ${sub}`}`);
const unknownFunctionNames: string[] = [];
const readWriteFields = ['modbus.read_reference_num', 'modbus.read_word_cnt', 'modbus.write_reference_num', 'modbus.write_word_cnt'];

const short = shortReport('request');

export const dissectRequest: ModbusPduDecoder = (pdu, end, fc, unit, tid, ctx, sink) => {
  const wf = sink.wantFields;
  const o = 8;
  let operation: OperationClass = functionClasses[fc] ?? 'other';
  let name = functionNames[fc];
  let target: string | undefined;
  let values: string | undefined;
  let address = 0;
  let quantity = 0;
  decode: switch (fc) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 15:
    case 16: {
      // Reads and multiple writes start alike: reference number and quantity of coils or registers.
      if (o + 2 > end) {
        short(sink, fc, 'reference number', o);
        break;
      }
      address = u16(pdu, o);
      if (wf) sink.field('modbus.reference_num', address);
      if (o + 4 > end) {
        short(sink, fc, 'quantity', o + 2);
        break;
      }
      quantity = u16(pdu, o + 2);
      if (wf) sink.field(fc <= 2 || fc === 15 ? 'modbus.bit_cnt' : 'modbus.word_cnt', quantity);
      target = rangeTarget(fc, tableNames[fc]!, address, quantity);
      if (fc <= 4) break;
      if (o + 5 > end) {
        short(sink, fc, 'byte count', o + 4);
        break;
      }
      const count = pdu[o + 4]!;
      if (wf) sink.field('modbus.byte_cnt', count);
      const data = o + 5;
      if (fc === 15) {
        values = coilValues(pdu, data, end, quantity, 16);
        break;
      }
      values = registerValues(pdu, data, Math.min(end, data + count), maxValues);
      if (count !== end - data) {
        sink.malformed(`modbus: function 16 request: byte count ${count} at offset 12 but ${end - data} data bytes`);
        break;
      }
      // tshark lists registers only when the byte count matches the data present.
      if (wf) registerFields(pdu, data, end, address, fc, sink, short);
      break;
    }
    case 5:
    case 6:
    case 22: {
      // One coil or register: reference number, then the value (5, 6) or the AND and OR masks (22).
      if (o + 2 > end) {
        short(sink, fc, 'reference number', o);
        break;
      }
      address = u16(pdu, o);
      quantity = 1;
      if (wf) sink.field('modbus.reference_num', address);
      target = rangeTarget(fc, tableNames[fc]!, address, 1);
      if (o + 4 > end) {
        short(sink, fc, fc === 22 ? 'AND mask' : 'value', o + 2);
        break;
      }
      const v = u16(pdu, o + 2);
      if (fc !== 22) {
        values = fc === 6 ? String(v) : v === 0xff00 ? 'ON' : v === 0 ? 'OFF' : hex16(v);
        break;
      }
      if (wf) sink.field('modbus.and_mask', v);
      if (o + 6 > end) {
        short(sink, fc, 'OR mask', o + 4);
        break;
      }
      if (wf) sink.field('modbus.or_mask', u16(pdu, o + 4));
      values = `AND ${hex16(v)} OR ${hex16(u16(pdu, o + 4))}`;
      break;
    }
    case 8: {
      // The sub-function was checked by the caller (tshark drops the whole PDU without it).
      const sub = u16(pdu, o);
      if (wf) sink.field('modbus.diagnostic_code', sub);
      name = diagnosticOperationNames[sub] ?? `Diagnostics: sub-function ${sub}`;
      operation = sub === 1 ? 'restart' : sub === 4 ? 'mode-change' : 'other';
      if (sub === 1 && o + 4 <= end && u16(pdu, o + 2) === 0xff00) values = 'clear communications event log';
      break;
    }
    case 20:
    case 21: {
      fileRecordFields(pdu, o, end, fc, sink, short);
      // The operation names the first record once its reference is complete, and shows its data (21).
      const first = o + 1;
      if (first + 7 > end || pdu[o] === 0) break;
      target = `file ${u16(pdu, first + 1)} record ${u16(pdu, first + 3)}`;
      const data = first + 7 + u16(pdu, first + 5) * 2;
      if (fc === 21 && data <= end) values = registerValues(pdu, first + 7, data, maxValues);
      break;
    }
    case 23: {
      for (let i = 0; i < 4; i++) {
        if (o + 2 * i + 2 > end) {
          short(sink, fc, readWriteFields[i]!, o + 2 * i);
          break decode;
        }
        if (wf) sink.field(readWriteFields[i]!, u16(pdu, o + 2 * i));
      }
      address = u16(pdu, o);
      quantity = u16(pdu, o + 2);
      const writeAddress = u16(pdu, o + 4);
      const writeQuantity = u16(pdu, o + 6);
      target = `${rangeTarget(3, 'holding registers', address, quantity)} (read), ${rangeTarget(16, 'holding registers', writeAddress, writeQuantity)} (write)`;
      if (o + 9 > end) {
        short(sink, fc, 'byte count', o + 8);
        break;
      }
      if (wf) sink.field('modbus.byte_cnt', pdu[o + 8]!);
      values = registerValues(pdu, o + 9, Math.min(end, o + 9 + pdu[o + 8]!), maxValues);
      break;
    }
    case 24: {
      if (o + 2 > end) {
        short(sink, fc, 'FIFO pointer address', o);
        break;
      }
      address = u16(pdu, o);
      if (wf) sink.field('modbus.reference_num', address);
      target = rangeTarget(fc, tableNames[fc]!, address, 1);
      break;
    }
    case 43: {
      // The MEI type was checked by the caller.
      const mei = pdu[o]!;
      if (wf) sink.field('modbus.mei', mei);
      if (mei === 13) {
        name = 'CANopen General Reference';
        break;
      }
      if (mei !== 14) {
        name = `Encapsulated Interface Transport (MEI ${mei})`;
        break;
      }
      name = 'Read Device Identification';
      operation = 'discovery';
      if (o + 2 > end) {
        short(sink, fc, 'read device id code', o + 1);
        break;
      }
      const code = pdu[o + 1]!;
      if (wf) sink.field('modbus.read_device_id', code);
      if (o + 3 > end) {
        short(sink, fc, 'object id', o + 2);
        break;
      }
      const object = pdu[o + 2]!;
      if (wf) sink.field('modbus.object_id', object);
      target = `${readDeviceIdNames[code] ?? `code ${code}`} device identification from object ${object}`;
      break;
    }
    default:
      break;
  }
  if (name === undefined) name = unknownFunctionNames[fc] ??= `Function ${fc}`;
  rememberRequest(ctx.state, tid, unit, fc, address, quantity);
  const pairKey = pairKeyOf(tid);
  if (target === undefined) {
    sink.operation(values === undefined ? { operation, name, code: fc, pairKey, unit } : { operation, name, code: fc, values, pairKey, unit });
  } else {
    sink.operation(
      values === undefined ? { operation, name, code: fc, target, pairKey, unit } : { operation, name, code: fc, target, values, pairKey, unit },
    );
  }
};
