// What the Modbus request and response decoders share: their signature, how they report a PDU that
// ends early, and the field runs both directions carry (register values, file record references).
import { u16 } from '../../decode/bytes.js';
import type { DissectSink, PduContext } from '../types.js';
import type { ModbusState } from './state.js';

/** Decodes a request or response from its data at offset 8 (after MBAP header and function code). */
export type ModbusPduDecoder = (pdu: Uint8Array, end: number, fc: number, unit: number, tid: number, ctx: PduContext<ModbusState>, sink: DissectSink) => void;

/** Reports a field that would run past the PDU end: tshark marks the PDU malformed from there on. */
export type ShortReport = (sink: DissectSink, fc: number, what: string, offset: number) => void;

export function shortReport(side: 'request' | 'response'): ShortReport {
  return (sink, fc, what, offset) => sink.malformed(`modbus: function ${fc} ${side}: ${what} at offset ${offset} runs past the PDU`);
}

/** Register numbers (from `first`) and values of the data in [start, end), as tshark lists them. */
export function registerFields(pdu: Uint8Array, start: number, end: number, first: number, fc: number, sink: DissectSink, short: ShortReport): void {
  for (let p = start, r = first; p < end; p += 2, r++) {
    if (p + 2 > end) return short(sink, fc, 'register value', p);
    sink.field('modbus.regnum16', r);
    sink.field('modbus.regval_uint16', u16(pdu, p));
  }
}

/**
 * Byte count at `o`, then file record references: reference type, file and record number, record
 * length and, for function 21 (whose response echoes the request), the record data.
 */
export function fileRecordFields(pdu: Uint8Array, o: number, end: number, fc: number, sink: DissectSink, short: ShortReport): void {
  const wf = sink.wantFields;
  if (o + 1 > end) return short(sink, fc, 'byte count', o);
  const count = pdu[o]!;
  if (wf) sink.field('modbus.byte_cnt', count);
  for (let g = o + 1; g < o + 1 + count; ) {
    if (g + 1 > end) return short(sink, fc, 'reference type', g);
    if (wf) sink.field('modbus.reference_type', pdu[g]!);
    if (g + 5 > end) return short(sink, fc, 'file and record number', g + 1);
    if (wf) sink.field('modbus.reference_num_32', u16(pdu, g + 1) * 0x10000 + u16(pdu, g + 3));
    if (g + 7 > end) return short(sink, fc, 'record length', g + 5);
    const words = u16(pdu, g + 5);
    if (wf) sink.field('modbus.word_cnt', words);
    if (fc === 20) {
      g += 7;
      continue;
    }
    if (g + 7 + words * 2 > end) return short(sink, fc, 'record data', g + 7);
    g += 7 + words * 2;
  }
}
