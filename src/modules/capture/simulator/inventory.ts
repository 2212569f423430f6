// What the Riverside plant's asset inventory says about the simulated hosts: role, zone and criticality,
// as an operator would have entered them. Detection replays the simulator against it, so that routine
// traffic comes from known hosts in their roles and the attack scenarios' hosts are the unknown ones.
import { buildingController, plantHosts as h } from './plant.js';

export interface PlantAsset {
  readonly name: string;
  readonly ip: string;
  readonly mac: string;
  readonly role: string;
  readonly zone: string;
  readonly criticality: 'low' | 'medium' | 'high' | 'critical';
}

const asset = (host: { readonly name: string; readonly ip: string; readonly mac: string }, role: string, zone: string, criticality: PlantAsset['criticality']): PlantAsset => ({
  name: host.name,
  ip: host.ip,
  mac: host.mac,
  role,
  zone,
  criticality,
});

export const plantInventory: readonly PlantAsset[] = [
  asset(h.hmi, 'hmi', 'control-room', 'high'),
  asset(h.scada, 'scada-server', 'control-room', 'high'),
  asset(h.ews, 'engineering-workstation', 'control-room', 'high'),
  asset(h.filterPlc, 'plc', 'filtration', 'critical'),
  asset(h.clearwellPlc, 'plc', 'filtration', 'critical'),
  asset(h.dosingPlc, 'plc', 'chemical-dosing', 'critical'),
  asset(h.uvPlc, 'plc', 'disinfection', 'critical'),
  asset(h.reservoirRtu, 'rtu', 'remote-stations', 'high'),
  asset(h.boosterRtu, 'rtu', 'remote-stations', 'high'),
  asset(buildingController, 'building-controller', 'admin-building', 'medium'),
];
