// RFC 6587 framing of syslog over TCP: octet counting (`LEN SP MSG`) and non-transparent framing (MSG LF).
// Chunks arrive split anywhere; frames come out whole. Each frame is chosen by its first byte, as
// rsyslog does: a digit starts an octet count, anything else a line. Frames are bounded in size.
import type { ParseIssue } from '../types.js';

export interface FrameBatch {
  readonly frames: string[];
  /** Bad frames: `line` is the frame's 1-based number on this connection. */
  readonly issues: ParseIssue[];
}

export interface FrameDecoder {
  push(chunk: Uint8Array | string): FrameBatch;
  /** The connection closed: an unterminated last line is a frame; a cut octet-counted frame is an issue. */
  end(): FrameBatch;
  /** Bytes held while waiting for the rest of a frame (bounded by maxFrameBytes plus a length prefix). */
  readonly pendingBytes: number;
}

export interface FrameDecoderOptions {
  /** Longest frame kept; longer ones are reported and skipped. RFC 5425 asks for at least 2048; default 64 KiB. */
  readonly maxFrameBytes?: number;
  /** `auto` decides per frame; the others force one framing. */
  readonly framing?: 'auto' | 'octet-counting' | 'non-transparent';
}

export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
const MAX_LENGTH_DIGITS = 10;

export function createSyslogFrameDecoder(options: FrameDecoderOptions = {}): FrameDecoder {
  const maxFrame = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const framing = options.framing ?? 'auto';
  const decoder = new TextDecoder('utf-8');
  const encoder = new TextEncoder();
  let pending: Uint8Array = new Uint8Array(0);
  let frameNo = 0;
  /** Bytes of an oversized octet-counted frame still to skip. */
  let skip = 0;
  /** Inside an oversized line: drop bytes up to the next LF. */
  let discardingLine = false;

  const issue = (issues: ParseIssue[], message: string): void => {
    issues.push({ line: frameNo, path: '', message });
  };

  function drain(final: boolean): FrameBatch {
    const frames: string[] = [];
    const issues: ParseIssue[] = [];
    const buf = pending;
    let at = 0;
    while (at < buf.length) {
      if (skip > 0) {
        const take = Math.min(skip, buf.length - at);
        skip -= take;
        at += take;
        continue;
      }
      if (discardingLine) {
        const lf = buf.indexOf(10, at);
        if (lf < 0) { at = buf.length; break; }
        discardingLine = false;
        at = lf + 1;
        continue;
      }
      const first = buf[at] as number;
      const counted = framing === 'octet-counting' || (framing === 'auto' && first >= 49 && first <= 57);
      if (counted) {
        let i = at;
        while (i < buf.length && i - at <= MAX_LENGTH_DIGITS && isDigit(buf[i] as number)) i += 1;
        if (i === buf.length && i - at <= MAX_LENGTH_DIGITS) {
          if (final) { frameNo += 1; issue(issues, 'connection closed inside an octet count'); at = buf.length; }
          break; // wait for the rest of the length
        }
        if (buf[i] === 32 && i > at && buf[at] !== 48) {
          const length = Number(decoder.decode(buf.subarray(at, i)));
          frameNo += 1;
          const start = i + 1;
          if (length > maxFrame) {
            issue(issues, `frame of ${length} bytes exceeds the ${maxFrame}-byte limit, skipped`);
            skip = length;
            at = start;
            continue;
          }
          if (buf.length - start < length) {
            if (final) { issue(issues, `connection closed after ${buf.length - start} of ${length} bytes`); at = buf.length; break; }
            break;
          }
          frames.push(stripLineEnd(decoder.decode(buf.subarray(start, start + length))));
          at = start + length;
          continue;
        }
        if (framing === 'octet-counting') {
          frameNo += 1;
          issue(issues, 'expected an octet count (digits and a space)');
          // Resynchronise on the next LF, the only other boundary a sender could mean.
          discardingLine = true;
          continue;
        }
        // Digits not followed by a space: a line that starts with a digit (a syslog line without PRI).
      }
      const lf = buf.indexOf(10, at);
      if (lf < 0) {
        if (buf.length - at > maxFrame) {
          frameNo += 1;
          issue(issues, `line longer than ${maxFrame} bytes, skipped`);
          discardingLine = !final;
          at = buf.length;
          break;
        }
        if (final) {
          frameNo += 1;
          const frame = stripLineEnd(decoder.decode(buf.subarray(at)));
          if (frame.length > 0) frames.push(frame);
          at = buf.length;
        }
        break;
      }
      frameNo += 1;
      if (lf - at > maxFrame) issue(issues, `line longer than ${maxFrame} bytes, skipped`);
      else {
        const frame = stripLineEnd(decoder.decode(buf.subarray(at, lf)));
        // Empty lines between frames (keep-alives, CRLF pairs) are no frames.
        if (frame.length > 0) frames.push(frame);
        else frameNo -= 1;
      }
      at = lf + 1;
    }
    pending = at >= buf.length ? new Uint8Array(0) : buf.slice(at);
    return { frames, issues };
  }

  return {
    push(chunk) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (bytes.length === 0) return { frames: [], issues: [] };
      if (pending.length === 0) pending = bytes;
      else {
        const joined = new Uint8Array(pending.length + bytes.length);
        joined.set(pending, 0);
        joined.set(bytes, pending.length);
        pending = joined;
      }
      return drain(false);
    },
    end() {
      const result = drain(true);
      pending = new Uint8Array(0);
      skip = 0;
      discardingLine = false;
      return result;
    },
    get pendingBytes() {
      return pending.length;
    },
  };
}

/** The RFC 6587 decoder as the TCP listener uses it: octet counting or LF per frame. */
export function createOctetCountingDecoder(options: FrameDecoderOptions = {}): FrameDecoder {
  return createSyslogFrameDecoder(options);
}

function stripLineEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 0)) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
