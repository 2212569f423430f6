import { isIP } from 'node:net';
import { z } from 'zod';
import { tlpLevels } from '../../platform/tlp.js';
import { assetFactSources, assetSortKeys, criticalities, exposureGrades } from './types.js';

const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const assetIp = z
  .string()
  .trim()
  .refine((v) => isIP(v) !== 0, { message: 'not an IPv4 or IPv6 address' });

// MAC addresses are stored lower-case with colons, whatever the input used.
export const assetMac = z
  .string()
  .trim()
  .regex(MAC, 'not a MAC address (aa:bb:cc:dd:ee:ff)')
  .transform((v) => v.toLowerCase().replaceAll('-', ':'));

const assetFields = {
  name: z.string().trim().min(1).max(200),
  zone: optionalText(100),
  ip: assetIp.nullable().optional(),
  mac: assetMac.nullable().optional(),
  vendor: optionalText(200),
  model: optionalText(200),
  firmwareVersion: optionalText(100),
  criticality: z.enum(criticalities).optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: z.boolean().optional(),
};

export const assetCreateBody = z.strictObject({
  ...assetFields,
  /** Only the local operator may name another organisation; people write to their own. */
  orgId: z.string().optional(),
});

export const assetPatchBody = z
  .strictObject(assetFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

const selectionFields = {
  q: z.string().max(200).optional(),
  orgId: z.string().max(100).optional(),
  zone: z.string().max(100).optional(),
  vendor: z.string().max(200).optional(),
  criticality: z.enum(criticalities).optional(),
  tlp: z.enum(tlpLevels).optional(),
  minGrade: z.enum(exposureGrades).optional().describe('only assets whose highest affected grade is this or above'),
  sort: z.enum(assetSortKeys).optional().describe('sort key; default name'),
  order: z.enum(['asc', 'desc']).optional(),
};

const flag = z.enum(['true', 'false']);

/** The list's filters as query parameters; export takes the same without paging. */
export const assetSelectionQuery = z.strictObject({
  ...selectionFields,
  exposed: flag.optional().describe('true: only assets with an affected vulnerability; false: only those without'),
  kev: flag.optional().describe('true: only assets with a known-exploited affected vulnerability; false: only those without'),
});

export const assetListQuery = assetSelectionQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(500).optional(),
});

/** The same filters as a JSON document: what a saved filter keeps. */
export const assetSelectionSchema = z.strictObject({ ...selectionFields, exposed: z.boolean().optional(), kev: z.boolean().optional() });

const bulkIds = z.array(z.string().min(1).max(100)).min(1).max(1000);

export const assetBulkUpdateBody = z.strictObject({
  ids: bulkIds,
  set: z
    .strictObject({ criticality: z.enum(criticalities).optional(), zone: optionalText(100), tlp: z.enum(tlpLevels).optional(), sharedUpward: z.boolean().optional() })
    .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' }),
});

export const assetBulkDeleteBody = z.strictObject({ ids: bulkIds });

export const assetBulkResultSchema = z.object({ count: z.number(), ids: z.array(z.string()) });

export const savedFilterBody = z.strictObject({ name: z.string().trim().min(1).max(100), filter: assetSelectionSchema });

export const savedFilterSchema = z.object({ id: z.string(), name: z.string(), filter: assetSelectionSchema, createdAt: z.string() });

export const assetFieldSourceSchema = z.object({
  field: z.string(),
  source: z.enum(assetFactSources),
  jobId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const assetSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  zone: z.string().nullable(),
  ip: z.string().nullable(),
  mac: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  criticality: z.enum(criticalities),
  tlp: z.enum(tlpLevels),
  sharedUpward: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  updatedBy: z.string(),
  exposure: z.object({ affected: z.number(), unknown: z.number(), kev: z.number(), highestGrade: z.enum(exposureGrades).nullable() }),
});

export const assetPageSchema = z.object({ items: z.array(assetSchema), nextCursor: z.string().nullable() });

export const assetImportReportSchema = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  dryRun: z.boolean(),
});

/** One CSV row after header mapping; empty cells mean "not set". */
export const assetCsvRow = z.strictObject({
  name: z.string().trim().min(1).max(200),
  zone: optionalText(100),
  ip: assetIp.optional(),
  mac: assetMac.optional(),
  vendor: optionalText(200),
  model: optionalText(200),
  firmware_version: optionalText(100),
  criticality: z.enum(criticalities).optional(),
  tlp: z.enum(tlpLevels).optional(),
  shared_upward: z
    .enum(['true', 'false', 'yes', 'no', '1', '0'])
    .transform((v) => v === 'true' || v === 'yes' || v === '1')
    .optional(),
});
