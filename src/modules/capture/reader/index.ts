export { CaptureReader, isGzipMagic, type CaptureFormat } from './capture-reader.js';
export { writePcap, writePcapng, type PacketToWrite, type PcapngItem, type PcapngSection } from './capture-writer.js';
export { readCapture, READ_CHUNK_SIZE, type CaptureInput } from './read-capture.js';
export {
  MAX_CAPTURED_LENGTH,
  NON_PACKET_RECORD,
  type CaptureReadError,
  type CaptureReaderOptions,
  type PacketRecordHandler,
} from './types.js';
