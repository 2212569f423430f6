import { z } from 'zod';
import { orgLevels } from '../access.js';

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(orgLevels),
  parentId: z.string().nullable(),
  path: z.string(),
  createdAt: z.string(),
  industry: z.string().nullable().describe('industry division code (GET /api/v1/organisations/industries)'),
  region: z.string().nullable().describe('administrative division code, six digits (GB/T 2260)'),
});

const industryCode = z.string().trim().regex(/^[A-Z]\d{2}$/, 'an industry code is a section letter and two digits, e.g. D46');
const regionCode = z.string().trim().regex(/^\d{6}$/, 'a region is a six-digit administrative division code, e.g. 320500');

export const orgPlacementBody = z.strictObject({
  industry: industryCode.nullable().optional(),
  region: regionCode.nullable().optional(),
});

export const industrySchema = z.object({ code: z.string(), name: z.string(), nameZh: z.string(), sector: z.string() });

export const orgCreateBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  level: z.enum(orgLevels),
  parentId: z.string().min(1).max(100),
  industry: industryCode.optional(),
  region: regionCode.optional(),
});
