export { parseNvd2 } from './parse-nvd2.js';
export { parseCpe23, type Cpe23 } from './cpe.js';
export {
  createNvdClient,
  NvdApiError,
  splitWindows,
  type NvdChangeQuery,
  type NvdClient,
  type NvdClientOptions,
  type NvdFetch,
  type NvdResponse,
} from './nvd-client.js';
