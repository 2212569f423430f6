import type { OracleSpec } from '../types.js';

export const opcuaOracleSpec: OracleSpec = {
  protocol: 'opcua',
  displayFilter: 'opcua',
  fields: [
    'opcua.transport.type',
    'opcua.transport.chunk',
    'opcua.transport.size',
    'opcua.transport.ver',
    'opcua.transport.rbs',
    'opcua.transport.sbs',
    'opcua.transport.mms',
    'opcua.transport.mcc',
    'opcua.transport.endpoint',
    'opcua.transport.error',
    'opcua.transport.scid',
    'opcua.security.spu',
    'opcua.security.tokenid',
    'opcua.security.seq',
    'opcua.security.rqid',
    'opcua.servicenodeid.numeric',
    'opcua.RequestHandle',
    'opcua.ServiceResult',
    'opcua.MessageSecurityMode',
    'opcua.ApplicationUri',
    'opcua.ProductUri',
    'opcua.EndpointUrl',
    'opcua.SessionName',
  ],
  // the shared capture runs OPC UA on TCP 12001; tshark needs to be told, we recognize it by content
  tsharkArgs: ['-d', 'tcp.port==12001,opcua'],
  exceptions: [],
};
