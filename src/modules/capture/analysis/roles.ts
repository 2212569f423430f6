// Role inference from behaviour: what a host serves, what it sends as a client, and the role hints
// its protocols gave. The table is data so that it reads like the rules an analyst would apply.
import type { OperationClass, ProtocolId } from '../dissectors/types.js';
import { deviceRoles, type DeviceRole, type IdentityFact, type RoleFact } from './types.js';

export interface HostBehaviour {
  readonly serves: ReadonlyMap<ProtocolId, { readonly frames: readonly number[]; readonly peers: number; readonly port: number | null }>;
  readonly sent: ReadonlyMap<string, { readonly count: number; readonly frames: readonly number[]; readonly protocol: ProtocolId }>;
  readonly uses: ReadonlySet<ProtocolId>;
  readonly hints: readonly IdentityFact[];
}

const servedRoles: ReadonlyArray<[ProtocolId, DeviceRole, number]> = [
  ['modbus', 'plc', 0.6],
  ['s7comm', 'plc', 0.7],
  ['s7comm-plus', 'plc', 0.7],
  ['enip', 'plc', 0.5],
  ['fins', 'plc', 0.6],
  ['dnp3', 'rtu', 0.6],
  ['iec104', 'rtu', 0.6],
  ['mms', 'ied', 0.6],
  ['goose', 'ied', 0.8],
  ['bacnet', 'building-controller', 0.5],
  ['opcua', 'scada-server', 0.5],
  ['mqtt', 'broker', 0.7],
];

/** Commands only engineering software sends: changing logic, firmware or the operating mode. */
const engineeringOps: ReadonlyArray<[OperationClass, number]> = [
  ['program-download', 0.85],
  ['program-upload', 0.75],
  ['firmware-update', 0.85],
  ['mode-change', 0.75],
  ['stop', 0.75],
  ['start', 0.7],
  ['configuration-change', 0.5],
];

const controlProtocols = new Set<ProtocolId>(['modbus', 's7comm', 's7comm-plus', 'enip', 'fins', 'dnp3', 'iec104', 'mms', 'bacnet', 'opcua']);
const roleNames = new Set<string>(deviceRoles);

export function inferRoles(b: HostBehaviour): RoleFact[] {
  const roles = new Map<DeviceRole, { confidence: number; reasons: string[]; frames: number[] }>();
  const add = (role: DeviceRole, confidence: number, reason: string, frames: readonly number[]) => {
    const r = roles.get(role);
    if (!r) {
      roles.set(role, { confidence, reasons: [reason], frames: frames.slice(0, 5) });
      return;
    }
    // independent evidence raises confidence without reaching certainty
    r.confidence = 1 - (1 - r.confidence) * (1 - confidence * 0.5);
    r.reasons.push(reason);
    for (const f of frames) if (r.frames.length < 5) r.frames.push(f);
  };

  for (const [protocol, role, confidence] of servedRoles) {
    const s = b.serves.get(protocol);
    if (!s) continue;
    const where = s.port === null ? '' : ` on port ${s.port}`;
    add(role, confidence, `serves ${protocol}${where} to ${s.peers} peer${s.peers === 1 ? '' : 's'}`, s.frames);
  }
  let engineering = false;
  for (const [op, confidence] of engineeringOps) {
    const s = b.sent.get(op);
    if (!s) continue;
    engineering = true;
    add('engineering-workstation', confidence, `sent ${op} (${s.protocol}) ${s.count}×`, s.frames);
  }
  const reads = b.sent.get('read');
  const writes = b.sent.get('write');
  const usesControl = [...b.uses].some((p) => controlProtocols.has(p));
  if (usesControl && !engineering && (reads || writes)) {
    const first = reads ?? writes;
    add('hmi', 0.5, `polls devices (${[...b.uses].join(', ')})`, first?.frames ?? []);
  }
  if (b.uses.has('opcua') && !writes && (reads || b.sent.get('subscribe'))) {
    add('historian', 0.4, 'reads or subscribes over OPC UA without writing', (reads ?? b.sent.get('subscribe'))?.frames ?? []);
  }
  for (const hint of b.hints) {
    if (roleNames.has(hint.value)) add(hint.value as DeviceRole, hint.confidence, `${hint.evidence.protocol} says ${hint.value}`, hint.evidence.frames);
  }
  return [...roles.entries()]
    .map(([role, r]) => ({ role, confidence: Math.round(r.confidence * 100) / 100, reason: r.reasons.join('; '), frames: r.frames }))
    .sort((x, y) => y.confidence - x.confidence);
}
