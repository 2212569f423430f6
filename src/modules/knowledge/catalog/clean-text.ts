// Text clean-up shared by vendor and product normalization.

/**
 * Undoes UTF-8 that was decoded as Latin-1 or Windows-1252 ("GeutebrÃ¼ck" → "Geutebrück"), as
 * some CSAF files carry it. Text that is not such mojibake comes back unchanged.
 */
export function fixMojibake(text: string): string {
  if (!/[\u00C2-\u00F4][\u0080-\u00BF\u0152-\u2122]/.test(text)) return text;
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const byte = code <= 0xff ? code : cp1252.get(code);
    if (byte === undefined) return text;
    bytes.push(byte);
  }
  const decoded = Buffer.from(bytes).toString('utf8');
  return decoded.includes('\uFFFD') ? text : decoded;
}

// Windows-1252 characters in 0x80–0x9F (mojibake of "™" reads "â„¢").
const cp1252 = new Map<number, number>(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'].map((ch, i) => [ch.codePointAt(0) ?? 0, 0x80 + i]),
);

/** NFKC, no-break and odd spaces to one space, trimmed. */
export function tidy(text: string): string {
  return fixMojibake(text)
    .normalize('NFKC')
    .replace(/[\s\u00A0\u2000-\u200B\u3000]+/g, ' ')
    .trim();
}

/** Lower case without diacritics ("Dräger" → "drager"). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Lower-case alphanumeric words ("PEPPERL+FUCHS GmbH" → ["pepperl", "fuchs", "gmbh"]). */
export function words(text: string): string[] {
  return fold(tidy(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
