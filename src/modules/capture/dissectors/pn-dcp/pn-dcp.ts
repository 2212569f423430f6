// PROFINET DCP (IEC 61158-6-10) on Ethernet type 0x8892: identify, get, set and hello, with their
// blocks. Other PROFINET RT frame IDs (cyclic data, alarms, PTCP) are recognized and left alone.
import type { DissectSink, Dissector, IdentityDraft } from '../types.js';

const services: Readonly<Record<number, string>> = { 3: 'Get', 4: 'Set', 5: 'Identify', 6: 'Hello' };
const blockErrors: Readonly<Record<number, string>> = {
  1: 'Option unsupported',
  2: 'Suboption unsupported or no dataset available',
  3: 'Suboption not set',
  4: 'Resource error',
  5: 'SET not possible by local reasons',
  6: 'In operation, SET not possible',
};

/** tshark's name for the suboption field, by option. */
function suboptionField(option: number): string {
  switch (option) {
    case 1:
      return 'pn_dcp.suboption_ip';
    case 2:
      return 'pn_dcp.suboption_device';
    case 3:
      return 'pn_dcp.suboption_dhcp';
    case 5:
      return 'pn_dcp.suboption_control';
    case 6:
      return 'pn_dcp.suboption_deviceinitiative';
    case 255:
      return 'pn_dcp.suboption_all';
    default:
      return option >= 128 ? 'pn_dcp.suboption_manuf' : 'pn_dcp.suboption';
  }
}

const blockNames: Readonly<Record<number, string>> = {
  0x0101: 'MAC address',
  0x0102: 'IP parameter',
  0x0103: 'full IP suite',
  0x0201: 'type of station',
  0x0202: 'name of station',
  0x0203: 'device ID',
  0x0204: 'device role',
  0x0205: 'device options',
  0x0206: 'alias name',
  0x0207: 'device instance',
  0x0208: 'OEM device ID',
  0x0501: 'start transaction',
  0x0502: 'end transaction',
  0x0503: 'signal',
  0x0504: 'response',
  0x0505: 'factory reset',
  0x0506: 'reset to factory',
  0xffff: 'all',
};

function blockName(option: number, sub: number): string {
  return blockNames[(option << 8) | sub] ?? (option === 3 ? `DHCP option ${sub}` : `${option}/${sub}`);
}

function ipv4(b: Uint8Array, p: number): string {
  return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
}

function hex4(v: number): string {
  return `0x${v.toString(16).padStart(4, '0')}`;
}

/** Printable ASCII of a DCP string block (name of station, type of station), at most 240 bytes. */
function text(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < start + 240; i++) {
    const c = b[i] as number;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** What the blocks of one DCP PDU said, for operations and identity. */
interface Blocks {
  name?: string;
  vendor?: string;
  vendorId?: number;
  deviceId?: number;
  role?: number;
  ip?: string;
  /** "ip … mask … gateway …" of an IP parameter block. */
  ipText?: string;
  ipSetting?: string;
  control?: string;
  blockError?: number;
  respondedOption?: number;
  options: string[];
}

function dissectBlocks(
  b: Uint8Array,
  pos: number,
  end: number,
  serviceId: number,
  serviceType: number,
  sink: DissectSink,
  out: Blocks,
): void {
  const want = sink.wantFields;
  const isRequest = serviceType === 0;
  // Identify/Get requests carry bare blocks (filters, option lists); responses carry BlockInfo,
  // Set requests carry a BlockQualifier. Hello is sent like a response.
  const identifyOrGetRequest = isRequest && (serviceId === 5 || serviceId === 3);
  while (pos < end) {
    if (serviceId === 3 && isRequest) {
      // Get request: a list of option/suboption pairs.
      if (pos + 2 > end) {
        sink.malformed(`DCP Get request option at offset ${pos} truncated`);
        return;
      }
      if (want) {
        sink.field('pn_dcp.option', b[pos] as number);
        sink.field(suboptionField(b[pos] as number), b[pos + 1] as number);
      }
      out.options.push(blockName(b[pos] as number, b[pos + 1] as number));
      pos += 2;
      continue;
    }
    if (pos + 4 > end) {
      sink.malformed(`DCP block header at offset ${pos} truncated`);
      return;
    }
    const option = b[pos] as number;
    const sub = b[pos + 1] as number;
    const length = (b[pos + 2] as number) << 8 | (b[pos + 3] as number);
    const start = pos + 4;
    const stop = start + length;
    if (want) {
      sink.field('pn_dcp.option', option);
      sink.field(suboptionField(option), sub);
      sink.field('pn_dcp.block_length', length);
    }
    if (stop > end) {
      sink.malformed(`DCP block ${option}/${sub} at offset ${pos}: length ${length} exceeds the data`);
      return;
    }
    out.options.push(blockName(option, sub));
    let p = start;
    const responseBlock = option === 5 && sub === 4;
    if (!identifyOrGetRequest && !responseBlock && stop - p >= 2) {
      const word = (b[p] as number) << 8 | (b[p + 1] as number);
      if (want) {
        if (isRequest) sink.field('pn_dcp.block_qualifier', word);
        else sink.field(option === 1 ? 'pn_dcp.suboption_ip_block_info' : 'pn_dcp.block_info', word);
      }
      // The qualifier of the IP or name block says whether the device keeps the new value.
      if (isRequest && serviceId === 4 && (option === 1 || option === 2)) out.ipSetting = word & 1 ? 'permanent' : 'temporary';
      p += 2;
    }
    decodeBlockData(b, option, sub, p, stop, sink, out);
    // Blocks are padded to an even length.
    pos = stop + (length & 1);
  }
}

function decodeBlockData(b: Uint8Array, option: number, sub: number, p: number, stop: number, sink: DissectSink, out: Blocks): void {
  const want = sink.wantFields;
  const n = stop - p;
  if (option === 1 && (sub === 2 || sub === 3) && n >= 12) {
    out.ip = ipv4(b, p);
    const mask = ipv4(b, p + 4);
    const gateway = ipv4(b, p + 8);
    out.ipText = `ip ${out.ip} mask ${mask} gateway ${gateway}`;
    if (want) {
      sink.field('pn_dcp.suboption_ip_ip', out.ip);
      sink.field('pn_dcp.suboption_ip_subnetmask', mask);
      sink.field('pn_dcp.suboption_ip_standard_gateway', gateway);
    }
  } else if (option === 2) {
    switch (sub) {
      case 1:
        out.vendor = text(b, p, stop);
        if (want) sink.field('pn_dcp.suboption_device_devicevendorvalue', out.vendor);
        break;
      case 2:
        out.name = text(b, p, stop);
        if (want) sink.field('pn_dcp.suboption_device_nameofstation', out.name);
        break;
      case 3:
        if (n >= 4) {
          out.vendorId = (b[p] as number) << 8 | (b[p + 1] as number);
          out.deviceId = (b[p + 2] as number) << 8 | (b[p + 3] as number);
          if (want) {
            sink.field('pn_dcp.suboption_vendor_id', out.vendorId);
            sink.field('pn_dcp.suboption_device_id', out.deviceId);
          }
        }
        break;
      case 4:
        if (n >= 1) {
          out.role = b[p] as number;
          if (want) sink.field('pn_dcp.suboption_device_role', out.role);
        }
        break;
      case 5:
        // Device options: the option/suboption pairs the device supports.
        for (let q = p; q + 2 <= stop; q += 2) {
          if (want) {
            sink.field('pn_dcp.option', b[q] as number);
            sink.field(suboptionField(b[q] as number), b[q + 1] as number);
          }
        }
        break;
      case 6:
        if (want) sink.field('pn_dcp.suboption_device_aliasname', text(b, p, stop));
        break;
      default:
        break;
    }
  } else if (option === 5) {
    if (sub === 4 && n >= 3) {
      out.respondedOption = b[p] as number;
      out.blockError = b[p + 2] as number;
      if (want) {
        sink.field('pn_dcp.suboption_control_option', out.respondedOption);
        sink.field(suboptionField(out.respondedOption), b[p + 1] as number);
        sink.field('pn_dcp.block_error', out.blockError);
      }
    } else if (sub === 3 && n >= 2) {
      out.control ??= 'signal (flash LED)';
      if (want) sink.field('pn_dcp.suboption_control_signal_value', (b[p] as number) << 8 | (b[p + 1] as number));
    } else if (sub === 5 || sub === 6) {
      out.control = 'reset to factory';
    }
  }
}

function identityFacts(blocks: Blocks, sink: DissectSink): void {
  const facts: IdentityDraft[] = [];
  if (blocks.name) facts.push({ subject: 'source', attribute: 'name', value: blocks.name, confidence: 0.9 });
  if (blocks.vendor) facts.push({ subject: 'source', attribute: 'vendor', value: blocks.vendor, confidence: 0.7 });
  if (blocks.vendorId !== undefined) facts.push({ subject: 'source', attribute: 'vendor-id', value: hex4(blocks.vendorId), confidence: 0.9 });
  if (blocks.deviceId !== undefined) facts.push({ subject: 'source', attribute: 'product-code', value: hex4(blocks.deviceId), confidence: 0.9 });
  if (blocks.ip && blocks.ip !== '0.0.0.0') facts.push({ subject: 'source', attribute: 'address', value: blocks.ip, confidence: 0.9 });
  if (blocks.role !== undefined) {
    // A device that is both controller and device is most usefully a controller.
    const hint = blocks.role & 0x02 ? 'io-controller' : blocks.role & 0x01 ? 'io-device' : blocks.role & 0x08 ? 'pn-supervisor' : '';
    if (hint) facts.push({ subject: 'source', attribute: 'role-hint', value: hint, confidence: 0.8 });
  }
  for (const f of facts) sink.identity(f);
}

function dissectDcp(pdu: Uint8Array, sink: DissectSink): void {
  if (pdu.length < 2) {
    sink.malformed(`PROFINET frame ID truncated at ${pdu.length} bytes`);
    return;
  }
  const frameId = (pdu[0] as number) << 8 | (pdu[1] as number);
  // Only the DCP frame IDs are decoded; cyclic RT data, alarms and PTCP carry nothing we model.
  if (frameId < 0xfefc || frameId > 0xfeff) return;
  const want = sink.wantFields;
  if (want) sink.field('pn_rt.frame_id', frameId);
  if (pdu.length < 12) {
    sink.malformed(`DCP header truncated at ${pdu.length} of 12 bytes`);
    return;
  }
  const serviceId = pdu[2] as number;
  const serviceType = pdu[3] as number;
  const xid = ((pdu[4] as number) * 0x1000000 + ((pdu[5] as number) << 16)) + ((pdu[6] as number) << 8) + (pdu[7] as number);
  const word = (pdu[8] as number) << 8 | (pdu[9] as number);
  const dataLength = (pdu[10] as number) << 8 | (pdu[11] as number);
  const isRequest = serviceType === 0;
  if (want) {
    sink.field('pn_dcp.service_id', serviceId);
    sink.field('pn_dcp.service_type', serviceType);
    sink.field('pn_dcp.xid', xid);
    if (serviceId === 5 && isRequest) sink.field('pn_dcp.response_delay', word);
    sink.field('pn_dcp.data_length', dataLength);
  }
  let end = 12 + dataLength;
  if (end > pdu.length) {
    sink.malformed(`DCPDataLength ${dataLength} at offset 10 exceeds the frame`);
    end = pdu.length;
  }
  const blocks: Blocks = { options: [] };
  dissectBlocks(pdu, 12, end, serviceId, serviceType, sink, blocks);

  const service = services[serviceId] ?? `Service ${serviceId}`;
  const pairKey = `dcp:${xid}`;
  if (serviceId === 6 || (serviceId === 5 && !isRequest) || (serviceId === 3 && !isRequest)) identityFacts(blocks, sink);
  if (isRequest) {
    if (serviceId === 5) {
      const filter = blocks.name ? `name of station ${blocks.name}` : blocks.options.join(', ');
      sink.operation({ operation: 'discovery', name: 'Identify', code: serviceId, target: filter, pairKey });
    } else if (serviceId === 4) {
      const changes: string[] = [];
      if (blocks.name !== undefined) changes.push(`name of station "${blocks.name}"`);
      if (blocks.ipText) changes.push(blocks.ipText);
      if (blocks.control) changes.push(blocks.control);
      const signalOnly = changes.length === 1 && blocks.control === 'signal (flash LED)' && !blocks.ip && blocks.name === undefined;
      const what = blocks.name !== undefined ? 'Set name of station' : blocks.ip ? 'Set IP' : blocks.control === 'reset to factory' ? 'Reset to factory' : signalOnly ? 'Signal' : 'Set';
      const values = changes.join(', ') + (blocks.ipSetting && (blocks.ip || blocks.name !== undefined) ? ` (${blocks.ipSetting})` : '');
      sink.operation({
        operation: signalOnly ? 'other' : 'configuration-change',
        name: what,
        code: serviceId,
        target: blocks.options.join(', '),
        ...(values ? { values } : {}),
        pairKey,
      });
    } else if (serviceId === 3) {
      sink.operation({ operation: 'read', name: 'Get', code: serviceId, target: blocks.options.join(', '), pairKey });
    } else if (serviceId === 6) {
      sink.operation({ operation: 'discovery', name: 'Hello', code: serviceId, ...(blocks.name ? { target: blocks.name } : {}) });
    } else {
      sink.operation({ operation: 'other', name: service, code: serviceId, pairKey });
    }
    return;
  }
  if (serviceId === 6) return;
  if (serviceType === 1) {
    const failed = blocks.blockError !== undefined && blocks.blockError !== 0;
    sink.outcome(pairKey, failed
      ? { result: 'error', detail: `${blockErrors[blocks.blockError as number] ?? 'Block error'} (${blocks.blockError})` }
      : { result: 'ok' });
  } else {
    sink.outcome(pairKey, { result: 'exception', detail: serviceType === 5 ? 'Request not supported' : `Service type ${serviceType}` });
  }
}

export const pnDcpDissector: Dissector<null> = {
  protocol: 'pn-dcp',
  transport: 'ethernet',
  ports: [],
  etherTypes: [0x8892],
  probe: (payload) => payload.length >= 12 && payload[0] === 0xfe && (payload[1] as number) >= 0xfc,
  createState: () => null,
  dissect: (pdu, _ctx, sink) => dissectDcp(pdu, sink),
};
