// CPE 2.3 formatted strings (NISTIR 7695): "cpe:2.3:" then 11 colon-separated attributes; "\" escapes.

export interface Cpe23 {
  readonly part: 'a' | 'o' | 'h';
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly update: string;
}

/** Splits on colons that are not escaped, keeping the escapes (they are removed per attribute). */
function splitAttributes(cpe: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < cpe.length; i++) {
    const c = cpe.charAt(i);
    if (c === '\\' && i + 1 < cpe.length) {
      current += c + cpe.charAt(i + 1);
      i++;
    } else if (c === ':') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Removes CPE escapes: "at\&t" → "at&t". */
export function unescapeCpe(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** The attributes Bulwark needs, or undefined when the string is not a CPE 2.3 formatted string. */
export function parseCpe23(cpe: string): Cpe23 | undefined {
  const parts = splitAttributes(cpe);
  const [prefix, version23, part, vendor, product, version, update] = parts;
  if (parts.length !== 13 || prefix !== 'cpe' || version23 !== '2.3') return undefined;
  if (part !== 'a' && part !== 'o' && part !== 'h') return undefined;
  if (vendor === undefined || product === undefined || version === undefined || update === undefined) return undefined;
  if (vendor === '' || product === '') return undefined;
  return { part, vendor: unescapeCpe(vendor), product: unescapeCpe(product), version: unescapeCpe(version), update: unescapeCpe(update) };
}

/** CPE names write spaces as underscores ("simatic_cp_1543-1_firmware"); sources write words. */
export function cpeName(attribute: string): string {
  return attribute.replace(/_/g, ' ');
}
