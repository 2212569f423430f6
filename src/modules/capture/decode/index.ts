export { formatIpv4, formatIpv6, formatMac } from './addresses.js';
export { ConversationTable, type ConvEntry } from './conversation-table.js';
export { defaultDecodeLimits, type DecodeLimits } from './limits.js';
export { PacketDecoder, supportedLinkTypes, type PacketDecoderOptions } from './packet-decoder.js';
export { RecordingSink } from './recording-sink.js';
