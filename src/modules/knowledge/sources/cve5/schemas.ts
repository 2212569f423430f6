import { z } from 'zod';
import { timestampText } from '../timestamp.js';

// CVE JSON 5 (CVE Record Format 5.x), as far as Bulwark reads it. Lenient: unknown keys are
// ignored and every list is validated element by element by the parser (see parse-elements.ts).

export const cveIdPattern = /^CVE-\d{4}-\d{4,}$/;

/** Only what decides whether the record is readable at all; containers are checked field by field. */
export const cveRecordHeadSchema = z.object({
  cveMetadata: z.object({
    cveId: z.string().regex(cveIdPattern, 'not a CVE id (CVE-YYYY-NNNN)'),
    state: z.string(),
    datePublished: timestampText.optional(),
    dateUpdated: timestampText.optional(),
  }),
  containers: z.unknown().optional(),
});

export const cveContainersSchema = z.object({
  cna: z.record(z.string(), z.unknown()),
  adp: z.unknown().optional(),
});

/** A CNA or ADP container: lists stay `unknown` here and are parsed one element at a time. */
export const cveContainerSchema = z.object({
  title: z.string().optional(),
  descriptions: z.unknown().optional(),
  problemTypes: z.unknown().optional(),
  metrics: z.unknown().optional(),
  affected: z.unknown().optional(),
  references: z.unknown().optional(),
  solutions: z.unknown().optional(),
  workarounds: z.unknown().optional(),
});

export const cveTextSchema = z.object({ lang: z.string(), value: z.string() });

export const cveProblemTypeSchema = z.object({
  descriptions: z.array(
    z.object({
      lang: z.string().optional(),
      description: z.string().optional(),
      cweId: z.string().optional(),
      type: z.string().optional(),
    }),
  ),
});

const cvssSchema = z.object({
  vectorString: z.string().min(1),
  baseScore: z.number().optional(),
  baseSeverity: z.string().optional(),
});

export const cveMetricSchema = z.object({
  cvssV4_0: cvssSchema.optional(),
  cvssV3_1: cvssSchema.optional(),
  cvssV3_0: cvssSchema.optional(),
  cvssV2_0: cvssSchema.optional(),
  other: z.object({ type: z.string(), content: z.unknown() }).optional(),
});

/** CISA ADP's `other` metric of type "kev". */
export const cveKevContentSchema = z.object({ dateAdded: timestampText });

export const cveVersionStatusSchema = z.enum(['affected', 'unaffected', 'unknown']);
export type CveVersionStatus = z.infer<typeof cveVersionStatusSchema>;

export const cveVersionSchema = z.object({
  version: z.string(),
  status: cveVersionStatusSchema,
  versionType: z.string().optional(),
  lessThan: z.string().optional(),
  lessThanOrEqual: z.string().optional(),
  changes: z.array(z.object({ at: z.string(), status: cveVersionStatusSchema })).optional(),
});
export type CveVersion = z.infer<typeof cveVersionSchema>;

export const cveAffectedSchema = z.object({
  vendor: z.string().optional(),
  product: z.string().optional(),
  packageName: z.string().optional(),
  cpes: z.array(z.string()).optional(),
  versions: z.array(z.unknown()).optional(),
  defaultStatus: cveVersionStatusSchema.optional(),
});
export type CveAffected = z.infer<typeof cveAffectedSchema>;

export const cveReferenceSchema = z.object({
  url: z.string().min(1),
  name: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
