// The engineer at the workstation goes online with the dosing PLC (STEP 7 over ISO-on-TCP): connect,
// identify the CPU (SZL 0x0011 and 0x001C), watch a data block, change a setpoint, then stop the CPU,
// download a data block, insert it, start the CPU again and go offline.
import type { Host, SimFrame } from '../frames.js';
import * as s7 from '../protocols/s7comm.js';
import type { Random } from '../random.js';
import { TcpConnection } from '../tcp-connection.js';
import { type Actor, type ActorContext, ephemeralPort, ms } from './context.js';
import { dataBlock } from './s7-block.js';

const isoTsapPort = 102;
/** DB1 holds the dosing values the engineer watches: four REALs. */
const watched: s7.VariableAddress = { db: 1, byte: 0, length: 16 };
const setpoint: s7.VariableAddress = { db: 1, byte: 12, length: 4 };
const downloadedBlock = '_0A00002P';

export interface PlcIdentity {
  readonly orderNumber: string;
  readonly firmware: readonly [number, number];
  readonly hardwareVersion: number;
  readonly systemName: string;
  readonly moduleName: string;
  readonly plantId: string;
  readonly copyright: string;
  readonly serial: string;
  readonly moduleType: string;
}

export interface EngineeringSessionOptions {
  readonly ews: Host;
  readonly plc: Host;
  readonly identity: PlcIdentity;
  /** When the session starts, µs since the epoch; it lasts about ten seconds. */
  readonly at: number;
}

function real(value: number): Uint8Array {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, value, false);
  return new Uint8Array(b.buffer);
}

function dosingValues(random: Random, dose: number): Uint8Array {
  const out = new Uint8Array(16);
  out.set(real(4.2 + random.between(-0.2, 0.2)), 0); // hypochlorite pump, l/h
  out.set(real(11.5 + random.between(-0.5, 0.5)), 4); // coagulant pump, l/h
  out.set(real(63 + random.between(-1, 1)), 8); // hypochlorite tank level, %
  out.set(real(dose), 12); // chlorine dose setpoint, mg/l
  return out;
}

export function* engineeringSession(ctx: ActorContext, o: EngineeringSessionOptions): Actor {
  const { random } = ctx;
  const conn = new TcpConnection(o.ews, o.plc, ephemeralPort(ctx), isoTsapPort, random);
  let t = o.at;
  let pduref = random.int(0x0100, 0x0400);
  let plcPduref = random.int(0x0010, 0x0080);
  let szlSequence = random.int(1, 50);
  let dose = 1.8;

  function* exchange(request: Uint8Array, answer: Uint8Array, delayMs: [number, number] = [3, 15]): Generator<SimFrame> {
    yield* conn.send(true, t, request);
    t += ms(random.between(delayMs[0], delayMs[1]));
    yield* conn.send(false, t, answer);
    t += ms(random.between(0.5, 3));
  }
  const ref = () => (pduref = (pduref + 1) & 0xffff);
  function* watch(times: number): Generator<SimFrame> {
    for (let i = 0; i < times; i++) {
      const r = ref();
      yield* exchange(s7.readVarRequest(r, [watched]), s7.readVarResponse(r, [dosingValues(random, dose)]));
      t += ms(random.between(480, 520));
    }
  }

  yield* conn.open(t);
  t = conn.now + ms(random.between(0.5, 2));
  const endpoints = { clientRef: random.int(1, 0x7fff), serverRef: random.int(1, 0x7fff), callingTsap: 0x0100, calledTsap: 0x0102 };
  yield* exchange(s7.cotpConnectionRequest(endpoints), s7.cotpConnectionConfirm(endpoints), [1, 4]);
  let r = ref();
  yield* exchange(s7.job(r, s7.setupCommunication(1, 480)), s7.ackData(r, s7.setupCommunication(1, 240)));

  const id = o.identity;
  r = ref();
  yield* exchange(
    s7.readSzlRequest(r, 0x0011, 0x0000),
    s7.readSzlResponse(r, szlSequence++, 0x0011, 0x0000, 28, [
      s7.moduleIdentification(0x0001, id.orderNumber, 0x0000, 0x0004, id.hardwareVersion),
      s7.moduleIdentification(0x0006, id.orderNumber, 0x0000, 0x0004, id.hardwareVersion),
      s7.moduleIdentification(0x0007, '', 0x0000, id.firmware[0], id.firmware[1]),
    ]),
  );
  r = ref();
  yield* exchange(
    s7.readSzlRequest(r, 0x001c, 0x0000),
    s7.readSzlResponse(r, szlSequence++, 0x001c, 0x0000, 34, [
      s7.componentIdentification(1, id.systemName),
      s7.componentIdentification(2, id.moduleName),
      s7.componentIdentification(3, id.plantId),
      s7.componentIdentification(4, id.copyright),
      s7.componentIdentification(5, id.serial),
      s7.componentIdentification(7, id.moduleType),
    ]),
  );
  t += ms(random.between(300, 600));
  yield* watch(4);

  // The engineer raises the chlorine dose setpoint.
  dose = 2.1;
  r = ref();
  yield* exchange(s7.writeVarRequest(r, setpoint, real(dose)), s7.writeVarResponse(r, 1));
  t += ms(random.between(400, 600));
  yield* watch(2);

  // Stop, download DB2, insert it, start: the CPU takes its time to change mode.
  t += ms(random.between(800, 1500));
  r = ref();
  yield* exchange(s7.plcStop(r), s7.ackFunction(r, s7.FUNC_PLC_STOP), [150, 400]);
  t += ms(random.between(300, 700));
  const block = dataBlock(2, t, random);
  r = ref();
  yield* exchange(s7.requestDownload(r, downloadedBlock, block.length, block.mc7Length), s7.ackFunction(r, s7.FUNC_REQUEST_DOWNLOAD));
  // The PLC now asks the station for the block, then reports the end of the download.
  plcPduref++;
  yield* conn.send(false, t, s7.blockControlJob(plcPduref, s7.FUNC_DOWNLOAD_BLOCK, downloadedBlock));
  t += ms(random.between(1, 5));
  yield* conn.send(true, t, s7.downloadBlockData(plcPduref, block.bytes));
  t += ms(random.between(5, 20));
  plcPduref++;
  yield* conn.send(false, t, s7.blockControlJob(plcPduref, s7.FUNC_DOWNLOAD_ENDED, downloadedBlock));
  t += ms(random.between(1, 5));
  yield* conn.send(true, t, s7.ackFunction(plcPduref, s7.FUNC_DOWNLOAD_ENDED));
  t += ms(random.between(20, 60));
  r = ref();
  yield* exchange(s7.piService(r, '_INSE', s7.blockList([downloadedBlock.slice(1)])), s7.ackFunction(r, s7.FUNC_PI_SERVICE), [20, 80]);
  t += ms(random.between(500, 1200));
  r = ref();
  yield* exchange(s7.piService(r, 'P_PROGRAM'), s7.ackFunction(r, s7.FUNC_PI_SERVICE), [200, 600]);
  t += ms(random.between(800, 1200));
  yield* watch(3);
  yield* conn.close(true, t + ms(random.between(100, 400)));
}
