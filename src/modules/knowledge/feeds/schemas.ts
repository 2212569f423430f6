import { z } from 'zod';
import { tlpLevels } from '../../../platform/tlp.js';
import { sourceFormats } from '../sources/types.js';
import { feedKinds } from './types.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const kbFeedNameParams = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, dots, dashes and underscores (at most 64)'),
});

export const kbFeedOptionsSchema = z.strictObject({
  since: z
    .string()
    .max(40)
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO date, e.g. 2024-01-01')
    .optional(),
  resultsPerPage: z.number().int().min(1).max(2000).optional(),
  packages: z
    .array(z.strictObject({ ecosystem: z.string().trim().min(1).max(100), name: z.string().trim().min(1).max(300) }))
    .min(1)
    .max(1000)
    .optional(),
  maxDocuments: z.number().int().min(1).max(100_000).optional(),
});

export const kbFeedInputSchema = z.strictObject({
  kind: z.enum(feedKinds),
  url: z.string().trim().min(1).max(2000),
  /** NVD API key: stored sealed, never returned; null removes it. */
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  intervalMinutes: z.number().int().min(5).max(10_080).nullable().optional(),
  options: kbFeedOptionsSchema.optional(),
});

export const kbFeedRunQuery = z.strictObject({
  /** false: start the run and answer 202 at once (the console follows its progress). */
  wait: bool.optional(),
});

export const archiveQuery = z.strictObject({
  name: z.string().max(200).optional(),
  format: z.enum(sourceFormats).optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: bool.optional(),
});
