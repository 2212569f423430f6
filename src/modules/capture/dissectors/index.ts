// Every dissector the pipeline knows. Order matters only for content probing on unexpected ports.
import type { CotpPayloadDissector, Dissector, OracleSpec } from './types.js';
import { modbusDissector, modbusOracleSpec } from './modbus/index.js';
import { dnp3Dissector, dnp3OracleSpec, dnp3UdpDissector } from './dnp3/index.js';
import { iec104Dissector, iec104OracleSpec } from './iec104/index.js';
import { bacnetDissector, bacnetOracleSpec } from './bacnet/index.js';
import { opcuaDissector, opcuaOracleSpec } from './opcua/index.js';
import { mmsDissector, mmsOracleSpec } from './mms/index.js';
import { gooseDissector, gooseOracleSpec } from './goose/index.js';
import { pnDcpDissector, pnDcpOracleSpec } from './pn-dcp/index.js';
import { mqttDissector, mqttOracleSpec } from './mqtt/index.js';
import { s7commDissector, s7commOracleSpec } from './s7comm/index.js';
import { s7commPlusDissector, s7commPlusOracleSpec } from './s7comm-plus/index.js';
import { enipOracleSpec, enipTcpDissector, enipUdpDissector } from './enip/index.js';
import { finsOracleSpec, finsTcpDissector, finsUdpDissector } from './fins/index.js';

/** Dissectors found by TCP/UDP port, Ethernet type or content. */
export const dissectors: readonly Dissector[] = [
  modbusDissector,
  dnp3Dissector,
  dnp3UdpDissector,
  iec104Dissector,
  bacnetDissector,
  opcuaDissector,
  gooseDissector,
  pnDcpDissector,
  mqttDissector,
  enipTcpDissector,
  enipUdpDissector,
  finsTcpDissector,
  finsUdpDissector,
];

/** Protocols inside ISO transport (TPKT + COTP on TCP 102), chosen by content. */
export const cotpDissectors: readonly CotpPayloadDissector[] = [
  mmsDissector,
  s7commDissector,
  s7commPlusDissector,
];

/** What the differential test compares with tshark, per protocol. */
export const oracleSpecs: readonly OracleSpec[] = [
  modbusOracleSpec,
  dnp3OracleSpec,
  iec104OracleSpec,
  bacnetOracleSpec,
  opcuaOracleSpec,
  mmsOracleSpec,
  gooseOracleSpec,
  pnDcpOracleSpec,
  mqttOracleSpec,
  s7commOracleSpec,
  s7commPlusOracleSpec,
  enipOracleSpec,
  finsOracleSpec,
];
