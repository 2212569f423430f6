// The Modbus fields compared with tshark 4.0.17, and the disagreements we accept.
import type { OracleSpec } from '../types.js';

export const modbusOracleSpec: OracleSpec = {
  protocol: 'modbus',
  displayFilter: 'mbtcp',
  fields: [
    'mbtcp.trans_id',
    'mbtcp.prot_id',
    'mbtcp.len',
    'mbtcp.unit_id',
    'modbus.func_code',
    'modbus.exception_code',
    'modbus.reference_num',
    'modbus.bit_cnt',
    'modbus.word_cnt',
    'modbus.byte_cnt',
    'modbus.regnum16',
    'modbus.regval_uint16',
    'modbus.diagnostic_code',
    'modbus.and_mask',
    'modbus.or_mask',
    'modbus.read_reference_num',
    'modbus.read_word_cnt',
    'modbus.write_reference_num',
    'modbus.write_word_cnt',
    'modbus.reference_type',
    'modbus.reference_num_32',
    'modbus.mei',
    'modbus.read_device_id',
    'modbus.conformity_level',
    'modbus.more_follows',
    'modbus.next_object_id',
    'modbus.num_objects',
    'modbus.object_id',
    'modbus.objects_len',
    'modbus.object_str_value',
  ],
  exceptions: [
    {
      capture: 'mb2.pcap',
      frame: 1131,
      reason:
        'TCP retransmission of 12 already-seen bytes that also carries 48 new bytes (4 requests): tshark does not dissect retransmitted segments, our reassembly keeps the new bytes',
    },
    {
      capture: 'mb2.pcap',
      frame: 13176,
      reason:
        'TCP retransmission of 239 already-seen bytes that also carries 30 new bytes (2 responses): tshark does not dissect retransmitted segments, our reassembly keeps the new bytes',
    },
    {
      capture: 'mb2.pcap',
      frame: 3008,
      field: 'modbus.regnum16',
      reason: 'the request of this response is in frame 1131, which tshark does not dissect (see above): tshark numbers the registers from 0, we from the request address',
    },
  ],
};
