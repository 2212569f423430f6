// One product per family, not per order number: "SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)"
// and "... (6ES7516-3AP03-0AB0)" are one product whose order numbers are its variants. The name a
// source wrote stays on the affected entry, so matching still sees the order number.
import { orderNumbers } from '../product-match.js';

export interface ProductFamily {
  /** The name without its order numbers. */
  readonly family: string;
  /** The order numbers taken out ("6ES7516-3AN02-0AB0"), upper case, no spaces. */
  readonly variants: readonly string[];
}

// An order number in parentheses, alone or with others ("(6ES7516-3AN02-0AB0)", "(6AG1..., 6AG2...)"),
// or trailing the name after a comma or dash.
const ORDER = String.raw`6[a-z]{2}\d\s?\d{3}-\d[a-z0-9]{4}-\d[a-z0-9]{3}`;
const inParentheses = new RegExp(String.raw`\s*\((?:\s*${ORDER}\s*[,;/]?)+\)`, 'gi');
const trailing = new RegExp(String.raw`\s*[,–-]\s*${ORDER}\s*$`, 'i');

export function productFamily(name: string): ProductFamily {
  const variants = orderNumbers(name);
  if (variants.length === 0) return { family: name, variants: [] };
  const family = name.replace(inParentheses, '').replace(trailing, '').replace(/\s{2,}/g, ' ').trim();
  // A name that is only an order number stays as written: there is no family to fold into.
  if (family === '' || orderNumbers(family).length > 0) return { family: name, variants: [] };
  return { family, variants };
}
