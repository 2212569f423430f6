// What crosses the boundary for import jobs: the upload's query (the file itself is the raw body) and
// the list and id parameters.
import { z } from 'zod';
import { tlpLevels } from '../../../platform/tlp.js';
import { importJobFormats, importJobStatuses } from './types.js';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const createImportQuery = z.strictObject({
  /** The file's name, shown in lists and kept as the events' origin. */
  name: z.string().trim().min(1).max(200),
  format: z.enum(importJobFormats).optional(),
  orgId: z.string().min(1).max(100).optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: booleanQuery.optional(),
});
export type CreateImportInput = z.infer<typeof createImportQuery>;

export const listImportsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  status: z.enum(importJobStatuses).optional(),
});
export type ListImportsInput = z.infer<typeof listImportsQuery>;

export const importIdParams = z.strictObject({ id: z.string().min(1).max(100) });

const issueSchema = z.object({ line: z.number(), path: z.string(), message: z.string() });

export const importJobSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  format: z.enum(importJobFormats),
  detectedFormat: z.string().nullable(),
  status: z.enum(importJobStatuses),
  tlp: z.enum(tlpLevels),
  sharedUpward: z.boolean(),
  sizeBytes: z.number(),
  bytesRead: z.number(),
  progress: z.number(),
  lines: z.number(),
  eventsOffered: z.number(),
  eventsStored: z.number(),
  issuesCount: z.number(),
  issues: z.array(issueSchema).readonly(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const importJobListSchema = z.object({ items: z.array(importJobSchema).readonly() });
