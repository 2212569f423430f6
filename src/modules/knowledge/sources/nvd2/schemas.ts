import { z } from 'zod';
import { timestampText } from '../timestamp.js';
import { parseCpe23 } from './cpe.js';

// NVD CVE API 2.0 (the `cve` object of each `vulnerabilities[]` entry). Lenient: unknown keys are
// ignored; lists stay `unknown` at the record level and the parser validates them element by element.

export const nvdPageSchema = z.object({
  resultsPerPage: z.number().int().optional(),
  startIndex: z.number().int().optional(),
  totalResults: z.number().int().optional(),
  vulnerabilities: z.array(z.unknown()),
});

export const nvdEntrySchema = z.object({ cve: z.unknown() });

export const nvdCveSchema = z.object({
  id: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'not a CVE id (CVE-YYYY-NNNN)'),
  vulnStatus: z.string().optional(),
  published: timestampText.optional(),
  lastModified: timestampText.optional(),
  descriptions: z.unknown().optional(),
  weaknesses: z.unknown().optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
  configurations: z.unknown().optional(),
  references: z.unknown().optional(),
  cisaExploitAdd: timestampText.optional(),
  cisaActionDue: timestampText.optional(),
  cisaRequiredAction: z.string().optional(),
  cisaVulnerabilityName: z.string().optional(),
});
export type NvdCve = z.infer<typeof nvdCveSchema>;

export const nvdTextSchema = z.object({ lang: z.string(), value: z.string() });

export const nvdWeaknessSchema = z.object({
  source: z.string().optional(),
  type: z.string().optional(),
  description: z.array(nvdTextSchema),
});

/** cvssMetricV2/V30/V31/V40 elements; v2 puts baseSeverity beside cvssData instead of inside. */
export const nvdCvssMetricSchema = z.object({
  source: z.string().optional(),
  type: z.string().optional(),
  cvssData: z.object({
    version: z.string().optional(),
    vectorString: z.string().min(1),
    baseScore: z.number().optional(),
    baseSeverity: z.string().optional(),
  }),
  baseSeverity: z.string().optional(),
});
export type NvdCvssMetric = z.infer<typeof nvdCvssMetricSchema>;

const operator = z.enum(['AND', 'OR']);

export const nvdConfigurationSchema = z.object({
  operator: operator.optional(),
  negate: z.boolean().optional(),
  nodes: z.array(z.unknown()),
});

export const nvdNodeSchema = z.object({
  operator: operator.optional(),
  negate: z.boolean().optional(),
  cpeMatch: z.array(z.unknown()),
});

export const nvdCpeMatchSchema = z.object({
  vulnerable: z.boolean(),
  criteria: z.string().refine((c) => parseCpe23(c) !== undefined, 'not a CPE 2.3 formatted string'),
  versionStartIncluding: z.string().optional(),
  versionStartExcluding: z.string().optional(),
  versionEndIncluding: z.string().optional(),
  versionEndExcluding: z.string().optional(),
});
export type NvdCpeMatch = z.infer<typeof nvdCpeMatchSchema>;

export const nvdReferenceSchema = z.object({
  url: z.string().min(1),
  source: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
