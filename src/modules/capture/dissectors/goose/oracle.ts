import type { OracleSpec } from '../types.js';

export const gooseOracleSpec: OracleSpec = {
  protocol: 'goose',
  displayFilter: 'goose',
  fields: [
    'goose.appid',
    'goose.length',
    'goose.reserve1',
    'goose.reserve2',
    'goose.gocbRef',
    'goose.timeAllowedtoLive',
    'goose.datSet',
    'goose.goID',
    'goose.t',
    'goose.stNum',
    'goose.sqNum',
    'goose.simulation',
    'goose.confRev',
    'goose.ndsCom',
    'goose.numDatSetEntries',
    'goose.allData',
  ],
  exceptions: [],
};
