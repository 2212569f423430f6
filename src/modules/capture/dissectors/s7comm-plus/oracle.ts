// tshark 4.0.17 has no S7comm-plus dissector: it decodes TPKT and COTP and shows the COTP user data of
// these PDUs (first byte 0x72) only as undissected "data". The one field both sides can show is that
// data's length, which checks that we find the same S7comm-plus units in the same frames.
import type { OracleSpec } from '../types.js';

export const s7commPlusOracleSpec: OracleSpec = {
  protocol: 's7comm-plus',
  displayFilter: 'cotp && data.data[0] == 0x72',
  fields: ['data.len'],
  exceptions: [],
};
