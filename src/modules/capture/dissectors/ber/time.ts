// Time formats shared by MMS and GOOSE (IEC 61850-8-1 UtcTime) and the tshark-style rendering of them.

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width: number, fill = '0'): string {
  let s = String(n);
  while (s.length < width) s = fill + s;
  return s;
}

/**
 * UtcTime (8 octets: seconds since 1970, 24-bit fraction of a second, quality) as tshark prints it:
 * "Jan  2, 2000 02:46:11.258165836 UTC". Empty string when the content is not 8 octets.
 */
export function formatUtcTime(b: Uint8Array, start: number, end: number): string {
  if (end - start !== 8 || end > b.length) return '';
  const seconds = ((b[start] as number) * 0x1000000 + ((b[start + 1] as number) << 16)) + ((b[start + 2] as number) << 8) + (b[start + 3] as number);
  const fraction = ((b[start + 4] as number) << 16) | ((b[start + 5] as number) << 8) | (b[start + 6] as number);
  // fraction / 2^24 s in ns = fraction * 1953125 / 2^15, exact in a double.
  const nanos = Math.floor((fraction * 1953125) / 32768);
  const d = new Date(seconds * 1000);
  return (
    `${months[d.getUTCMonth()] ?? ''} ${pad(d.getUTCDate(), 2, ' ')}, ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(nanos, 9)} UTC`
  );
}

/** UtcTime as ISO 8601 with milliseconds, for operation values. */
export function utcTimeIso(b: Uint8Array, start: number, end: number): string {
  if (end - start !== 8 || end > b.length) return '';
  const seconds = (b[start] as number) * 0x1000000 + ((b[start + 1] as number) << 16) + ((b[start + 2] as number) << 8) + (b[start + 3] as number);
  const fraction = ((b[start + 4] as number) << 16) | ((b[start + 5] as number) << 8) | (b[start + 6] as number);
  return new Date(seconds * 1000 + Math.floor((fraction * 1000) / 0x1000000)).toISOString();
}
