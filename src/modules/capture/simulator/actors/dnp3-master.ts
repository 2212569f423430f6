// The SCADA front end polls the reservoir RTU over DNP3: an integrity poll (class 0) on connect
// whose response flags the outstation's restart, the write that clears it, class 1-3 event polls
// every few seconds and another integrity poll every minute.
import { concat } from '../../reader/byte-builder.js';
import type { Host } from '../frames.js';
import * as dnp3 from '../protocols/dnp3.js';
import { TcpConnection } from '../tcp-connection.js';
import { type Actor, type ActorContext, ephemeralPort, ms, seconds } from './context.js';

export interface Dnp3MasterOptions {
  readonly master: Host;
  readonly outstation: Host;
  readonly addresses: { readonly master: number; readonly outstation: number };
  /** Seconds after the start when the master connects. */
  readonly connectAt: number;
}

const eventPollSeconds = 5;
const integrityPollSeconds = 60;

export function* dnp3Master(ctx: ActorContext, o: Dnp3MasterOptions): Actor {
  const { random } = ctx;
  const conn = new TcpConnection(o.master, o.outstation, ephemeralPort(ctx), dnp3.DNP3_PORT, random);
  const { master, outstation } = o.addresses;
  let masterSegment = random.int(0, 63);
  let outstationSegment = random.int(0, 63);
  let appSeq = random.int(0, 15);
  let restarted = true;
  // pumps 1-3 running, inlet valve open, door closed, mains ok, battery ok, flood switch off
  const inputs = [true, true, false, true, false, true, true, false];
  // level (cm), inflow and outflow (l/s), chlorine (mg/l x100), turbidity (NTU x100), cabinet temperature (0.1 °C)
  const analogs = [512, 86, 81, 74, 22, 236];
  const closeAt = ctx.end - ms(random.between(100, 500));
  let t = ctx.start + seconds(o.connectAt);
  yield* conn.open(t);
  t = conn.now + ms(random.between(1, 5));

  function* poll(request: (seq: number) => Uint8Array, answer: (seq: number) => Uint8Array): Actor {
    const seq = appSeq;
    appSeq = (appSeq + 1) & 0x0f;
    yield* conn.send(true, t, dnp3.linkFrame(true, outstation, master, dnp3.segment(masterSegment++, request(seq))));
    // the remote station answers over the cellular link: tens of milliseconds
    t += ms(random.between(40, 180));
    yield* conn.send(false, t, dnp3.linkFrame(false, master, outstation, dnp3.segment(outstationSegment++, answer(seq))));
    t += ms(random.between(1, 4));
  }
  const iin1 = () => (restarted ? dnp3.IIN1_DEVICE_RESTART : 0);

  let nextIntegrity = t;
  for (let cycle = 0; ; cycle++) {
    const at = ctx.start + seconds(o.connectAt) + seconds(cycle * eventPollSeconds) + ms(random.between(5, 30));
    if (at + ms(400) >= closeAt) break;
    t = Math.max(t, at);
    if (t >= nextIntegrity) {
      yield* poll(
        (seq) => dnp3.request(seq, dnp3.FC_READ, dnp3.allObjects(60, 1)),
        (seq) => dnp3.response(seq, iin1(), 0, concat(dnp3.binaryInputs(inputs), dnp3.analogInputs(analogs))),
      );
      nextIntegrity = t + seconds(integrityPollSeconds);
      if (restarted) {
        yield* poll(
          (seq) => dnp3.request(seq, dnp3.FC_WRITE, dnp3.clearRestart()),
          (seq) => dnp3.response(seq, 0, 0, new Uint8Array(0)),
        );
        restarted = false;
      }
    } else {
      yield* poll(
        (seq) => dnp3.request(seq, dnp3.FC_READ, concat(dnp3.allObjects(60, 2), dnp3.allObjects(60, 3), dnp3.allObjects(60, 4))),
        (seq) => dnp3.response(seq, 0, 0, new Uint8Array(0)),
      );
    }
    for (let i = 0; i < analogs.length; i++) analogs[i] = Math.max(0, analogs[i]! + random.int(-2, 2));
  }
  yield* conn.close(true, closeAt);
}
