// IEC 61850-8-1 GOOSE (Ethernet type 0x88B8): APPID header and the BER-encoded goosePdu.
// Every GOOSE frame is a publication; a new stNum for the same control block is a state change.
import { newTlv, readBoolean, readInteger, readLatin1, readTlv, readUnsigned } from '../ber/ber.js';
import { formatUtcTime } from '../ber/time.js';
import { summarizeDataList } from '../mms/data-values.js';
import type { DissectSink, Dissector, PduContext } from '../types.js';

/** What the last frame of one control block said. */
interface ControlBlockSeen {
  stNum: number;
  /** allData bytes and their summary: retransmissions repeat them, so the summary is reused. */
  data: Uint8Array;
  summary: string;
}

export interface GooseState {
  /** Per control block reference (bounded). */
  readonly blocks: Map<string, ControlBlockSeen>;
}

const maxControlBlocks = 64;
/** Values are summarized only for data sets this small. */
const maxSummarizedEntries = 32;

const outer = newTlv();
const item = newTlv();
const counted = newTlv();

/** The IED part of a GoCB reference "IEDLD/LLN0$GO$name": the logical device name before "/". */
export function logicalDeviceOf(gocbRef: string): string {
  const slash = gocbRef.indexOf('/');
  return slash > 0 ? gocbRef.slice(0, slash) : '';
}

function dissectGoose(pdu: Uint8Array, ctx: PduContext<GooseState>, sink: DissectSink): void {
  if (pdu.length < 8) {
    sink.malformed(`GOOSE header truncated at ${pdu.length} of 8 bytes`);
    return;
  }
  const appid = (pdu[0] as number) << 8 | (pdu[1] as number);
  const length = (pdu[2] as number) << 8 | (pdu[3] as number);
  const want = sink.wantFields;
  if (want) {
    sink.field('goose.appid', appid);
    sink.field('goose.length', length);
    sink.field('goose.reserve1', (pdu[4] as number) << 8 | (pdu[5] as number));
    sink.field('goose.reserve2', (pdu[6] as number) << 8 | (pdu[7] as number));
  }
  if (length < 8) {
    sink.malformed(`GOOSE length ${length} at offset 2 is shorter than its header`);
    return;
  }
  // Ethernet padding follows the PDU; the length field bounds it.
  const end = Math.min(length, pdu.length);
  if (!readTlv(pdu, 8, end, outer)) {
    sink.malformed('GOOSE APDU at offset 8: truncated or invalid BER');
    return;
  }
  if (outer.cls !== 1 || outer.tag !== 1) {
    // [APPLICATION 0] is GSE management; anything else is not GOOSE.
    if (outer.cls !== 1 || outer.tag !== 0) sink.malformed(`GOOSE APDU at offset 8: unexpected tag ${outer.tag}`);
    return;
  }
  let gocbRef = '';
  let datSet = '';
  let stNum = Number.NaN;
  let sqNum = Number.NaN;
  let entries = Number.NaN;
  let simulation = false;
  let dataStart = -1;
  let dataEnd = -1;
  let pos = outer.start;
  while (pos < outer.end) {
    if (!readTlv(pdu, pos, outer.end, item)) {
      sink.malformed(`goosePdu element at offset ${pos}: truncated or invalid BER`);
      break;
    }
    pos = item.next;
    if (item.cls !== 2) continue;
    const { start, end: stop } = item;
    switch (item.tag) {
      case 0:
        gocbRef = readLatin1(pdu, start, stop, 129);
        if (want) sink.field('goose.gocbRef', gocbRef);
        break;
      case 1:
        if (want) sink.field('goose.timeAllowedtoLive', readInteger(pdu, start, stop));
        break;
      case 2:
        datSet = readLatin1(pdu, start, stop, 129);
        if (want) sink.field('goose.datSet', datSet);
        break;
      case 3:
        if (want) sink.field('goose.goID', readLatin1(pdu, start, stop, 129));
        break;
      case 4:
        if (want) sink.field('goose.t', formatUtcTime(pdu, start, stop));
        break;
      case 5:
        stNum = readUnsigned(pdu, start, stop);
        if (want) sink.field('goose.stNum', stNum);
        break;
      case 6:
        sqNum = readUnsigned(pdu, start, stop);
        if (want) sink.field('goose.sqNum', sqNum);
        break;
      case 7:
        simulation = readBoolean(pdu, start, stop);
        if (want) sink.field('goose.simulation', simulation ? 1 : 0);
        break;
      case 8:
        if (want) sink.field('goose.confRev', readInteger(pdu, start, stop));
        break;
      case 9:
        if (want) sink.field('goose.ndsCom', readBoolean(pdu, start, stop) ? 1 : 0);
        break;
      case 10:
        entries = readInteger(pdu, start, stop);
        if (want) sink.field('goose.numDatSetEntries', entries);
        break;
      case 11: {
        dataStart = start;
        dataEnd = stop;
        if (want) sink.field('goose.allData', countElements(pdu, start, stop));
        break;
      }
      default:
        break;
    }
  }
  if (gocbRef === '') return;

  const seen = ctx.state.blocks.get(gocbRef);
  const previousStNum = seen?.stNum;
  const changed = previousStNum !== undefined && !Number.isNaN(stNum) && previousStNum !== stNum;
  const summarize = dataStart >= 0 && (Number.isNaN(entries) || entries <= maxSummarizedEntries);
  const repeated = seen !== undefined && dataStart >= 0 && sameBytes(seen.data, pdu, dataStart, dataEnd);
  const summary = !summarize ? '' : repeated && seen ? seen.summary : summarizeDataList(pdu, dataStart, dataEnd);
  if (seen) {
    if (!Number.isNaN(stNum)) seen.stNum = stNum;
    if (!repeated) {
      seen.data = dataStart >= 0 ? pdu.slice(dataStart, dataEnd) : new Uint8Array(0);
      seen.summary = summary;
    }
  } else {
    if (ctx.state.blocks.size >= maxControlBlocks) ctx.state.blocks.clear();
    ctx.state.blocks.set(gocbRef, { stNum, data: dataStart >= 0 ? pdu.slice(dataStart, dataEnd) : new Uint8Array(0), summary });
  }
  let values = `stNum ${stNum} sqNum ${sqNum}${changed ? ` (state change from stNum ${previousStNum})` : ''}`;
  if (simulation) values += ' simulation';
  if (summary) values += `: ${summary}`;
  sink.operation({
    operation: 'publish',
    name: changed ? 'GOOSE state change' : 'GOOSE',
    target: datSet === '' ? gocbRef : `${gocbRef} (${datSet})`,
    values,
  });
  // Identity comes with the first frame of each control block; retransmissions add nothing.
  if (seen) return;
  const ld = logicalDeviceOf(gocbRef);
  if (ld !== '') sink.identity({ subject: 'source', attribute: 'name', value: ld, confidence: 0.5 });
  sink.identity({ subject: 'source', attribute: 'role-hint', value: 'ied', confidence: 0.8 });
}

function sameBytes(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

/** Number of TLVs directly inside [start, end). */
function countElements(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let pos = start; pos < end && readTlv(b, pos, end, counted); pos = counted.next) n++;
  return n;
}

export const gooseDissector: Dissector<GooseState> = {
  protocol: 'goose',
  transport: 'ethernet',
  ports: [],
  etherTypes: [0x88b8],
  probe: (payload) => payload.length >= 11 && payload[8] === 0x61,
  createState: () => ({ blocks: new Map() }),
  dissect: dissectGoose,
};
