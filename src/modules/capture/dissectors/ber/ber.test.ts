import { describe, expect, it } from 'vitest';
import { newTlv, readBoolean, readInteger, readLatin1, readOid, readTlv, readUnsigned, toHex } from './ber.js';
import { formatUtcTime, utcTimeIso } from './time.js';

describe('BER reader', () => {
  it('reads short, long and high-tag-number headers', () => {
    const t = newTlv();
    expect(readTlv(Uint8Array.of(0x02, 0x01, 0x05), 0, 3, t)).toBe(true);
    expect(t).toMatchObject({ cls: 0, constructed: false, tag: 2, start: 2, end: 3, next: 3 });

    const long = new Uint8Array(3 + 200);
    long.set([0x30, 0x81, 200]);
    expect(readTlv(long, 0, long.length, t)).toBe(true);
    expect(t).toMatchObject({ constructed: true, tag: 16, start: 3, end: 203 });

    // [37] primitive, context class: 0x9f 0x25
    expect(readTlv(Uint8Array.of(0x9f, 0x25, 0x01, 0x07), 0, 4, t)).toBe(true);
    expect(t).toMatchObject({ cls: 2, tag: 37, start: 3, end: 4 });
  });

  it('resolves indefinite lengths through nested elements', () => {
    const t = newTlv();
    // SEQUENCE (indefinite) { INTEGER 1, SEQUENCE (indefinite) { NULL } }
    const b = Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01, 0x30, 0x80, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff);
    expect(readTlv(b, 0, b.length, t)).toBe(true);
    expect(t).toMatchObject({ start: 2, end: 11, next: 13 });
    expect(readTlv(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01), 0, 5, t)).toBe(false);
    // Indefinite length on a primitive is invalid.
    expect(readTlv(Uint8Array.of(0x02, 0x80, 0x00, 0x00), 0, 4, t)).toBe(false);
  });

  it('refuses truncated or oversized elements', () => {
    const t = newTlv();
    expect(readTlv(Uint8Array.of(0x02), 0, 1, t)).toBe(false);
    expect(readTlv(Uint8Array.of(0x02, 0x05, 0x01), 0, 3, t)).toBe(false);
    expect(readTlv(Uint8Array.of(0x04, 0x85, 1, 2, 3, 4, 5), 0, 7, t)).toBe(false);
    expect(readTlv(Uint8Array.of(0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00), 0, 7, t)).toBe(false);
    // The limit bounds the element even when the buffer is longer.
    expect(readTlv(Uint8Array.of(0x02, 0x02, 0x01, 0x02), 0, 3, t)).toBe(false);
  });

  it('decodes primitive values', () => {
    const b = Uint8Array.of(0xff, 0x7f, 0x00, 0x80, 0x01);
    expect(readInteger(b, 0, 1)).toBe(-1);
    expect(readInteger(b, 1, 2)).toBe(127);
    expect(readInteger(b, 2, 4)).toBe(128);
    expect(readInteger(b, 0, 0)).toBeNaN();
    expect(readUnsigned(Uint8Array.of(0x00, 0xff, 0xff, 0xff, 0xff), 0, 5)).toBe(0xffffffff);
    expect(readBoolean(b, 0, 1)).toBe(true);
    expect(readLatin1(Uint8Array.from([0x41, 0x42, 0x43]), 0, 3, 2)).toBe('AB');
    expect(readOid(Uint8Array.of(0x28, 0xca, 0x22, 0x02, 0x03), 0, 5)).toBe('1.0.9506.2.3');
    expect(readOid(Uint8Array.of(0x28, 0xca), 0, 2)).toBe('');
    expect(toHex(Uint8Array.of(0, 0xab), 0, 2)).toBe('00ab');
  });

  it('formats IEC 61850 UtcTime like tshark', () => {
    const t = Uint8Array.of(0x38, 0x6e, 0xbb, 0xf3, 0x42, 0x17, 0x28, 0x0a);
    expect(formatUtcTime(t, 0, 8)).toBe('Jan  2, 2000 02:46:11.258165836 UTC');
    expect(utcTimeIso(t, 0, 8)).toBe('2000-01-02T02:46:11.258Z');
    expect(formatUtcTime(t, 0, 7)).toBe('');
  });
});
