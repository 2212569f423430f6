// Per-connection Modbus state: the most recent requests, so a response finds its request (for the
// outcome and for the register numbers of a read). Bounded: a ring of 256 requests, searched newest
// first by transaction id, unit id and function code, which is also how Wireshark pairs them.

export const maxPendingRequests = 256;
const slot = 3; // key, address << 16 | quantity, answered

export interface ModbusState {
  /** Allocated on the first request: [key, address << 16 | quantity, answered] per slot. */
  ring: Int32Array | undefined;
  /** Next slot to write. */
  head: number;
  /** Slots in use (at most maxPendingRequests). */
  count: number;
  /** Role hints are reported once per connection. */
  rolesReported: boolean;
}

export function createModbusState(): ModbusState {
  return { ring: undefined, head: 0, count: 0, rolesReported: false };
}

function requestKey(tid: number, unit: number, fc: number): number {
  return (tid << 16) | (unit << 8) | fc;
}

export function rememberRequest(state: ModbusState, tid: number, unit: number, fc: number, address: number, quantity: number): void {
  let ring = state.ring;
  if (ring === undefined) ring = state.ring = new Int32Array(maxPendingRequests * slot);
  const i = state.head * slot;
  ring[i] = requestKey(tid, unit, fc);
  ring[i + 1] = (address << 16) | quantity;
  ring[i + 2] = 0;
  state.head = (state.head + 1) % maxPendingRequests;
  if (state.count < maxPendingRequests) state.count++;
}

/** Slot offset of the newest request with this key, or -1. */
export function findRequest(state: ModbusState, tid: number, unit: number, fc: number): number {
  const ring = state.ring;
  if (ring === undefined) return -1;
  const key = requestKey(tid, unit, fc);
  let s = state.head;
  for (let n = state.count; n > 0; n--) {
    s = s === 0 ? maxPendingRequests - 1 : s - 1;
    if (ring[s * slot] === key) return s * slot;
  }
  return -1;
}

export function requestAddress(state: ModbusState, at: number): number {
  return at < 0 || state.ring === undefined ? 0 : (state.ring[at + 1]! >>> 16) & 0xffff;
}

/** Marks the request answered; true the first time only, so each request gets one outcome. */
export function answerRequest(state: ModbusState, at: number): boolean {
  const ring = state.ring;
  if (at < 0 || ring === undefined || ring[at + 2] !== 0) return false;
  ring[at + 2] = 1;
  return true;
}
