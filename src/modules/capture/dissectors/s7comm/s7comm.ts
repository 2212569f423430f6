// S7comm (protocol id 0x32) inside ISO transport on TCP 102: header, then parameters and data by ROSCTR
// (1 job, 2 ack, 3 ack-data, 7 userdata).
import type { CotpPayloadDissector, DissectSink, PduContext } from '../types.js';
import { dissectAck, dissectJob } from './job.js';
import { createS7State, type S7State } from './state.js';
import { dissectUserdata } from './userdata.js';

const protocolId = 0x32;

export function probeS7comm(payload: Uint8Array): boolean {
  if (payload.length < 10 || payload[0] !== protocolId) return false;
  const rosctr = payload[1]!;
  return rosctr === 1 || rosctr === 2 || rosctr === 3 || rosctr === 7;
}

function dissectS7comm(b: Uint8Array, ctx: PduContext<S7State>, sink: DissectSink): void {
  const size = b.length;
  if (size < 10 || b[0] !== protocolId) {
    sink.malformed(size < 10 ? `s7comm: ${size} bytes, header needs 10` : 's7comm: protocol id at offset 0 is not 0x32');
    return;
  }
  const rosctr = b[1]!;
  const pduref = (b[4]! << 8) | b[5]!;
  const parlg = (b[6]! << 8) | b[7]!;
  const datlg = (b[8]! << 8) | b[9]!;
  const acknowledging = rosctr === 2 || rosctr === 3;
  const headerLength = acknowledging ? 12 : 10;
  if (size < headerLength) {
    sink.malformed(`s7comm: ${size} bytes, ack header needs 12`);
    return;
  }
  const f = sink.wantFields;
  if (f) {
    sink.field('s7comm.header.protid', protocolId);
    sink.field('s7comm.header.rosctr', rosctr);
    sink.field('s7comm.header.redid', (b[2]! << 8) | b[3]!);
    sink.field('s7comm.header.pduref', pduref);
    sink.field('s7comm.header.parlg', parlg);
    sink.field('s7comm.header.datlg', datlg);
  }
  let error = 0;
  if (acknowledging) {
    error = (b[10]! << 8) | b[11]!;
    if (f) {
      sink.field('s7comm.header.errcls', b[10]!);
      sink.field('s7comm.header.errcod', b[11]!);
    }
  }
  const p = headerLength;
  let pEnd = p + parlg;
  let dEnd = pEnd + datlg;
  if (dEnd > size) {
    sink.malformed(`s7comm: parameter (${parlg}) and data (${datlg}) lengths run past the ${size}-byte PDU`);
    pEnd = Math.min(pEnd, size);
    dEnd = size;
  }
  switch (rosctr) {
    case 1:
      dissectJob(b, p, pEnd, pEnd, dEnd, pduref, ctx, sink);
      return;
    case 2:
    case 3:
      dissectAck(b, p, pEnd, pEnd, dEnd, pduref, error, ctx, sink);
      return;
    case 7:
      dissectUserdata(b, p, pEnd, pEnd, dEnd, pduref, ctx, sink);
      return;
    default:
      sink.malformed(`s7comm: unknown ROSCTR ${rosctr} at offset 1`);
  }
}

export const s7commDissector: CotpPayloadDissector<S7State> = {
  protocol: 's7comm',
  probe: probeS7comm,
  createState: createS7State,
  dissect: dissectS7comm,
};
