// What crosses the boundary for baselines: strict bodies and queries, so a misspelt option is a 400 with its path.
import { z } from 'zod';
import { tlpLevels } from '../../../platform/tlp.js';
import { baselineStates } from './types.js';

const id = z.string().min(1).max(100);
/** Up to a year; fractions of an hour for short replays and tests. */
const learningHours = z.number().min(0.01).max(8760);

export const baselineIdParams = z.strictObject({ id });

export const baselineListQuery = z.strictObject({
  orgId: id.optional(),
  zone: z.string().max(200).optional(),
  state: z.enum(baselineStates).optional(),
});

export const baselineChangeSchema = z.strictObject({
  learningHours: learningHours.optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: z.boolean().optional(),
});

export const baselineAcceptSchema = z.strictObject({ deviations: z.array(id).min(1).max(500), note: z.string().max(2000).optional() });
export const baselineRelearnSchema = z.strictObject({ reason: z.string().max(2000).optional() });

export const baselineSettingsQuery = z.strictObject({ orgId: id.optional() });
export const baselineSettingsSchema = z.strictObject({ orgId: id.optional(), learningHours });
