import { z } from 'zod';
import { orgLevels } from '../access.js';

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(orgLevels),
  parentId: z.string().nullable(),
  path: z.string(),
  createdAt: z.string(),
});

export const orgCreateBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  level: z.enum(orgLevels),
  parentId: z.string().min(1).max(100),
});
