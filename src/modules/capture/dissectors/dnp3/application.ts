// DNP3 application layer: control, function code, internal indications, object headers; one
// operation per request, an outcome per response paired by outstation address and sequence.
import type { DissectSink, IdentityAttribute, OperationClass, OperationOutcome } from '../types.js';
import { controlStatusNames, functionInfo, iinErrors } from './names.js';
import { newSummary, walkObjects } from './objects.js';
import { forgetRequest, rememberRequest, type Dnp3State } from './state.js';

const summary = newSummary();
const ok: OperationOutcome = { result: 'ok' };
const pairKeys = new Map<number, string>();

/** Device attribute variations (group 0) that name the device. */
const attributeIdentity: ReadonlyMap<number, IdentityAttribute> = new Map<number, IdentityAttribute>([
  [252, 'vendor'], // device manufacturer's name
  [250, 'product'], // product name and model
  [242, 'firmware'], // manufacturer's software version
  [243, 'hardware'], // manufacturer's hardware version
  [248, 'serial'], // serial number
  [247, 'name'], // user-assigned device name
]);

function pairKeyOf(outstation: number, seq: number): string {
  const key = outstation * 16 + seq;
  let text = pairKeys.get(key);
  if (text === undefined) {
    text = `${outstation}:${seq}`;
    if (pairKeys.size > 4096) pairKeys.clear();
    pairKeys.set(key, text);
  }
  return text;
}

function iinDetail(iin2: number): string | undefined {
  let detail: string | undefined;
  for (const [bit, name] of iinErrors) {
    // Event buffer overflow is a warning about events, not a refusal of the request.
    if (bit === 0x08 || (iin2 & bit) === 0) continue;
    detail = detail === undefined ? name : `${detail}, ${name}`;
  }
  return detail;
}

/** One complete application fragment from link address `src` to `dst`. */
export function dissectApplication(
  b: Uint8Array,
  end: number,
  src: number,
  dst: number,
  state: Dnp3State,
  sink: DissectSink,
): void {
  const wf = sink.wantFields;
  if (end < 2) {
    sink.malformed(`dnp3: application fragment of ${end} bytes has no function code`);
    return;
  }
  const control = b[0]!;
  const func = b[1]!;
  const seq = control & 0x0f;
  if (wf) {
    sink.field('dnp3.al.ctl', control);
    sink.field('dnp3.al.fir', (control >> 7) & 1);
    sink.field('dnp3.al.fin', (control >> 6) & 1);
    sink.field('dnp3.al.con', (control >> 5) & 1);
    sink.field('dnp3.al.uns', (control >> 4) & 1);
    sink.field('dnp3.al.seq', seq);
    sink.field('dnp3.al.func', func);
  }
  const info = functionInfo.get(func);
  const response = func >= 129 && func <= 131;
  let off = 2;
  let iin2 = 0;
  if (response) {
    if (end < 4) {
      sink.malformed(`dnp3: ${info?.name ?? 'response'} at offset 2 has no internal indications`);
      return;
    }
    // tshark shows no internal indications on authentication responses.
    if (wf && func !== 131) sink.field('dnp3.al.iin', (b[2]! << 8) | b[3]!);
    iin2 = b[3]!;
    off = 4;
  }
  walkObjects(b, off, end, info?.headersOnly ?? false, info?.decoded ?? false, sink, summary);
  for (const [variation, value] of summary.attributes) {
    const attribute = attributeIdentity.get(variation);
    const text = value.trim();
    if (attribute !== undefined && text !== '') sink.identity({ subject: 'source', attribute, value: text, confidence: 0.9 });
  }
  if (func === 129 || func === 131) {
    const key = state.pending.size > 0 ? forgetRequest(state, src, seq) : false;
    if (!key) return;
    const refused = iinDetail(iin2);
    const status = summary.controlStatus;
    sink.outcome(
      pairKeyOf(src, seq),
      refused !== undefined
        ? { result: 'exception', detail: refused }
        : status > 0
          ? { result: 'exception', detail: `control status ${controlStatusNames[status] ?? 'undefined'} (${status})` }
          : ok,
    );
    return;
  }
  if (func === 0) return; // confirm: acknowledges a fragment, not an operation
  let operation: OperationClass = info?.operation ?? 'other';
  if (func === 2 && summary.time) operation = 'time-sync';
  else if ((func === 1 || func === 2) && summary.file) operation = 'file-operation';
  const name = info?.name ?? `Function ${func}`;
  const target = summary.target;
  const values = summary.values;
  if (func === 130) {
    sink.operation(target === '' ? { operation, name, code: func, unit: src } : { operation, name, code: func, target, unit: src });
    return;
  }
  // No-ack requests get no response to pair with.
  const pairKey = func === 6 || func === 8 || func === 10 || func === 12 || func === 33 ? undefined : pairKeyOf(dst, seq);
  if (pairKey !== undefined) rememberRequest(state, dst, seq);
  const op = { operation, name, code: func, unit: dst };
  sink.operation({
    ...op,
    ...(target === '' ? {} : { target }),
    ...(values === '' ? {} : { values }),
    ...(pairKey === undefined ? {} : { pairKey }),
  });
}
