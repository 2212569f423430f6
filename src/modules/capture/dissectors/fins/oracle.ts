// The FINS fields compared with tshark 4.0.17 (its "omron" dissector), and the disagreements we accept.
import type { OracleSpec } from '../types.js';

export const finsOracleSpec: OracleSpec = {
  protocol: 'fins',
  displayFilter: 'omron',
  fields: [
    'omron.tcp.magic',
    'omron.tcp.length',
    'omron.tcp.command',
    'omron.tcp.error_code',
    'omron.tcp.client_node_address',
    'omron.tcp.server_node_address',
    'omron.icf',
    'omron.rsv',
    'omron.gct',
    'omron.dna',
    'omron.da1',
    'omron.da2',
    'omron.sna',
    'omron.sa1',
    'omron.sa2',
    'omron.sid',
    'omron.command',
    'omron.response.code',
    'omron.memory.area.read',
    'omron.memory.address',
    'omron.memory.address.bits',
    'omron.memory.numitems',
    'omron.controller.model',
    'omron.controller.version',
  ],
  exceptions: [],
};
