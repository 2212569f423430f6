import { z } from 'zod';

// CNVD XML export (<vulnerabitys><vulnerability>...), after fast-xml-parser: elements become
// properties, text becomes strings. The misspellings "vulnerabitys" and "serverity" are CNVD's own.

/** Element text: mixed content keeps its text, a repeated element joins its texts. */
function flattenText(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(flattenText).filter((v) => typeof v === 'string').join('\n');
  if (typeof value === 'object' && value !== null && '#text' in value) return flattenText(value['#text']);
  return value;
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const text = z.preprocess(flattenText, z.string());
const optionalText = z.preprocess(flattenText, z.string().optional());

export const cnvdVulnerability = z.looseObject({
  number: z.preprocess(flattenText, z.string().trim().regex(/^CNVD-\d{4}-\d{4,}$/i, 'not a CNVD id (CNVD-YYYY-NNNNN)')),
  title: z.preprocess(flattenText, z.string().trim().min(1)),
  cves: z.preprocess(emptyToUndefined, z.looseObject({ cve: z.array(z.looseObject({ cveNumber: optionalText, cveUrl: optionalText })) }).optional()),
  serverity: optionalText,
  products: z.preprocess(emptyToUndefined, z.looseObject({ product: z.array(text) }).optional()),
  isEvent: optionalText,
  submitTime: optionalText,
  openTime: optionalText,
  discovererName: optionalText,
  referenceLink: optionalText,
  formalWay: optionalText,
  description: optionalText,
  patchName: optionalText,
  patchDescription: optionalText,
});
export type CnvdVulnerability = z.infer<typeof cnvdVulnerability>;
