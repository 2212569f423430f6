// CPE names (NVD configurations) → the same vendor and product keys as names written by people:
// CPE tokens are lower case with "_" for spaces and "\" escapes ("schneider-electric",
// "simatic_s7-1500_cpu_firmware", "at\&t").
import { normalizeProductName, classifyDeviceType } from './normalize-product.js';
import type { DeviceClassification, ProductName } from './normalize-product.js';
import { normalizeVendorName } from './normalize-vendor.js';
import type { VendorName } from './normalize-vendor.js';

export interface CpeName {
  readonly part: 'a' | 'o' | 'h';
  /** Tokens as written in the CPE, unescaped. */
  readonly vendor: string;
  readonly product: string;
  /** Undefined for ANY ("*") and NA ("-"). */
  readonly version: string | undefined;
}

export type CpeParseResult = { readonly success: true; readonly value: CpeName } | { readonly success: false; readonly reason: string };

/** A CPE token as text: escapes removed, "_" as a space. */
export function cpeTokenText(token: string): string {
  return token.replace(/\\(.)/g, '$1').replace(/_/g, ' ').trim();
}

/** Splits on ":" not escaped by "\". */
function splitCpe(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + (text[i + 1] as string);
      i++;
    } else if (ch === ':') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Parses a CPE 2.3 formatted string ("cpe:2.3:a:vendor:product:version:...") or a CPE 2.2 URI ("cpe:/a:vendor:product"). */
export function parseCpe(cpe: string): CpeParseResult {
  if (typeof cpe !== 'string') return { success: false, reason: 'not a string' };
  const text = cpe.trim();
  let fields: string[];
  if (/^cpe:2\.3:/i.test(text)) {
    fields = splitCpe(text).slice(2);
    if (fields.length !== 11) return { success: false, reason: `CPE 2.3 needs 13 components, found ${fields.length + 2}` };
  } else if (/^cpe:\/[aoh]/i.test(text)) {
    try {
      fields = text.slice(5).split(':').map((f) => decodeURIComponent(f));
    } catch {
      return { success: false, reason: 'bad percent-encoding in CPE URI' };
    }
  } else {
    return { success: false, reason: 'not a CPE name (expected "cpe:2.3:" or "cpe:/")' };
  }
  const [part = '', vendor = '', product = '', version = ''] = fields;
  if (part !== 'a' && part !== 'o' && part !== 'h') return { success: false, reason: `part "${part}" is not a, o or h` };
  for (const [name, value] of [['vendor', vendor], ['product', product]] as const) {
    if (value === '' || value === '*' || value === '-') return { success: false, reason: `${name} is ${value === '' ? 'empty' : 'ANY or NA'}` };
  }
  const v = cpeTokenText(version);
  return { success: true, value: { part, vendor: cpeTokenText(vendor), product: cpeTokenText(product), version: v === '' || v === '*' || v === '-' ? undefined : v } };
}

export interface CpeProduct {
  readonly cpe: CpeName;
  readonly vendor: VendorName;
  readonly product: ProductName;
  readonly deviceType: DeviceClassification;
}

export type CpeProductResult = { readonly success: true; readonly value: CpeProduct } | { readonly success: false; readonly reason: string };

const titleCase = (text: string) => text.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());

/** Vendor, product and device class named by a CPE. An application ("a") nothing else claims is software. */
export function cpeProduct(cpe: string): CpeProductResult {
  const parsed = parseCpe(cpe);
  if (!parsed.success) return parsed;
  const { value } = parsed;
  const normalized = normalizeVendorName(value.vendor);
  // CPE vendor tokens are all lower case; a vendor we have no spelling for reads better capitalized.
  const vendor = normalized.display === value.vendor ? { key: normalized.key, display: titleCase(value.vendor) } : normalized;
  const product = normalizeProductName(vendor.key, value.product);
  const classified = classifyDeviceType(vendor.key, value.product);
  const deviceType: DeviceClassification =
    classified.type === 'unknown' && classified.rule === undefined && value.part === 'a'
      ? { type: 'software', confidence: 0.6, rule: 'cpe:application' }
      : classified;
  return { success: true, value: { cpe: value, vendor, product, deviceType } };
}
