// What crosses the boundary for event sources: the definition (one config shape per type), changes,
// and the route parameters. Per-type configs are strict, so a misspelt option is a 400 with its path.
import { isIP } from 'node:net';
import { z } from 'zod';
import { tlpLevels } from '../../../platform/tlp.js';
import { parseRange } from './sender-map.js';
import { eventSourceTypes, syslogProtocols, type EventSourceType } from './types.js';

const serverFile = z.string().trim().min(1).max(4096);
const orgId = z.string().min(1).max(100);

export const senderRangeSchema = z.strictObject({
  range: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine((r) => parseRange(r) !== undefined, 'an address range such as 10.20.0.0/16, 2001:db8::/32 or one address'),
  orgId,
});

export const syslogConfigSchema = z
  .strictObject({
    protocol: z.enum(syslogProtocols),
    host: z
      .string()
      .max(64)
      .refine((h) => isIP(h) !== 0, 'an IP address to bind, e.g. 0.0.0.0 or ::')
      .optional(),
    port: z.number().int().min(1).max(65_535),
    certFile: serverFile.optional(),
    keyFile: serverFile.optional(),
    caFile: serverFile.optional(),
    senders: z.array(senderRangeSchema).max(1000).optional(),
    defaultOrgId: orgId.nullable().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.protocol === 'tls') {
      if (c.certFile === undefined) ctx.addIssue({ code: 'custom', path: ['certFile'], message: 'a TLS listener needs its certificate (PEM file on the server)' });
      if (c.keyFile === undefined) ctx.addIssue({ code: 'custom', path: ['keyFile'], message: 'a TLS listener needs its private key (PEM file on the server)' });
    } else {
      for (const key of ['certFile', 'keyFile', 'caFile'] as const) {
        if (c[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `only a tls listener takes ${key}` });
      }
    }
  });

const fieldPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'a dot path into the payload, e.g. data.temperature or readings.0.value');

/** An MQTT topic filter: `+` stands for a whole level, `#` only for the last one. */
const topicFilter = z
  .string()
  .min(1)
  .max(1000)
  .refine((t) => t.split('/').every((level, i, all) => (!level.includes('+') || level === '+') && (!level.includes('#') || (level === '#' && i === all.length - 1))), 'a topic filter: + for a whole level, # only as the last level');

export const mqttConfigSchema = z.strictObject({
  brokerUrl: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .superRefine((u, ctx) => {
      let url: URL;
      try {
        url = new URL(u);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'a broker URL such as mqtt://10.0.0.5:1883' });
        return;
      }
      if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(url.protocol)) ctx.addIssue({ code: 'custom', message: 'mqtt://, mqtts://, ws:// or wss://' });
      if (url.username !== '' || url.password !== '') ctx.addIssue({ code: 'custom', message: 'no credentials in the URL: give username and passwordFile' });
    }),
  topics: z.array(topicFilter).min(1).max(100),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  clientId: z.string().min(1).max(128).optional(),
  username: z.string().min(1).max(200).optional(),
  passwordFile: serverFile.optional(),
  payload: z.enum(['auto', 'json', 'sparkplug']).optional(),
  mapping: z
    .strictObject({
      valuePath: fieldPath,
      timePath: fieldPath.optional(),
      metricPath: fieldPath.optional(),
      metric: z.string().min(1).max(200).optional(),
      unit: z.string().min(1).max(50).optional(),
      unitPath: fieldPath.optional(),
    })
    .optional(),
});

export const fileConfigSchema = z.strictObject({
  path: serverFile,
  follow: z.boolean().optional(),
});

export const configSchemas = {
  syslog: syslogConfigSchema,
  mqtt: mqttConfigSchema,
  zeek: fileConfigSchema,
  suricata: fileConfigSchema,
  winevent: fileConfigSchema,
} as const satisfies Record<EventSourceType, z.ZodType>;

const sourceName = z.string().trim().min(1).max(100);
const common = {
  name: sourceName,
  orgId: orgId.optional(),
  enabled: z.boolean().optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: z.boolean().optional(),
};

export const sourceInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('syslog'), config: syslogConfigSchema, ...common }),
  z.strictObject({ type: z.literal('mqtt'), config: mqttConfigSchema, ...common }),
  z.strictObject({ type: z.literal('zeek'), config: fileConfigSchema, ...common }),
  z.strictObject({ type: z.literal('suricata'), config: fileConfigSchema, ...common }),
  z.strictObject({ type: z.literal('winevent'), config: fileConfigSchema, ...common }),
]);

/** A change: the config, when given, is checked against the source's type by the service. */
export const sourcePatchSchema = z.strictObject({
  name: sourceName.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: z.boolean().optional(),
});

export const sourceIdParams = z.strictObject({ id: z.string().min(1).max(100) });

export const sourceListQuery = z.strictObject({
  type: z.enum(eventSourceTypes).optional(),
  orgId: orgId.optional(),
});
