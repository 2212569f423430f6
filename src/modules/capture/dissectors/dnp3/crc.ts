// DNP3 link-layer CRC (IEEE 1815 clause 9.2.5): polynomial 0x3D65, bit-reflected, complemented,
// sent low byte first after the header and after every 16-byte data block.

const table = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa6bc : crc >>> 1;
    t[i] = crc;
  }
  return t;
})();

/** CRC of b[start, end). */
export function dnp3Crc(b: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ table[(crc ^ b[i]!) & 0xff]!;
  return ~crc & 0xffff;
}

/** True when the two bytes at `end` hold the CRC of b[start, end). */
export function dnp3CrcOk(b: Uint8Array, start: number, end: number): boolean {
  const crc = dnp3Crc(b, start, end);
  return b[end] === (crc & 0xff) && b[end + 1] === crc >>> 8;
}
