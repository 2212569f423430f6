import type { OrgLevel, Role } from '../platform/access.js';
import type { AssetInput } from '../modules/assets/index.js';

// Demo content written by the project: fictional organisations and plants, no real sites.

export interface DemoOrg {
  readonly key: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly parent: string | null;
  /** Industry division and region code (fictional places, real code shapes). */
  readonly industry?: string;
  readonly region?: string;
}

export const demoOrgs: readonly DemoOrg[] = [
  { key: 'national', name: 'National ICS Security Centre (demo)', level: 'national', parent: null },
  { key: 'province', name: 'Eastern Province CERT (demo)', level: 'provincial', parent: 'national', region: '320000' },
  { key: 'water', name: 'Riverside Water Utility (demo)', level: 'enterprise', parent: 'province', industry: 'D46', region: '320500' },
  { key: 'chem', name: 'Northgate Chemicals (demo)', level: 'enterprise', parent: 'province', industry: 'C26', region: '320600' },
];

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly org: string;
  readonly role: Role;
}

/** The admin gets the printed password; the others start without one (an admin sets it). */
export const demoAdmin: DemoUser = { username: 'admin', displayName: 'Platform administrator', org: 'national', role: 'admin' };

export const demoUsers: readonly DemoUser[] = [
  { username: 'analyst.east', displayName: 'Provincial analyst', org: 'province', role: 'analyst' },
  { username: 'ops.riverside', displayName: 'Riverside OT engineer', org: 'water', role: 'analyst' },
  { username: 'viewer.riverside', displayName: 'Riverside plant manager', org: 'water', role: 'viewer' },
  { username: 'ops.northgate', displayName: 'Northgate OT engineer', org: 'chem', role: 'analyst' },
];

type DemoAsset = AssetInput & { readonly org: string };

const water = (a: AssetInput): DemoAsset => ({ org: 'water', ...a });
const chem = (a: AssetInput): DemoAsset => ({ org: 'chem', ...a });

export const demoAssets: readonly DemoAsset[] = [
  water({ name: 'WTP-PLC-01 intake pumps', zone: 'Level 1 - Control', ip: '10.20.1.10', mac: '00:1b:1b:4a:10:01', vendor: 'Siemens', model: 'S7-1500 CPU 1516-3 PN/DP', firmwareVersion: 'V2.9.4', criticality: 'critical', tlp: 'amber', sharedUpward: true }),
  water({ name: 'WTP-PLC-02 filtration', zone: 'Level 1 - Control', ip: '10.20.1.11', mac: '00:1b:1b:4a:10:02', vendor: 'Siemens', model: 'S7-1200 CPU 1214C', firmwareVersion: 'V4.5.2', criticality: 'high', tlp: 'amber', sharedUpward: true }),
  water({ name: 'WTP-RTU-07 reservoir north', zone: 'Level 1 - Remote sites', ip: '10.20.7.7', vendor: 'Schneider Electric', model: 'SCADAPack 470', firmwareVersion: '9.6.1', criticality: 'high', tlp: 'amber', sharedUpward: true }),
  water({ name: 'WTP-RTU-08 booster station', zone: 'Level 1 - Remote sites', ip: '10.20.7.8', vendor: 'Schneider Electric', model: 'SCADAPack 470', firmwareVersion: '9.4.0', criticality: 'medium', tlp: 'amber', sharedUpward: true }),
  water({ name: 'WTP-HMI-01 control room', zone: 'Level 2 - Supervisory', ip: '10.20.2.21', mac: '00:0c:29:71:aa:01', vendor: 'AVEVA', model: 'InTouch HMI 2023', firmwareVersion: '23.1', criticality: 'high', tlp: 'amber', sharedUpward: true }),
  water({ name: 'WTP-EWS-01 engineering', zone: 'Level 2 - Supervisory', ip: '10.20.2.30', vendor: 'Siemens', model: 'TIA Portal V18 workstation', firmwareVersion: 'V18 Upd 3', criticality: 'critical', tlp: 'amber+strict', sharedUpward: true }),
  water({ name: 'WTP-HIST-01 historian', zone: 'Level 3 - Operations', ip: '10.20.3.5', vendor: 'AVEVA', model: 'PI Server', firmwareVersion: '2018 SP3', criticality: 'medium', tlp: 'green', sharedUpward: true }),
  water({ name: 'WTP-FW-01 OT firewall', zone: 'Level 3.5 - DMZ', ip: '10.20.35.1', vendor: 'Fortinet', model: 'FortiGate 100F', firmwareVersion: '7.2.8', criticality: 'high', tlp: 'amber', sharedUpward: false }),
  water({ name: 'WTP-SW-01 control switch', zone: 'Level 1 - Control', ip: '10.20.1.2', vendor: 'Hirschmann', model: 'RSP35', firmwareVersion: '09.1.00', criticality: 'medium', tlp: 'amber', sharedUpward: false }),
  water({ name: 'WTP-GW-01 cellular gateway', zone: 'Level 1 - Remote sites', ip: '10.20.7.1', vendor: 'Moxa', model: 'OnCell G3470A-LTE', firmwareVersion: '1.7', criticality: 'high', tlp: 'red', sharedUpward: false }),
  chem({ name: 'NGC-DCS-01 reactor A controller', zone: 'Level 1 - Control', ip: '172.16.10.11', vendor: 'Emerson', model: 'DeltaV MQ controller', firmwareVersion: '14.3.1', criticality: 'critical', tlp: 'amber', sharedUpward: true }),
  chem({ name: 'NGC-SIS-01 safety controller', zone: 'Level 1 - Safety', ip: '172.16.11.5', vendor: 'Schneider Electric', model: 'Triconex Tricon CX', firmwareVersion: '11.3', criticality: 'critical', tlp: 'amber+strict', sharedUpward: true }),
  chem({ name: 'NGC-PLC-03 tank farm', zone: 'Level 1 - Control', ip: '172.16.10.23', mac: '00:00:bc:5e:23:03', vendor: 'Rockwell Automation', model: 'ControlLogix 5580', firmwareVersion: '33.011', criticality: 'high', tlp: 'amber', sharedUpward: true }),
  chem({ name: 'NGC-PLC-04 packaging line', zone: 'Level 1 - Control', ip: '172.16.10.24', mac: '00:00:bc:5e:23:04', vendor: 'Rockwell Automation', model: 'CompactLogix 5380', firmwareVersion: '32.013', criticality: 'medium', tlp: 'amber', sharedUpward: true }),
  chem({ name: 'NGC-HMI-02 operator station', zone: 'Level 2 - Supervisory', ip: '172.16.20.12', vendor: 'Rockwell Automation', model: 'FactoryTalk View SE', firmwareVersion: '13.0', criticality: 'high', tlp: 'amber', sharedUpward: true }),
  chem({ name: 'NGC-IED-01 substation relay', zone: 'Level 1 - Electrical', ip: '172.16.30.4', vendor: 'SEL', model: 'SEL-751 feeder protection relay', firmwareVersion: 'R320', criticality: 'high', tlp: 'green', sharedUpward: true }),
  chem({ name: 'NGC-OPC-01 OPC UA server', zone: 'Level 3 - Operations', ip: '172.16.30.40', vendor: 'Kepware', model: 'KEPServerEX', firmwareVersion: '6.14', criticality: 'medium', tlp: 'amber', sharedUpward: false }),
  chem({ name: 'NGC-JUMP-01 remote access host', zone: 'Level 3.5 - DMZ', ip: '172.16.35.10', vendor: 'Microsoft', model: 'Windows Server 2019', firmwareVersion: '1809', criticality: 'high', tlp: 'red', sharedUpward: false }),
];

/** The simulated plant capture analyzed for the water utility (see src/modules/capture/simulator). */
export const demoCapture = {
  org: 'water',
  name: 'Riverside WTP control network (simulated capture)',
  minutes: 3,
  seed: 1,
} as const;
