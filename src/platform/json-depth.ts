// One bound on how deep a JSON document may nest, measured before it is parsed: real documents (STIX,
// CSAF, CVE records) stay far below it, and deeper input only exhausts stacks.

export const MAX_JSON_DEPTH = 200;

/** Offset of the first bracket past `max` levels of nesting (brackets inside strings ignored), or null. */
export function nestingBeyond(text: string, max: number = MAX_JSON_DEPTH): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return null;
}
