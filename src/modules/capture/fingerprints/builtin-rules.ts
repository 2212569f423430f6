// Built-in fingerprint rules, written by the Bulwark project from public protocol facts
// (vendor identifiers are assigned by ODVA, PI and the IEEE; order-number families are printed on the devices).
import type { FingerprintRule } from './rules.js';

const macVendors: ReadonlyArray<[string, string, string]> = [
  ['siemens', 'Siemens', 'siemens'],
  ['rockwell', 'Rockwell Automation', 'rockwell automation'],
  ['schneider', 'Schneider Electric', 'schneider'],
  ['omron', 'OMRON', 'omron'],
  ['phoenix-contact', 'Phoenix Contact', 'phoenix contact'],
  ['wago', 'WAGO', 'wago'],
  ['beckhoff', 'Beckhoff Automation', 'beckhoff'],
  ['abb', 'ABB', '^abb\\b'],
  ['honeywell', 'Honeywell', 'honeywell'],
  ['yokogawa', 'Yokogawa', 'yokogawa'],
  ['mitsubishi', 'Mitsubishi Electric', 'mitsubishi electric'],
  ['moxa', 'Moxa', 'moxa'],
  ['hirschmann', 'Hirschmann', 'hirschmann'],
  ['ge', 'GE', 'ge (fanuc|intelligent|digital)'],
  ['emerson', 'Emerson', 'emerson'],
];

export const builtinRules: readonly FingerprintRule[] = [
  ...macVendors.map(([id, vendor, pattern]) => ({
    id: `mac.${id}`,
    name: `${vendor} network interface (IEEE registry)`,
    when: { attribute: 'mac-vendor' as const, pattern },
    then: { vendor },
    confidence: 0.4,
  })),
  {
    id: 's7.server',
    name: 'S7comm server is a Siemens SIMATIC controller',
    when: { serves: 's7comm' },
    then: { vendor: 'Siemens', deviceType: 'plc' },
    confidence: 0.7,
  },
  {
    id: 's7plus.server',
    name: 'S7comm-plus server is a Siemens S7-1200/1500 class controller',
    when: { serves: 's7comm-plus' },
    then: { vendor: 'Siemens', deviceType: 'plc' },
    confidence: 0.7,
  },
  ...(
    [
      ['s7-1200', 'S7-1200', '^6ES7 ?21'],
      ['s7-300', 'S7-300', '^6ES7 ?31'],
      ['s7-400', 'S7-400', '^6ES7 ?41'],
      ['s7-1500', 'S7-1500', '^6ES7 ?51'],
    ] as const
  ).map(([id, model, pattern]) => ({
    id: `s7.order.${id}`,
    name: `Siemens ${model} CPU by order number`,
    when: { attribute: 'order-number' as const, pattern },
    then: { vendor: 'Siemens', model, deviceType: 'plc' as const },
    confidence: 0.95,
  })),
  {
    id: 'enip.vendor.rockwell',
    name: 'ODVA vendor 1 is Rockwell Automation/Allen-Bradley',
    when: { serves: 'enip', attribute: 'vendor-id', pattern: '^(1|0x0*1)$|^rockwell' },
    then: { vendor: 'Rockwell Automation' },
    confidence: 0.9,
  },
  {
    id: 'enip.device-type.plc',
    name: 'CIP device type 14 is a programmable logic controller',
    when: { serves: 'enip', attribute: 'device-type', pattern: '^(14|0x0*e|programmable logic controller)$' },
    then: { deviceType: 'plc' },
    confidence: 0.9,
  },
  {
    id: 'enip.device-type.adapter',
    name: 'CIP device type 12 is a communications adapter',
    when: { serves: 'enip', attribute: 'device-type', pattern: '^(12|0x0*c|communications adapter)$' },
    then: { deviceType: 'gateway' },
    confidence: 0.8,
  },
  {
    id: 'pn.vendor.siemens',
    name: 'PROFINET vendor 0x002A is Siemens',
    when: { serves: 'pn-dcp', attribute: 'vendor-id', pattern: '^(42|0x0*2a)$' },
    then: { vendor: 'Siemens' },
    confidence: 0.85,
  },
  {
    id: 'fins.server',
    name: 'FINS server is an OMRON controller',
    when: { serves: 'fins' },
    then: { vendor: 'OMRON', deviceType: 'plc' },
    confidence: 0.6,
  },
  {
    id: 'modbus.vendor.schneider',
    name: 'Modbus device identification naming Schneider Electric',
    when: { attribute: 'vendor', pattern: 'schneider' },
    then: { vendor: 'Schneider Electric' },
    confidence: 0.9,
  },
  {
    id: 'bacnet.server',
    name: 'BACnet device is a building automation controller',
    when: { serves: 'bacnet' },
    then: { deviceType: 'building-controller' },
    confidence: 0.5,
  },
  {
    id: 'mqtt.broker',
    name: 'MQTT server is a broker',
    when: { serves: 'mqtt' },
    then: { deviceType: 'broker' },
    confidence: 0.8,
  },
];
