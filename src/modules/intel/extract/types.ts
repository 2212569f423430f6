// Reports into intelligence: what comes in (report bytes), what text extraction returns, and what
// indicator extraction finds. Offsets are UTF-16 code unit positions in the text given to extractIndicators.

export const inputKinds = ['text', 'html', 'pdf'] as const;
export type InputKind = (typeof inputKinds)[number];

export interface ExtractInput {
  readonly kind: InputKind;
  readonly bytes: Uint8Array;
}

export type ExtractIssueCode = 'empty' | 'too_large' | 'not_text' | 'bad_pdf' | 'bad_kind' | 'timeout' | 'truncated';

/** Where and why the input could not be read (or was read only in part); `path` as in ErrorDetail. */
export interface ExtractIssue {
  readonly path: string;
  readonly code: ExtractIssueCode;
  readonly message: string;
}

/** Parsers of outside input return results; warnings say what was read only in part (pages, size). */
export type Result<T> =
  | { readonly success: true; readonly data: T; readonly warnings: readonly ExtractIssue[] }
  | { readonly success: false; readonly issues: readonly ExtractIssue[] };

export const indicatorTypes = [
  'ipv4',
  'ipv6',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'cve',
  'attack-technique',
  'file-name',
  'vendor',
  'product',
  'protocol',
] as const;
export type IndicatorType = (typeof indicatorTypes)[number];

/** One place in the text where a finding was written. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
  /** The text as written, defanged or not. */
  readonly original: string;
  /** True when the text was defanged ("1.2.3[.]4", "hxxp://", "[at]"). */
  readonly defanged: boolean;
}

export interface Finding {
  readonly type: IndicatorType;
  /** Normalized and refanged: lower-case domains and hashes, RFC 5952 IPv6, "CVE-2024-1234", canonical vendor names. */
  readonly value: string;
  /** 0..1: how sure the extractor is that this is what the type says. */
  readonly confidence: number;
  /** Places it was written, in text order: at least one, at most the first 50. */
  readonly occurrences: readonly Occurrence[];
  /** How many times it was written in all. */
  readonly count: number;
  /** Documentation address ranges (RFC 5737 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849 2001:db8::/32). */
  readonly documentation?: true;
  /** For attack-technique: which ATT&CK matrix the ID belongs to (T08xx is ICS). */
  readonly attackDomain?: 'enterprise' | 'ics';
}

export interface ExtractContext {
  /** Vendor names known to the knowledge base; matched case-insensitively on word boundaries. */
  readonly vendors?: readonly string[];
  readonly products?: readonly string[];
}

export interface Extraction {
  /** Findings in order of their first occurrence. */
  readonly findings: readonly Finding[];
  /** Characters of text examined. */
  readonly examinedChars: number;
  /** True when the text was longer than the cap and only its beginning was examined. */
  readonly truncated: boolean;
}
