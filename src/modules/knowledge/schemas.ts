import { z } from 'zod';
import { tlpLevels } from '../../platform/tlp.js';
import { parseTimestamp } from './sources/timestamp.js';
import { sourceFormats } from './sources/types.js';
import { hazardGrades, lifecycleStates, reliabilities } from './types.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
// A real calendar date (2026-02-30 is not one), optionally with a time: it reaches the database as a timestamp.
const date = z.string().max(40).refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && parseTimestamp(s).success, 'a date, YYYY-MM-DD');

export const searchQuery = z.strictObject({
  q: z.string().max(500).optional(),
  vendor: z.string().max(200).optional(),
  product: z.string().max(300).optional(),
  deviceType: z.string().max(50).optional(),
  cwe: z.string().regex(/^CWE-\d+$/i, 'CWE-<number>').optional(),
  cause: z.string().max(100).optional(),
  grade: z.enum(hazardGrades).optional(),
  kev: bool.optional(),
  hasFix: bool.optional(),
  lifecycle: z.enum(lifecycleStates).optional(),
  from: date.optional(),
  to: date.optional(),
  sort: z.enum(['relevance', 'published', 'score']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** Where an organisation's imported records go (ignored for the root organisation's admins, who publish). */
const placement = {
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: bool.optional(),
};

export const importBody = z.strictObject({
  /** A file or directory below BULWARK_IMPORT_DIR (admins), or an http(s) URL: a document, a ROLIE feed or provider metadata. */
  location: z.string().min(1).max(2000),
  format: z.enum(sourceFormats).optional(),
  tlp: placement.tlp,
  sharedUpward: z.boolean().optional(),
});

export const uploadQuery = z.strictObject({ format: z.enum(sourceFormats).optional(), name: z.string().max(200).optional(), ...placement });

export const lifecycleBody = z.strictObject({ to: z.enum(lifecycleStates), note: z.string().max(2000).optional() });

export const reliabilityBody = z.strictObject({ reliability: z.enum(reliabilities) });

export const submissionBody = z.strictObject({
  title: z.string().trim().min(5).max(300),
  description: z.string().trim().min(10).max(20_000),
  cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/i, 'CVE-YYYY-NNNN').optional(),
  vendor: z.string().trim().min(1).max(200),
  product: z.string().trim().min(1).max(300),
  versions: z.string().trim().min(1).max(500),
  cvssVector: z.string().regex(/^(CVSS:[34]\.[01]\/)?[A-Za-z:/]+$/, 'a CVSS vector').max(300).optional(),
  cwe: z.string().regex(/^CWE-\d+$/i, 'CWE-<number>').optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: z.boolean().optional(),
});

/** Graph nodes and catalog ids arrive in query strings: bounded like path ids. */
export const productQuery = z.strictObject({ id: z.string().min(1).max(500) });
export const vendorQuery = z.strictObject({ q: z.string().max(200).optional() });

export const correlateBody = z.strictObject({ assetIds: z.array(z.string().max(100)).max(100_000).optional() });

/** Exposure lists: one asset's, or every asset's a reader may see. */
export const exposureQuery = z.strictObject({
  verdict: z.enum(['affected', 'unknown']).optional(),
  kev: bool.optional(),
  grade: z.enum(hazardGrades).optional(),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  decision: z.enum(['confirmed', 'rejected', 'open', 'kept', 'any']).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

export const exposureParams = z.strictObject({
  id: z.string().min(1).max(200),
  vulnId: z.string().min(1).max(200),
});

export const decisionBody = z.strictObject({
  decision: z.enum(['confirmed', 'rejected']),
  comment: z.string().trim().min(1, 'say why, for the next person').max(2000),
});
