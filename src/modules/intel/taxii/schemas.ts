import { z } from 'zod';
import { roles } from '../../../platform/access.js';
import { tlpLevels } from '../../../platform/tlp.js';
import { reliabilities } from '../index.js';

const stixType = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a STIX type such as indicator');

export const grantSchema = z.strictObject({
  orgId: z.string().min(1).max(100),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  descendants: z.boolean().default(false),
});

export const collectionFilterSchema = z.strictObject({
  types: z.array(stixType).min(1).max(100).optional(),
  labels: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  tlpMax: z.enum(tlpLevels).optional(),
  minConfidence: z.number().int().min(0).max(100).optional(),
  excludeRevoked: z.boolean().optional(),
});

export const collectionInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  alias: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lower-case letters, digits, dots, dashes and underscores')
    .optional(),
  filter: collectionFilterSchema.optional(),
  readers: z.array(grantSchema).max(100).optional(),
  writers: z.array(grantSchema).max(100).optional(),
});

const grantOut = z.object({ orgId: z.string(), roles: z.array(z.enum(roles)).readonly(), descendants: z.boolean() });

export const collectionSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  alias: z.string().nullable(),
  filter: z.object({
    types: z.array(z.string()).readonly().optional(),
    labels: z.array(z.string()).readonly().optional(),
    tlpMax: z.enum(tlpLevels).optional(),
    minConfidence: z.number().optional(),
    excludeRevoked: z.boolean().optional(),
  }),
  readers: z.array(grantOut).readonly(),
  writers: z.array(grantOut).readonly(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Where TAXII clients find it. */
  url: z.string(),
});

export const collectionIdParams = z.strictObject({ id: z.string().min(1).max(100) });

const authSchema = z
  .strictObject({
    username: z.string().min(1).max(200).optional(),
    password: z.string().max(1000).optional(),
    token: z.string().min(1).max(2000).optional(),
  })
  .refine((a) => a.token === undefined || a.username === undefined, 'a username or a token, not both');

export const feedNameParams = z.strictObject({ name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dots, dashes, underscores') });

export const feedInputSchema = z.strictObject({
  direction: z.enum(['pull', 'push']),
  url: z.string().url().max(2000),
  auth: authSchema.optional(),
  tlp: z.enum(tlpLevels).optional(),
  reliability: z.enum(reliabilities).optional(),
  sharedUpward: z.boolean().optional(),
  types: z.array(stixType).min(1).max(100).optional(),
  labels: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  tlpMax: z.enum(['clear', 'green', 'amber']).optional(),
  pageSize: z.number().int().min(1).max(1000).optional(),
  /** Run every so many minutes; null or absent: only when asked. */
  intervalMinutes: z.number().int().min(5).max(10_080).nullable().optional(),
});

export const feedSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  direction: z.enum(['pull', 'push']),
  url: z.string(),
  options: z.object({
    tlp: z.enum(tlpLevels).optional(),
    reliability: z.enum(reliabilities).optional(),
    sharedUpward: z.boolean().optional(),
    types: z.array(z.string()).readonly().optional(),
    labels: z.array(z.string()).readonly().optional(),
    tlpMax: z.enum(tlpLevels).optional(),
    pageSize: z.number().optional(),
    /** Saved by the local operator: its URL may reach private addresses. */
    operatorApproved: z.boolean().optional(),
  }),
  state: z.object({ addedAfter: z.string().optional(), next: z.string().optional(), pushedUs: z.number().optional() }),
  lastRunAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastResult: z
    .object({ pages: z.number(), objects: z.number(), stored: z.number(), duplicates: z.number(), failed: z.number(), complete: z.boolean(), error: z.string().nullable() })
    .nullable(),
  intervalMinutes: z.number().nullable(),
  nextRunAt: z.string().nullable(),
});

export const feedRunQuery = z.strictObject({ maxPages: z.coerce.number().int().min(1).max(100_000).optional() });

export const feedRunSchema = z.object({
  feed: feedSchema,
  pages: z.number(),
  objects: z.number(),
  stored: z.number(),
  duplicates: z.number(),
  failed: z.number(),
  complete: z.boolean(),
  error: z.string().nullable(),
});

export const remoteCollectionsBody = z.strictObject({ url: z.string().url().max(2000), auth: authSchema.optional() });
export const remoteCollectionsSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional(), can_read: z.boolean(), can_write: z.boolean(), url: z.string() })),
});
