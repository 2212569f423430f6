// TAXII 2.1 media types and content negotiation.

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

function parseRange(text: string): MediaRange | undefined {
  const [essence = '', ...rest] = text.split(';').map((s) => s.trim());
  const [type, subtype] = essence.toLowerCase().split('/');
  if (type === undefined || subtype === undefined || type === '' || subtype === '') return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    const value = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'q') q = Number(value);
    else params[key] = value;
  }
  return { type, subtype, params, q: Number.isFinite(q) ? q : 0 };
}

/** A TAXII 2.1 media type: application/taxii+json with no version or version 2.1. */
function isTaxii21(range: MediaRange): boolean {
  const version = range.params['version'];
  return range.type === 'application' && range.subtype === 'taxii+json' && (version === undefined || version === '2.1');
}

/** Whether an Accept header admits application/taxii+json;version=2.1 (no header admits anything). */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept
    .split(',')
    .map((part) => parseRange(part))
    .some(
      (r) =>
        r !== undefined &&
        r.q > 0 &&
        ((r.type === '*' && r.subtype === '*') || (r.type === 'application' && r.subtype === '*') || isTaxii21(r)),
    );
}

/** Whether a Content-Type is the TAXII 2.1 media type. */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const r = parseRange(contentType);
  return r !== undefined && isTaxii21(r);
}
