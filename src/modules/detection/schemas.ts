// What crosses the boundary for rules, alerts and suppressions: bodies and queries are strict, so a
// misspelt option is a 400 with its path.
import { z } from 'zod';
import { alertSeverities, alertStatuses } from './types.js';

const id = z.string().min(1).max(100);
const ruleText = z.string().min(1).max(1_000_000);
const technique = z.string().regex(/^[Tt]\d{4}(\.\d{3})?$/, 'an ATT&CK technique id such as T0843');
const isoTime = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 time');
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ruleIdParams = z.strictObject({ id });

export const ruleListQuery = z.strictObject({
  technique: technique.optional(),
  enabled: booleanQuery.optional(),
  orgId: id.optional(),
  platform: booleanQuery.optional(),
});

export const ruleImportSchema = z.strictObject({
  text: ruleText,
  file: z.string().min(1).max(1024).optional(),
  orgId: id.optional(),
  platform: z.boolean().optional(),
  enabled: z.boolean().optional(),
});

export const ruleValidateSchema = z.strictObject({ text: ruleText, file: z.string().min(1).max(1024).optional() });

export const ruleTestSchema = z
  .strictObject({
    text: ruleText.optional(),
    ruleId: id.optional(),
    /** NDJSON: one event per line. */
    events: z.string().max(10_000_000).optional(),
    /** Instead of posted events: the stored events of the last 24 hours that the caller may read. */
    stored: z.literal('24h').optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.ruleId === undefined), { message: 'give either a rule text or a stored rule id', path: ['text'] })
  .refine((b) => (b.events === undefined) !== (b.stored === undefined), { message: 'give either NDJSON events or stored: "24h"', path: ['events'] });

export const ruleEnableSchema = z.strictObject({ enabled: z.boolean() });

export const alertListQuery = z.strictObject({
  technique: technique.optional(),
  status: z.enum(alertStatuses).optional(),
  severity: z.enum(alertSeverities).optional(),
  ruleId: id.optional(),
  assetId: id.optional(),
  orgId: id.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(400).optional(),
});

export const alertIdParams = z.strictObject({ id });

const change = {
  status: z.enum(alertStatuses).optional(),
  assignee: z.string().min(1).max(200).nullable().optional(),
  note: z.string().max(4000).optional(),
};

export const alertChangeSchema = z.strictObject(change);
export const alertBulkSchema = z.strictObject({ ids: z.array(id).min(1).max(1000), ...change });
export const alertCommentSchema = z.strictObject({ body: z.string().trim().min(1).max(10_000) });

export const suppressionInputSchema = z.strictObject({
  orgId: id.optional(),
  ruleId: id.optional(),
  entity: z.string().min(1).max(300).optional(),
  assetId: id.optional(),
  field: z.string().regex(/^[A-Za-z_@][\w.@-]{0,199}$/, 'a field name such as source.ip').optional(),
  value: z.string().max(1000).optional(),
  reason: z.string().max(2000).optional(),
  expiresAt: isoTime.optional(),
});

export const suppressionPatchSchema = z.strictObject({
  reason: z.string().max(2000).optional(),
  expiresAt: isoTime.nullable().optional(),
});
