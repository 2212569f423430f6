// What crosses the boundary for alert channels and notification rules: strict bodies.
import { z } from 'zod';
import { alertSeverities } from '../types.js';

const name = z.string().trim().min(1).max(200);
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const mqttUrl = z.url({ protocol: /^mqtts?$/ }).max(2000);
const host = z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address');
const optionalSecret = z.string().min(1).max(1000).optional();
/** The organisation, for the local operator (people act for their own). */
const orgId = z.string().min(1).max(100).optional();

export const channelInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('webhook'), orgId, name, url: httpUrl, secret: z.string().min(16).max(1000), enabled: z.boolean().optional() }),
  z.strictObject({
    kind: z.literal('email'),
    orgId,
    name,
    host,
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().optional(),
    username: z.string().min(1).max(200).optional(),
    password: optionalSecret,
    from: z.email(),
    to: z.array(z.email()).min(1).max(50),
    enabled: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('mqtt'),
    orgId,
    name,
    url: mqttUrl,
    topic: z.string().min(1).max(500).refine((t) => !/[#+]/.test(t) && !t.includes(String.fromCharCode(0)), 'a topic to publish to has no wildcards'),
    username: z.string().min(1).max(200).optional(),
    password: optionalSecret,
    qos: z.union([z.literal(0), z.literal(1)]).optional(),
    enabled: z.boolean().optional(),
  }),
]);
export type ChannelInput = z.infer<typeof channelInputSchema>;

export const channelPatchSchema = z.strictObject({ name: name.optional(), enabled: z.boolean().optional() });

const technique = z.string().regex(/^[Tt]\d{4}(\.\d{3})?$/, 'an ATT&CK technique id such as T0843');
export const notificationRuleInputSchema = z.strictObject({
  orgId,
  name,
  ruleIds: z.array(z.string().min(1).max(300)).max(200).optional(),
  techniques: z.array(technique).max(200).optional(),
  minSeverity: z.enum(alertSeverities).optional(),
  channelIds: z.array(z.string().min(1).max(100)).min(1).max(20),
  enabled: z.boolean().optional(),
});
export type NotificationRuleInput = z.infer<typeof notificationRuleInputSchema>;

export const notificationRulePatchSchema = notificationRuleInputSchema.omit({ orgId: true }).partial().strict();
export type NotificationRulePatch = z.infer<typeof notificationRulePatchSchema>;

export const notifyIdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const deliveryListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() });
