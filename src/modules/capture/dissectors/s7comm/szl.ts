// System status lists (SZL) in Read SZL responses. The identity lists: xy11 module identification
// (order number, hardware and firmware version) and xy1c component identification (names, plant
// designation, copyright, serial number, module type name). Other lists only report their header.
import { textUntilNul, u16 } from '../../decode/bytes.js';
import type { DissectSink } from '../types.js';

/** tshark prints nothing for an empty string, so neither do we. */
function stringField(sink: DissectSink, name: string, value: string): void {
  if (sink.wantFields && value !== '') sink.field(name, value);
}

/** Reported by the PLC about itself. */
function fact(sink: DissectSink, attribute: 'vendor' | 'order-number' | 'firmware' | 'hardware' | 'name' | 'plant-id' | 'serial' | 'product', value: string, confidence: number): void {
  const v = value.trim();
  if (v !== '') sink.identity({ subject: 'source', attribute, value: v, confidence });
}

/** Module identification entry: index, order number (20), module type, two version words. */
function moduleIdentification(b: Uint8Array, e: number, sink: DissectSink): void {
  const index = u16(b, e);
  const order = textUntilNul(b, e + 2, e + 22);
  const ausbg = u16(b, e + 24);
  const ausbe = u16(b, e + 26);
  if (sink.wantFields) {
    sink.field('s7comm.szl.xy11.0001.index', index);
    stringField(sink, 's7comm.szl.xy11.0001.anz', order);
    sink.field('s7comm.szl.xy11.0001.bgtyp', u16(b, e + 22));
    sink.field('s7comm.szl.xy11.0001.ausbg', ausbg);
    sink.field('s7comm.szl.xy11.0001.ausbe', ausbe);
  }
  if (index === 0x0001) {
    fact(sink, 'order-number', order, 0.9);
    if (order.startsWith('6ES7') || order.startsWith('6AV') || order.startsWith('6GK')) fact(sink, 'vendor', 'Siemens', 0.8);
    fact(sink, 'hardware', String(ausbe), 0.8);
  } else if (index === 0x0007 && ausbg >> 8 === 0x56) {
    // Firmware: 'V' and the major version, then minor and patch.
    fact(sink, 'firmware', `V${ausbg & 0xff}.${ausbe >> 8}.${ausbe & 0xff}`, 0.9);
  }
}

/** Component identification entry: index and a 32-byte record whose layout depends on the index. */
function componentIdentification(b: Uint8Array, e: number, sink: DissectSink): void {
  const index = u16(b, e);
  if (sink.wantFields) sink.field('s7comm.szl.001c.000x.index', index);
  const at = e + 2;
  switch (index) {
    case 1:
    case 2: {
      const name = textUntilNul(b, at, at + 24);
      stringField(sink, index === 1 ? 's7comm.szl.001c.0001.name' : 's7comm.szl.001c.0002.name', name);
      // The module name names this PLC; the automation system name its station.
      fact(sink, 'name', name, index === 2 ? 0.9 : 0.7);
      return;
    }
    case 3: {
      const tag = textUntilNul(b, at, at + 32);
      stringField(sink, 's7comm.szl.001c.0003.tag', tag);
      fact(sink, 'plant-id', tag, 0.9);
      return;
    }
    case 4: {
      const copyright = textUntilNul(b, at, at + 26);
      stringField(sink, 's7comm.szl.001c.0004.copyright', copyright);
      if (copyright.includes('Siemens')) fact(sink, 'vendor', 'Siemens', 0.8);
      return;
    }
    case 5: {
      const serial = textUntilNul(b, at, at + 24);
      stringField(sink, 's7comm.szl.001c.0005.serialn', serial);
      fact(sink, 'serial', serial, 0.9);
      return;
    }
    case 7: {
      const type = textUntilNul(b, at, at + 32);
      stringField(sink, 's7comm.szl.001c.0007.cputypname', type);
      fact(sink, 'product', type, 0.9);
      return;
    }
    case 8:
      stringField(sink, 's7comm.szl.001c.0008.snmcmmc', textUntilNul(b, at, at + 32));
      return;
    case 11:
      stringField(sink, 's7comm.szl.001c.000b.loc_id', textUntilNul(b, at, at + 32));
      return;
    default:
      return;
  }
}

/** Read SZL request data: SZL id and index. */
export function szlRequest(b: Uint8Array, at: number, end: number, sink: DissectSink): { id: number; index: number } | undefined {
  if (end - at < 4) return undefined;
  const id = u16(b, at);
  const index = u16(b, at + 2);
  if (sink.wantFields) {
    sink.field('s7comm.data.userdata.szl_id', id);
    sink.field('s7comm.data.userdata.szl_index', index);
  }
  return { id, index };
}

/** Read SZL response data (possibly reassembled from fragments): header, then identity entries. */
export function szlResponse(b: Uint8Array, at: number, end: number, sink: DissectSink): void {
  const header = szlRequest(b, at, end, sink);
  if (header === undefined || end - at < 8) return;
  const length = u16(b, at + 4);
  const count = u16(b, at + 6);
  if (sink.wantFields) {
    sink.field('s7comm.data.userdata.szl_id.partlist_len', length);
    sink.field('s7comm.data.userdata.szl_id.partlist_cnt', count);
  }
  const list = header.id & 0xff;
  const identity = (list === 0x11 && length >= 28) || (list === 0x1c && length >= 34);
  if (!identity) return;
  for (let n = 0, e = at + 8; n < count && e + length <= end; n++, e += length) {
    if (list === 0x11) moduleIdentification(b, e, sink);
    else componentIdentification(b, e, sink);
  }
}
