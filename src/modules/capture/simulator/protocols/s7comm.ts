// ISO transport (RFC 1006 TPKT, ISO 8073 COTP class 0) and S7comm PDUs as a STEP 7 engineering station
// and an S7-300 exchange them: connection request/confirm, setup communication, Read SZL userdata,
// Read/Write Var, PLC stop, PI services and the block download sequence.
import { bytes, concat } from '../../reader/byte-builder.js';

const rosctrJob = 1;
const rosctrAckData = 3;
const rosctrUserdata = 7;

export const FUNC_READ_VAR = 0x04;
export const FUNC_WRITE_VAR = 0x05;
export const FUNC_REQUEST_DOWNLOAD = 0x1a;
export const FUNC_DOWNLOAD_BLOCK = 0x1b;
export const FUNC_DOWNLOAD_ENDED = 0x1c;
export const FUNC_START_UPLOAD = 0x1d;
export const FUNC_UPLOAD = 0x1e;
export const FUNC_END_UPLOAD = 0x1f;
export const FUNC_PI_SERVICE = 0x28;
export const FUNC_PLC_STOP = 0x29;
export const FUNC_SETUP_COMMUNICATION = 0xf0;

export const AREA_DB = 0x84;
const transportByte = 0x02;
/** Data transport size "BYTE/WORD/DWORD": the data length counts bits. */
const dataTransportBits = 0x04;
const octetString = 0x09;

export function tpkt(payload: Uint8Array): Uint8Array {
  return bytes().u8(3).u8(0).u16be(4 + payload.length).bytes(payload).build();
}

export interface CotpEndpoints {
  /** Connection references chosen by each side. */
  readonly clientRef: number;
  readonly serverRef: number;
  /** Calling and called TSAPs: 0x0100 is a PG connection, 0x0102 rack 0 slot 2. */
  readonly callingTsap: number;
  readonly calledTsap: number;
}

/** TPDU size 1024 (code 0x0a), calling and called TSAP. */
function cotpParameters(e: CotpEndpoints): Uint8Array {
  return bytes().u8(0xc0).u8(1).u8(0x0a).u8(0xc1).u8(2).u16be(e.callingTsap).u8(0xc2).u8(2).u16be(e.calledTsap).build();
}

function cotpConnection(code: number, dstRef: number, srcRef: number, e: CotpEndpoints): Uint8Array {
  const params = cotpParameters(e);
  // The length indicator counts the header after itself: code, references, class, parameters.
  return tpkt(bytes().u8(6 + params.length).u8(code).u16be(dstRef).u16be(srcRef).u8(0).bytes(params).build());
}

export function cotpConnectionRequest(e: CotpEndpoints): Uint8Array {
  return cotpConnection(0xe0, 0, e.clientRef, e);
}

export function cotpConnectionConfirm(e: CotpEndpoints): Uint8Array {
  return cotpConnection(0xd0, e.clientRef, e.serverRef, e);
}

/** One COTP data TPDU (class 0: TPDU number 0, end of TSDU) in its TPKT. */
export function cotpData(s7: Uint8Array): Uint8Array {
  return tpkt(concat(Uint8Array.of(2, 0xf0, 0x80), s7));
}

function header(rosctr: number, pduref: number, param: Uint8Array, data: Uint8Array): Uint8Array {
  const b = bytes().u8(0x32).u8(rosctr).u16be(0).u16be(pduref).u16be(param.length).u16be(data.length);
  if (rosctr === rosctrAckData) b.u8(0).u8(0); // error class and code: no error
  return b.bytes(param).bytes(data).build();
}

export function job(pduref: number, param: Uint8Array, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return cotpData(header(rosctrJob, pduref, param, data));
}

export function ackData(pduref: number, param: Uint8Array, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return cotpData(header(rosctrAckData, pduref, param, data));
}

function userdata(pduref: number, param: Uint8Array, data: Uint8Array): Uint8Array {
  return cotpData(header(rosctrUserdata, pduref, param, data));
}

export function setupCommunication(maxAmq: number, pduLength: number): Uint8Array {
  return bytes().u8(FUNC_SETUP_COMMUNICATION).u8(0).u16be(maxAmq).u16be(maxAmq).u16be(pduLength).build();
}

/** Read SZL request (userdata group 4 "CPU functions", subfunction 1). */
export function readSzlRequest(pduref: number, id: number, index: number): Uint8Array {
  const param = Uint8Array.of(0x00, 0x01, 0x12, 0x04, 0x11, 0x44, 0x01, 0x00);
  const data = bytes().u8(0xff).u8(octetString).u16be(4).u16be(id).u16be(index).build();
  return userdata(pduref, param, data);
}

/** Read SZL response in one data unit: the list header, then `entries` of `entryLength` bytes. */
export function readSzlResponse(pduref: number, sequence: number, id: number, index: number, entryLength: number, entries: readonly Uint8Array[]): Uint8Array {
  const param = Uint8Array.of(0x00, 0x01, 0x12, 0x08, 0x12, 0x84, 0x01, sequence, 0x00, 0x00, 0x00, 0x00);
  const list = bytes().u16be(id).u16be(index).u16be(entryLength).u16be(entries.length);
  for (const e of entries) {
    if (e.length !== entryLength) throw new Error(`SZL 0x${id.toString(16)} entry of ${e.length} bytes, expected ${entryLength}`);
    list.bytes(e);
  }
  const content = list.build();
  return userdata(pduref, param, bytes().u8(0xff).u8(octetString).u16be(content.length).bytes(content).build());
}

/** SZL 0x0011 entry: index, order number (20 characters), module type, two version words. */
export function moduleIdentification(index: number, orderNumber: string, moduleType: number, ausbg: number, ausbe: number): Uint8Array {
  return bytes().u16be(index).ascii(orderNumber, 20, 0x20).u16be(moduleType).u16be(ausbg).u16be(ausbe).build();
}

/** SZL 0x001C entry: index and 32 bytes of text, zero-filled (names are 24 characters and 8 reserved). */
export function componentIdentification(index: number, text: string): Uint8Array {
  return bytes().u16be(index).ascii(text, 32, 0).build();
}

export interface VariableAddress {
  readonly db: number;
  /** Byte offset in the data block. */
  readonly byte: number;
  readonly length: number;
}

function item(a: VariableAddress): Uint8Array {
  // variable specification, 10 address bytes, syntax S7ANY, transport size BYTE, count, DB, area, bit address
  return bytes().u8(0x12).u8(0x0a).u8(0x10).u8(transportByte).u16be(a.length).u16be(a.db).u8(AREA_DB).u24be(a.byte * 8).build();
}

function items(func: number, addresses: readonly VariableAddress[]): Uint8Array {
  return concat(Uint8Array.of(func, addresses.length), ...addresses.map(item));
}

/** Data items; every item but the last is padded to an even length. */
function dataItems(returnCode: number, values: readonly Uint8Array[]): Uint8Array {
  const b = bytes();
  values.forEach((v, i) => {
    b.u8(returnCode).u8(dataTransportBits).u16be(v.length * 8).bytes(v);
    if (v.length & 1 && i < values.length - 1) b.u8(0);
  });
  return b.build();
}

export function readVarRequest(pduref: number, addresses: readonly VariableAddress[]): Uint8Array {
  return job(pduref, items(FUNC_READ_VAR, addresses));
}

export function readVarResponse(pduref: number, values: readonly Uint8Array[]): Uint8Array {
  return ackData(pduref, Uint8Array.of(FUNC_READ_VAR, values.length), dataItems(0xff, values));
}

export function writeVarRequest(pduref: number, address: VariableAddress, value: Uint8Array): Uint8Array {
  return job(pduref, items(FUNC_WRITE_VAR, [address]), dataItems(0x00, [value]));
}

export function writeVarResponse(pduref: number, count: number): Uint8Array {
  return ackData(pduref, Uint8Array.of(FUNC_WRITE_VAR, count), new Uint8Array(count).fill(0xff));
}

/** PLC stop: five reserved bytes, then the program invocation name. */
export function plcStop(pduref: number): Uint8Array {
  return job(pduref, bytes().u8(FUNC_PLC_STOP).zeros(5).u8(9).ascii('P_PROGRAM').build());
}

/** PI service: seven bytes (the last 0xfd), the parameter block, then the service name. */
export function piService(pduref: number, service: string, parameter: Uint8Array = new Uint8Array(0)): Uint8Array {
  return job(
    pduref,
    bytes().u8(FUNC_PI_SERVICE).zeros(6).u8(0xfd).u16be(parameter.length).bytes(parameter).u8(service.length).ascii(service).build(),
  );
}

/** _INSE / _DELE parameter block: block count, a reserved byte, then "0A00010P"-style names. */
export function blockList(names: readonly string[]): Uint8Array {
  const b = bytes().u8(names.length).u8(0);
  for (const n of names) b.ascii(n, 8);
  return b.build();
}

/** Request download: status, two unknown fields, the file name and the load memory and MC7 code lengths. */
export function requestDownload(pduref: number, file: string, loadMemoryLength: number, mc7Length: number): Uint8Array {
  const lengths = `1${String(loadMemoryLength).padStart(6, '0')}${String(mc7Length).padStart(6, '0')}`;
  return job(pduref, bytes().u8(FUNC_REQUEST_DOWNLOAD).u8(0).u16be(0x0100).u32be(0).u8(file.length).ascii(file).u8(lengths.length).ascii(lengths).build());
}

/** Download block / download ended: jobs the PLC sends to the station to fetch the block. */
export function blockControlJob(pduref: number, func: number, file: string): Uint8Array {
  return job(pduref, bytes().u8(func).u8(0).u16be(func === FUNC_DOWNLOAD_ENDED ? 0 : 0x0100).u32be(0).u8(file.length).ascii(file).build());
}

/** The station's answer to download block: status (last part), then length, 0x00fb and the block bytes. */
export function downloadBlockData(pduref: number, block: Uint8Array): Uint8Array {
  return ackData(pduref, Uint8Array.of(FUNC_DOWNLOAD_BLOCK, 0x00), bytes().u16be(block.length).u16be(0x00fb).bytes(block).build());
}

/** Acknowledgement of a job that returns nothing but its function code. */
export function ackFunction(pduref: number, func: number): Uint8Array {
  return ackData(pduref, Uint8Array.of(func));
}

/** Start upload: status, an unknown word, upload id 0, the file name ("_0A00001A": OB1 from the active RAM). */
export function startUpload(pduref: number, file: string): Uint8Array {
  return job(pduref, bytes().u8(FUNC_START_UPLOAD).u8(0).u16be(0).u32be(0).u8(file.length).ascii(file).build());
}

/** The PLC's answer: status, unknown word, the upload id it assigned, the block length as seven digits. */
export function startUploadAck(pduref: number, uploadId: number, blockLength: number): Uint8Array {
  const length = String(blockLength).padStart(7, '0');
  return ackData(pduref, bytes().u8(FUNC_START_UPLOAD).u8(0).u16be(0x0100).u32be(uploadId).u8(length.length).ascii(length).build());
}

/** Upload (the station fetches the block) and end upload: status, unknown word, the upload id. */
export function uploadJob(pduref: number, func: number, uploadId: number): Uint8Array {
  return job(pduref, bytes().u8(func).u8(0).u16be(0).u32be(uploadId).build());
}

/** The PLC's upload answer: last part, then length, 0x00fb and the block bytes. */
export function uploadData(pduref: number, block: Uint8Array): Uint8Array {
  return ackData(pduref, Uint8Array.of(FUNC_UPLOAD, 0x00), bytes().u16be(block.length).u16be(0x00fb).bytes(block).build());
}
