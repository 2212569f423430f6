import { z } from 'zod';
import { roles } from '../access.js';

export const userSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');

export const userCreateBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(200).optional(),
  orgId: z.string().min(1).max(100),
  role: z.enum(roles),
  password: z.string().max(1024).optional(),
});

export const userPatchBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
    password: z.string().max(1024).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
