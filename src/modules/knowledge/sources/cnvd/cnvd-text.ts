import { parseTimestamp } from '../timestamp.js';
import type { ProductRef, RemediationCategory } from '../types.js';

// CNVD writes products and fixes as free text (Chinese or English); these read what they can.

// Company-name endings that close the vendor part of a Chinese product string.
const companySuffix = /^(.+?(?:股份有限公司|有限责任公司|有限公司|公司|集团|研究院|研究所|大学))\s*(.*)$/;
// The version part starts at a comparison, "V1.2", "1.2", or a Chinese version phrase, after a space.
const versionTail = /\s+(?:[<>≤≥=]|[Vv]\d|\d+\.\d|\d+(?:\.\d+)*\s*(?:及|以|版本|之前|之后)).*$/;

/** "Siemens SIMATIC S7-1200 <V4.5" → vendor "Siemens", product "SIMATIC S7-1200"; the full string stays the range text. */
export function productRefOf(productText: string): ProductRef {
  const t = productText.replace(/\s+/g, ' ').trim();
  const cn = companySuffix.exec(t);
  const [vendor, rest] = cn?.[2] ? [cn[1] ?? '', cn[2]] : splitFirstWord(t);
  const product = rest.replace(versionTail, '').trim();
  return { vendor, product: product === '' ? rest : product };
}

function splitFirstWord(t: string): [string, string] {
  const i = t.indexOf(' ');
  return i > 0 ? [t.slice(0, i), t.slice(i + 1)] : ['', t];
}

/** CNVD's 正式解决方案 (formalWay): a vendor fix when it points to a patch, upgrade or link. */
export function remediationCategoryOf(formalWay: string): RemediationCategory {
  if (/暂未|暂无|尚未|未提供|未发布|没有\S*(?:解决方案|补丁)|no (?:patch|fix|update)[^.]*available|not (?:yet )?(?:been )?(?:released|provided)/i.test(formalWay)) {
    return 'none_available';
  }
  if (/补丁|升级|更新|修复|patch|upgrade|update|fixed version|https?:\/\//i.test(formalWay)) return 'vendor_fix';
  return 'mitigation';
}

/** URLs in free text, without sentence punctuation (ASCII or full-width) glued to their end. */
export function urlsIn(text: string | undefined): string[] {
  const urls = (text ?? '').match(/https?:\/\/[^\s<>"'，；。、（）]+/g) ?? [];
  return [...new Set(urls.map((u) => u.replace(/[.,;:)\]]+$/, '')))];
}

/** "2021-03-15", "2021-03-15 00:00:00", "2021/3/5" → "2021-03-15"; anything else: undefined. */
export function dateOf(text: string | undefined): string | undefined {
  const m = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/.exec(text ?? '');
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  // "2026-13-45" is no date: the caller reports it rather than the database refusing the batch.
  return parseTimestamp(date).success ? date : undefined;
}
