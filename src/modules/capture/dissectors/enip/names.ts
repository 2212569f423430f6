// EtherNet/IP and CIP vocabulary (ODVA CIP Volume 1 and 2): encapsulation commands and statuses, CIP
// services, object classes, general status codes, device types and a few well-known vendor IDs.

export const encapsulationCommands = new Map<number, string>([
  [0x0000, 'NOP'],
  [0x0004, 'List Services'],
  [0x0063, 'List Identity'],
  [0x0064, 'List Interfaces'],
  [0x0065, 'Register Session'],
  [0x0066, 'Unregister Session'],
  [0x006f, 'Send RR Data'],
  [0x0070, 'Send Unit Data'],
  [0x0072, 'Indicate Status'],
  [0x0073, 'Cancel'],
]);

const encapsulationStatuses = new Map<number, string>([
  [0x0001, 'Unsupported command'],
  [0x0002, 'Insufficient memory'],
  [0x0003, 'Incorrect data'],
  [0x0064, 'Invalid session handle'],
  [0x0065, 'Invalid length'],
  [0x0069, 'Unsupported protocol revision'],
  [0x006a, 'Encapsulated CIP service not allowed on this port'],
]);

export function encapsulationStatusText(status: number): string {
  return `${encapsulationStatuses.get(status) ?? 'Unknown status'} (0x${status.toString(16).padStart(4, '0')})`;
}

/** Common services (0x01-0x1c), the same for every object class. */
const commonServices = new Map<number, string>([
  [0x01, 'Get_Attributes_All'],
  [0x02, 'Set_Attributes_All'],
  [0x03, 'Get_Attribute_List'],
  [0x04, 'Set_Attribute_List'],
  [0x05, 'Reset'],
  [0x06, 'Start'],
  [0x07, 'Stop'],
  [0x08, 'Create'],
  [0x09, 'Delete'],
  [0x0a, 'Multiple_Service_Packet'],
  [0x0d, 'Apply_Attributes'],
  [0x0e, 'Get_Attribute_Single'],
  [0x10, 'Set_Attribute_Single'],
  [0x11, 'Find_Next_Object_Instance'],
  [0x15, 'Restore'],
  [0x16, 'Save'],
  [0x17, 'No_Operation'],
  [0x18, 'Get_Member'],
  [0x19, 'Set_Member'],
  [0x1a, 'Insert_Member'],
  [0x1b, 'Remove_Member'],
  [0x1c, 'GroupSync'],
]);

/** Connection Manager (class 0x06) object-specific services. */
const connectionManagerServices = new Map<number, string>([
  [0x4e, 'Forward_Close'],
  [0x52, 'Unconnected_Send'],
  [0x54, 'Forward_Open'],
  [0x56, 'Get_Connection_Data'],
  [0x57, 'Search_Connection_Data'],
  [0x5a, 'Get_Connection_Owner'],
  [0x5b, 'Large_Forward_Open'],
]);

/** Tag services of Logix-style controllers, addressed to symbolic paths or the symbol class. */
const tagServices = new Map<number, string>([
  [0x4b, 'Execute_PCCC'],
  [0x4c, 'Read_Tag'],
  [0x4d, 'Write_Tag'],
  [0x4e, 'Read_Modify_Write_Tag'],
  [0x52, 'Read_Tag_Fragmented'],
  [0x53, 'Write_Tag_Fragmented'],
  [0x55, 'Get_Instance_Attribute_List'],
]);

export const connectionManagerClass = 0x06;

export function serviceName(service: number, cls: number | undefined): string {
  const common = commonServices.get(service);
  if (common !== undefined) return common;
  if (cls === connectionManagerClass) return connectionManagerServices.get(service) ?? `Service 0x${hex2(service)}`;
  return tagServices.get(service) ?? `Service 0x${hex2(service)}`;
}

const classNames = new Map<number, string>([
  [0x01, 'Identity'],
  [0x02, 'Message Router'],
  [0x03, 'DeviceNet'],
  [0x04, 'Assembly'],
  [0x05, 'Connection'],
  [0x06, 'Connection Manager'],
  [0x07, 'Register'],
  [0x08, 'Discrete Input Point'],
  [0x09, 'Discrete Output Point'],
  [0x0a, 'Analog Input Point'],
  [0x0b, 'Analog Output Point'],
  [0x0e, 'Presence Sensing'],
  [0x0f, 'Parameter'],
  [0x10, 'Parameter Group'],
  [0x12, 'Group'],
  [0x1d, 'Discrete Input Group'],
  [0x1e, 'Discrete Output Group'],
  [0x28, 'Motor Data'],
  [0x29, 'Control Supervisor'],
  [0x2a, 'AC/DC Drive'],
  [0x37, 'File'],
  [0x43, 'Time Sync'],
  [0x47, 'Device Level Ring'],
  [0x48, 'QoS'],
  [0x4d, 'Modbus'],
  [0x67, 'PCCC'],
  [0x6b, 'Symbol'],
  [0x6c, 'Template'],
  [0x8e, 'Controller'],
  [0xac, 'Program'],
  [0xf4, 'Port'],
  [0xf5, 'TCP/IP Interface'],
  [0xf6, 'Ethernet Link'],
]);

export function className(cls: number): string {
  return classNames.get(cls) ?? `Class 0x${cls.toString(16).padStart(2, '0')}`;
}

const generalStatuses = [
  'Success',
  'Connection failure',
  'Resource unavailable',
  'Invalid parameter value',
  'Path segment error',
  'Path destination unknown',
  'Partial transfer',
  'Connection lost',
  'Service not supported',
  'Invalid attribute value',
  'Attribute list error',
  'Already in requested mode/state',
  'Object state conflict',
  'Object already exists',
  'Attribute not settable',
  'Privilege violation',
  'Device state conflict',
  'Reply data too large',
  'Fragmentation of a primitive value',
  'Not enough data',
  'Attribute not supported',
  'Too much data',
  'Object does not exist',
  'Service fragmentation sequence not in progress',
  'No stored attribute data',
  'Store operation failure',
  'Routing failure, request packet too large',
  'Routing failure, response packet too large',
  'Missing attribute list entry data',
  'Invalid attribute value list',
  'Embedded service error',
  'Vendor specific error',
  'Invalid parameter',
  'Write-once value or medium already written',
  'Invalid reply received',
  'Buffer overflow',
  'Invalid message format',
  'Key failure in path',
  'Path size invalid',
  'Unexpected attribute in list',
  'Invalid member ID',
  'Member not settable',
  'Group 2 only server general failure',
  'Unknown Modbus error',
  'Attribute not gettable',
];

export function generalStatusText(status: number): string {
  return `${generalStatuses[status] ?? 'Unknown status'} (0x${hex2(status)})`;
}

const deviceTypes = new Map<number, string>([
  [0x00, 'Generic Device'],
  [0x02, 'AC Drive'],
  [0x03, 'Motor Overload'],
  [0x04, 'Limit Switch'],
  [0x05, 'Inductive Proximity Switch'],
  [0x06, 'Photoelectric Sensor'],
  [0x07, 'General Purpose Discrete I/O'],
  [0x09, 'Resolver'],
  [0x0c, 'Communications Adapter'],
  [0x0e, 'Programmable Logic Controller'],
  [0x10, 'Position Controller'],
  [0x13, 'DC Drive'],
  [0x15, 'Contactor'],
  [0x16, 'Motor Starter'],
  [0x17, 'Soft Start'],
  [0x18, 'Human-Machine Interface'],
  [0x1a, 'Mass Flow Controller'],
  [0x1b, 'Pneumatic Valve'],
  [0x1c, 'Vacuum Pressure Gauge'],
  [0x1d, 'Process Control Value'],
  [0x22, 'Encoder'],
  [0x23, 'Safety Discrete I/O Device'],
  [0x25, 'CIP Motion Drive'],
  [0x2b, 'Generic Device (keyable)'],
  [0x2c, 'Managed Ethernet Switch'],
]);

export function deviceTypeText(type: number): string {
  return `${deviceTypes.get(type) ?? 'Device type'} (${type})`;
}

/** Role a device type implies for the asset inventory. */
export function roleOfDeviceType(type: number): string | undefined {
  if (type === 0x0e) return 'plc';
  if (type === 0x18) return 'hmi';
  if (type === 0x02 || type === 0x13 || type === 0x25) return 'drive';
  return undefined;
}

const vendors = new Map<number, string>([
  [1, 'Rockwell Automation/Allen-Bradley'],
  [5, 'Rockwell Automation/Reliance Electric'],
  [26, 'Festo'],
  [40, 'WAGO'],
  [44, 'Yaskawa Electric'],
  [47, 'Omron'],
  [48, 'Turck'],
  [90, 'HMS Industrial Networks'],
  [108, 'Beckhoff Automation'],
  [161, 'Mitsubishi Electric'],
  [243, 'Schneider Automation'],
  [283, 'Hilscher'],
  [678, 'Cognex'],
  [808, 'SICK'],
]);

export function vendorName(id: number): string | undefined {
  return vendors.get(id);
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
