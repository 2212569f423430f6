import { z } from 'zod';
import { timestampText } from '../timestamp.js';

// OSV schema (ossf/osv-schema, 1.x). Loose objects: ecosystem_specific and database_specific
// carry anything, and newer schema versions add fields.

const eventKeys = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

export const osvEvent = z
  .looseObject({
    introduced: z.string().optional(),
    fixed: z.string().optional(),
    last_affected: z.string().optional(),
    limit: z.string().optional(),
  })
  .refine((e) => eventKeys.filter((k) => e[k] !== undefined).length === 1, {
    message: 'an event has exactly one of introduced, fixed, last_affected, limit',
  });
export type OsvEvent = z.infer<typeof osvEvent>;

export const osvRange = z.looseObject({
  type: z.string(),
  repo: z.string().optional(),
  events: z.array(osvEvent).min(1),
});
export type OsvRange = z.infer<typeof osvRange>;

export const osvSeverity = z.looseObject({ type: z.string(), score: z.string() });
export type OsvSeverity = z.infer<typeof osvSeverity>;

export const osvAffected = z.looseObject({
  package: z.looseObject({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
  severity: z.array(osvSeverity).nullish(),
  ranges: z.array(osvRange).nullish(),
  versions: z.array(z.string()).nullish(),
});
export type OsvAffected = z.infer<typeof osvAffected>;

export const osvVulnerability = z.looseObject({
  schema_version: z.string().optional(),
  id: z.string().trim().min(1),
  modified: timestampText,
  published: timestampText.optional(),
  withdrawn: timestampText.optional(),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(osvSeverity).nullish(),
  affected: z.array(osvAffected).nullish(),
  references: z.array(z.looseObject({ type: z.string().optional(), url: z.string().min(1) })).nullish(),
  database_specific: z.looseObject({ cwe_ids: z.array(z.string()).optional() }).optional(),
});
export type OsvVulnerability = z.infer<typeof osvVulnerability>;
