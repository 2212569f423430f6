import { z } from 'zod';
import { tlpLevels } from '../../platform/tlp.js';
import { inputKinds } from './extract/index.js';
import { reliabilities } from './types.js';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const list = z.string().trim().min(1).max(4000);
const stixObject = z.record(z.string(), z.unknown());

export const importQuery = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: booleanQuery.optional(),
  source: z.string().trim().min(1).max(200).optional(),
  reliability: z.enum(reliabilities).optional(),
  confidence: z.coerce.number().int().min(0).max(100).optional(),
});

const issueSchema = z.object({
  index: z.number(),
  id: z.string().optional(),
  path: z.string(),
  code: z.string(),
  message: z.string(),
});

export const importReportSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'complete', 'failed']),
  name: z.string(),
  orgId: z.string(),
  bundleId: z.string().nullable(),
  objects: z.number(),
  stored: z.number(),
  duplicates: z.number(),
  invalid: z.number(),
  contradictions: z.number(),
  conflictsFlagged: z.number(),
  issues: z.array(issueSchema).readonly(),
  issuesTruncated: z.boolean(),
  elapsedMs: z.number(),
  objectsPerSecond: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const validationSchema = z.object({
  valid: z.boolean(),
  objects: z.number(),
  issues: z.array(issueSchema).readonly(),
  issuesTruncated: z.boolean(),
});

export const listObjectsQuery = z.strictObject({
  type: list.optional(),
  id: list.optional(),
  label: list.optional(),
  tlp: z.enum(tlpLevels).optional(),
  orgId: z.string().max(100).optional(),
  revoked: booleanQuery.optional(),
  q: z.string().max(200).optional(),
  addedAfter: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(100).optional(),
});

export const facetsQuery = listObjectsQuery.omit({ limit: true, cursor: true });

const facetCounts = z.array(z.object({ value: z.string(), count: z.number() }));
export const facetsSchema = z.object({ types: facetCounts, tlp: facetCounts, labels: facetCounts });

export const importListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() });

export const exportQuery = z.strictObject({
  type: list.optional(),
  id: list.optional(),
  label: list.optional(),
  addedAfter: z.string().max(40).optional(),
  tlpMax: z.enum(tlpLevels).optional(),
  versions: z.enum(['last', 'all']).optional(),
  dependencies: booleanQuery.optional(),
});

export const objectIdParams = z.strictObject({ id: z.string().min(3).max(300).regex(/^[a-z0-9-]+--[0-9a-fA-F-]+$/, 'a STIX identifier: <type>--<UUID>') });

export const summarySchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().nullable(),
  version: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  tlp: z.enum(tlpLevels),
  sharedUpward: z.boolean(),
  confidence: z.number().nullable(),
  displayedConfidence: z.number(),
  sources: z.number(),
  source: z.string(),
  reliability: z.enum(reliabilities),
  revoked: z.boolean(),
  labels: z.array(z.string()).readonly(),
  dateAdded: z.string(),
  sourceRef: z.string().nullable(),
  targetRef: z.string().nullable(),
  createdByRef: z.string().nullable(),
});

export const objectPageSchema = z.object({ items: z.array(summarySchema).readonly(), nextCursor: z.string().nullable() });

export const objectDetailSchema = z.object({
  summary: summarySchema,
  object: stixObject,
  versions: z.array(
    z.object({
      version: z.string(),
      dateAdded: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      source: z.string(),
      reliability: z.enum(reliabilities),
      revoked: z.boolean(),
      object: stixObject,
    }),
  ).readonly(),
  relationships: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      relationshipType: z.string().nullable(),
      sourceRef: z.string().nullable(),
      targetRef: z.string().nullable(),
      direction: z.enum(['outgoing', 'incoming']),
      orgId: z.string(),
      revoked: z.boolean(),
    }),
  ).readonly(),
  conflicts: z.array(
    z.object({
      kind: z.enum(['content', 'revoked', 'disputed']),
      version: z.string(),
      orgId: z.string(),
      source: z.string(),
      otherOrgId: z.string(),
      otherSource: z.string(),
      detail: z.string(),
      detectedAt: z.string(),
    }),
  ).readonly(),
});

export const patternBody = z.strictObject({
  pattern: z.string().min(1).max(65_536),
  /** Observed data to evaluate against: observed-data objects with their SCOs, as in a bundle. */
  objects: z.array(stixObject).max(10_000).optional(),
});

export const patternResultSchema = z.object({
  valid: z.boolean(),
  /** The pattern as the parser understood it, normalized. */
  normalized: z.string().nullable(),
  error: z
    .object({ message: z.string(), offset: z.number(), line: z.number(), column: z.number(), expected: z.array(z.string()) })
    .nullable(),
  objectPaths: z.array(z.string()),
  match: z
    .object({
      matched: z.boolean(),
      bindings: z.array(z.array(z.number())),
      observations: z.array(z.number()),
      truncated: z.boolean(),
      skipped: z.array(z.object({ index: z.number(), reason: z.string() })),
    })
    .nullable(),
});

export const extractQuery = z.strictObject({
  name: z.string().trim().min(1).max(300).optional(),
  kind: z.enum(inputKinds).optional(),
});

export const extractResultSchema = z.object({
  bundle: z.object({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.unknown()).readonly() }),
  findings: z.number(),
  warnings: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).readonly(),
  truncated: z.boolean(),
});
