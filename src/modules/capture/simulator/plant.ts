// The Riverside water treatment plant as the simulator builds it: written by the Bulwark project,
// addresses in 10.20.x.x, MAC addresses with the vendors' IEEE prefixes and made-up host parts,
// device identities that read like the real families without copying any device.
import type { Host } from './frames.js';
import type { CipIdentity } from './protocols/enip.js';

const windows = { ttl: 128, window: 64240, delayedAck: 200_000 } as const;
const embedded = { ttl: 64, window: 8192, delayedAck: 40_000 } as const;

export const plantHosts = {
  /** Operator HMI, a virtual machine (VMware prefix 00:0c:29). */
  hmi: { name: 'WTP-HMI-01', ip: '10.20.2.21', mac: '00:0c:29:71:aa:01', ...windows },
  /** SCADA front end polling the remote stations over DNP3 and IEC 104 (Dell prefix b8:ca:3a). */
  scada: { name: 'WTP-SCADA-01', ip: '10.20.2.25', mac: 'b8:ca:3a:6d:19:25', ...windows },
  /** Engineering workstation with the PLC programming tools (Dell prefix a4:ba:db). */
  ews: { name: 'WTP-EWS-01', ip: '10.20.2.30', mac: 'a4:ba:db:3e:52:30', ...windows },
  /** Filter gallery PLC (filters and backwash), Modbus/TCP (Schneider Electric / Telemecanique prefix 00:80:f4). */
  filterPlc: { name: 'WTP-PLC-20 filter gallery', ip: '10.20.1.20', mac: '00:80:f4:1c:20:14', ...embedded },
  /** Clearwell and distribution PLC, Modbus/TCP. */
  clearwellPlc: { name: 'WTP-PLC-21 clearwell', ip: '10.20.1.21', mac: '00:80:f4:1c:20:15', ...embedded },
  /** Chemical dosing PLC, an S7-300 class CPU (Siemens prefix 00:1b:1b); Siemens stacks start at TTL 30. */
  dosingPlc: { name: 'WTP-PLC-03 chemical dosing', ip: '10.20.1.12', mac: '00:1b:1b:6c:01:0c', ttl: 30, window: 8192, delayedAck: 40_000 },
  /** UV disinfection skid controller, a Logix-class PLC (Rockwell Automation prefix 00:00:bc). */
  uvPlc: { name: 'WTP-PLC-30 UV skid', ip: '10.20.1.30', mac: '00:00:bc:62:a4:1e', ...embedded },
  /** Remote stations behind the cellular gateway: reservoir (DNP3) and booster (IEC 104). */
  reservoirRtu: { name: 'WTP-RTU-07 reservoir north', ip: '10.20.7.7', mac: '00:80:f4:7a:07:07', ...embedded },
  boosterRtu: { name: 'WTP-RTU-08 booster station', ip: '10.20.7.8', mac: '00:80:f4:7a:07:08', ...embedded },
} as const satisfies Record<string, Host>;

/** Building controller of the administration block (BACnet/IP): in the inventory, silent in routine traffic; only the attack scenarios talk to it. */
export const buildingController = { name: 'WTP-BMS-01 admin building', ip: '10.20.3.40', mac: '00:e0:4b:3a:40:01', ...embedded } as const satisfies Host;

export const broadcast = { ip: '255.255.255.255', mac: 'ff:ff:ff:ff:ff:ff' } as const;

/** What the filter gallery PLC answers to Read Device Identification (regular category). */
export const filterPlcDeviceId: ReadonlyArray<readonly [number, string]> = [
  [0, 'Schneider Electric'],
  [1, 'BMX P34 2020'],
  [2, 'v3.20'],
  [4, 'Modicon M340'],
  [5, 'BMX P34 2020'],
];

/** The S7-300 CPU's identity in SZL 0x0011 (module identification) and 0x001C (component identification). */
export const dosingPlcIdentity = {
  orderNumber: '6ES7 315-2EH14-0AB0',
  /** Firmware V3.2.6 as SZL 0x0011 index 7 codes it: 'V' and major, then minor and patch. */
  firmware: [0x5603, 0x0206] as const,
  hardwareVersion: 1,
  systemName: 'RIVERSIDE WTP',
  moduleName: 'PLC-03 CHEM DOSING',
  plantId: 'WTP/DOSING/PLC03',
  copyright: 'Original Siemens Equipment',
  serial: 'S C-J7TB40112024',
  moduleType: 'CPU 315-2 PN/DP',
} as const;

/** The UV skid controller's ListIdentity reply (vendor 1, device type 14: a programmable logic controller). */
export const uvPlcIdentity: CipIdentity = {
  ip: plantHosts.uvPlc.ip,
  vendorId: 1,
  deviceType: 14,
  productCode: 54,
  revision: [20, 11],
  status: 0x0060,
  serial: 0x60a4b2c1,
  productName: '1756-L71/B LOGIX5571',
  state: 3,
};

/** Link addresses of the DNP3 master and outstation, and the IEC 104 common address of the booster RTU. */
export const dnp3Addresses = { master: 1, outstation: 7 } as const;
export const boosterCommonAddress = 8;
