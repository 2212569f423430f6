// The HMI's Modbus/TCP driver for one PLC: connect, poll holding registers and coils every second,
// now and then write a new setpoint, and close when the capture ends. One-off events (device
// identification on connect, a read of an address the PLC does not have) come from the options.
import type { Host } from '../frames.js';
import * as modbus from '../protocols/modbus.js';
import { TcpConnection } from '../tcp-connection.js';
import { type Actor, type ActorContext, ephemeralPort, ms, seconds } from './context.js';

const modbusPort = 502;
const unit = 1;

export interface ProcessModel {
  /** Holding registers 0-9 as the PLC holds them at the start, and how far each drifts per second. */
  readonly registers: readonly number[];
  readonly drift: readonly number[];
  /** Coils 0-15 at the start. */
  readonly coils: readonly boolean[];
  /** Holding register with the setpoint the operator changes, its first value and the step. */
  readonly setpoint: { readonly address: number; readonly value: number; readonly step: number };
}

export interface ModbusPollerOptions {
  readonly hmi: Host;
  readonly plc: Host;
  /** Seconds after the start when the HMI connects. */
  readonly connectAt: number;
  readonly process: ProcessModel;
  /** Objects the PLC answers to Read Device Identification on connect; none means the HMI does not ask. */
  readonly deviceId?: ReadonlyArray<readonly [number, string]>;
  /** Poll number at which the HMI also reads an address the PLC does not have (exception 2). */
  readonly badReadAtPoll?: number;
  /** Seconds after connecting of the first setpoint write. */
  readonly firstWriteAfter: number;
}

export function* modbusPoller(ctx: ActorContext, o: ModbusPollerOptions): Actor {
  const { random } = ctx;
  const conn = new TcpConnection(o.hmi, o.plc, ephemeralPort(ctx), modbusPort, random);
  const registers = [...o.process.registers];
  const coils = [...o.process.coils];
  let setpoint = o.process.setpoint.value;
  let transaction = random.int(1, 4000);
  const closeAt = ctx.end - ms(random.between(50, 400));
  let t = ctx.start + seconds(o.connectAt);
  yield* conn.open(t);
  t = conn.now + ms(random.between(0.2, 1.5));

  /** One request and the PLC's answer after its scan-dependent delay; returns when the answer is out. */
  function* exchange(request: Uint8Array, answer: Uint8Array): Actor {
    yield* conn.send(true, t, request);
    t += ms(random.between(2, 12));
    yield* conn.send(false, t, answer);
    t += ms(random.between(0.3, 1.2));
  }
  const next = () => (transaction = (transaction + 1) & 0xffff);

  if (o.deviceId !== undefined) {
    const id = next();
    yield* exchange(modbus.readDeviceIdRequest(id, unit, 2, 0), modbus.readDeviceIdResponse(id, unit, 2, 0x82, o.deviceId));
  }
  const firstPoll = t;
  let nextWrite = firstPoll + seconds(o.firstWriteAfter);
  for (let poll = 0; ; poll++) {
    t = firstPoll + seconds(poll) + ms(random.between(0, 4));
    if (t + ms(200) >= closeAt) break;
    let id = next();
    yield* exchange(modbus.readRequest(id, unit, modbus.READ_HOLDING_REGISTERS, 0, registers.length), modbus.registersResponse(id, unit, modbus.READ_HOLDING_REGISTERS, registers));
    id = next();
    yield* exchange(modbus.readRequest(id, unit, modbus.READ_COILS, 0, coils.length), modbus.coilsResponse(id, unit, coils));
    if (poll === o.badReadAtPoll) {
      id = next();
      yield* exchange(
        modbus.readRequest(id, unit, modbus.READ_HOLDING_REGISTERS, 9000, 2),
        modbus.exceptionResponse(id, unit, modbus.READ_HOLDING_REGISTERS, modbus.ILLEGAL_DATA_ADDRESS),
      );
    }
    if (t >= nextWrite) {
      // The operator nudges the setpoint up or down by one step.
      setpoint += random.chance(0.5) ? o.process.setpoint.step : -o.process.setpoint.step;
      id = next();
      const write = modbus.writeSingleRegister(id, unit, o.process.setpoint.address, setpoint);
      yield* exchange(write, write);
      nextWrite = t + seconds(random.between(20, 60));
    }
    drift(registers, o.process.drift, random.next);
    if (random.chance(0.02)) {
      const i = random.int(0, coils.length - 1);
      coils[i] = !coils[i];
    }
  }
  yield* conn.close(true, closeAt);
}

/** Process values wander a little each second; register 9 is the PLC's heartbeat counter. */
function drift(registers: number[], amount: readonly number[], next: () => number): void {
  for (let i = 0; i < registers.length; i++) {
    const step = amount[i] ?? 0;
    registers[i] = Math.max(0, Math.min(0xffff, Math.round(registers[i]! + (next() * 2 - 1) * step)));
  }
  registers[9] = (registers[9]! + 1) & 0xffff;
}
