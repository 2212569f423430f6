// The SCADA front end and the booster station RTU over IEC 60870-5-104: STARTDT, a station
// interrogation answered with the current values, then spontaneous measured values with time tags.
// The controlling station acknowledges received I-frames with S-frames (after w = 8 frames or t2).
import type { Host } from '../frames.js';
import * as iec from '../protocols/iec104.js';
import { TcpConnection } from '../tcp-connection.js';
import { type Actor, type ActorContext, ephemeralPort, ms, seconds } from './context.js';

export interface Iec104MasterOptions {
  readonly master: Host;
  readonly rtu: Host;
  readonly commonAddress: number;
  /** Seconds after the start when the master connects. */
  readonly connectAt: number;
}

/** Acknowledge after this many I-frames (w) or this long after the first unacknowledged one (t2). */
const w = 8;
const t2 = seconds(10);

export function* iec104Master(ctx: ActorContext, o: Iec104MasterOptions): Actor {
  const { random } = ctx;
  const conn = new TcpConnection(o.master, o.rtu, ephemeralPort(ctx), iec.IEC104_PORT, random);
  const ca = o.commonAddress;
  // outlet pressure (bar), flow (m³/h), suction tank level (m), pump power (kW)
  const measured = [
    { ioa: 1001, value: 4.6, step: 0.05 },
    { ioa: 1002, value: 312, step: 4 },
    { ioa: 1003, value: 3.2, step: 0.02 },
    { ioa: 1004, value: 41.5, step: 0.6 },
  ];
  // pump 1 running, pump 2 running, door contact
  const points = [
    { ioa: 2001, on: true },
    { ioa: 2002, on: false },
    { ioa: 2003, on: false },
  ];
  let masterSent = 0;
  let rtuSent = 0;
  let unacked = 0;
  let firstUnacked = 0;
  const closeAt = ctx.end - ms(random.between(100, 500));
  let t = ctx.start + seconds(o.connectAt);
  yield* conn.open(t);
  t = conn.now + ms(random.between(1, 5));

  function* rtuSends(asdu: Uint8Array): Actor {
    if (unacked > 0 && firstUnacked + t2 <= t) yield* acknowledge(firstUnacked + t2);
    yield* conn.send(false, t, iec.iFrame(rtuSent, masterSent, asdu));
    rtuSent = (rtuSent + 1) & 0x7fff;
    if (unacked++ === 0) firstUnacked = t;
    if (unacked >= w) {
      t += ms(random.between(1, 10));
      yield* acknowledge(t);
    }
  }
  function* acknowledge(at: number): Actor {
    yield* conn.send(true, at, iec.sFrame(rtuSent));
    unacked = 0;
  }

  yield* conn.send(true, t, iec.uFrame(iec.STARTDT_ACT));
  t += ms(random.between(30, 120));
  yield* conn.send(false, t, iec.uFrame(iec.STARTDT_CON));
  t += ms(random.between(5, 20));
  yield* conn.send(true, t, iec.iFrame(masterSent++, rtuSent, iec.interrogation(iec.COT_ACTIVATION, ca)));
  t += ms(random.between(30, 120));
  yield* rtuSends(iec.interrogation(iec.COT_ACTIVATION_CON, ca));
  t += ms(random.between(5, 30));
  yield* rtuSends(iec.asdu(iec.M_ME_NC_1, iec.COT_INTERROGATED, ca, measured.map((m) => iec.shortFloat(m.ioa, m.value))));
  t += ms(random.between(2, 10));
  yield* rtuSends(iec.asdu(iec.M_SP_NA_1, iec.COT_INTERROGATED, ca, points.map((p) => iec.singlePoint(p.ioa, p.on))));
  t += ms(random.between(2, 10));
  yield* rtuSends(iec.interrogation(iec.COT_ACTIVATION_TERM, ca));

  for (;;) {
    t += seconds(random.between(2, 8));
    if (t + ms(300) >= closeAt) break;
    // one or two values moved past their deadband
    const changed = measured.filter(() => random.chance(0.4));
    const moved = changed.length > 0 ? changed.slice(0, 2) : [measured[random.int(0, measured.length - 1)]!];
    for (const m of moved) m.value = Math.round((m.value + random.between(-m.step, m.step)) * 100) / 100;
    yield* rtuSends(iec.asdu(iec.M_ME_TF_1, iec.COT_SPONTANEOUS, ca, moved.map((m) => iec.shortFloatWithTime(m.ioa, m.value, t - ms(random.between(5, 50))))));
  }
  if (unacked > 0) yield* acknowledge(Math.min(conn.now + ms(random.between(1, 10)), closeAt));
  yield* conn.close(true, closeAt);
}
