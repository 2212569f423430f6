// What the capture reader hands to its consumer, and how it reports a file it cannot read on.
import type { CaptureReadErrorCode } from '../types.js';

/** Largest captured length accepted per record (Wireshark's limit for most link types). */
export const MAX_CAPTURED_LENGTH = 256 * 1024;

/**
 * Link type given to records that Wireshark numbers as frames but that carry no packet (pcapng
 * custom blocks, systemd journal export and sysdig event blocks): they keep frame numbers aligned.
 */
export const NON_PACKET_RECORD = -1;

/** Receives every packet record in file order. */
export interface PacketRecordHandler {
  /**
   * One packet record. `data[offset, offset + capturedLength)` is only valid during the call:
   * the buffer is a chunk of the input or the reader's own carry buffer, both reused.
   * @param frame 1-based record number, as Wireshark numbers frames
   * @param time microseconds since the Unix epoch
   * @param linkType LINKTYPE_* value of the record's interface, or NON_PACKET_RECORD
   */
  packet(
    frame: number,
    data: Uint8Array,
    offset: number,
    capturedLength: number,
    originalLength: number,
    time: number,
    linkType: number,
  ): void;
}

export interface CaptureReadError {
  readonly code: CaptureReadErrorCode;
  readonly message: string;
  /** Number the failing record would have had (frames read so far + 1). */
  readonly frame: number;
}

export interface CaptureReaderOptions {
  /** Checked against a pcap file's single link type: reading stops with 'unsupported-link-type' when false. */
  readonly isSupportedLinkType?: (linkType: number) => boolean;
}
