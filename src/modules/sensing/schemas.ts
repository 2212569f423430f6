// What crosses the events API: NDJSON event drafts, query strings, and the answers' shapes.
import { z } from 'zod';
import { tlpLevels } from '../../platform/tlp.js';
import { operationClasses } from '../capture/dissectors/types.js';
import { maxQueryLength } from './query-language.js';
import { eventKinds, eventSeverities, sourceTypes } from './types.js';

const text = (max = 1024) => z.string().max(max);
const port = z.number().int().min(0).max(65535);
const count = z.number().int().min(0);

const endpoint = z.strictObject({ ip: text(64).optional(), port: port.optional(), mac: text(64).optional(), domain: text(255).optional(), bytes: count.optional(), packets: count.optional() });

const ics = z.strictObject({
  protocol: text(64).optional(),
  operation: z.enum(operationClasses).optional(),
  function: text(200).optional(),
  code: z.number().int().optional(),
  target: text().optional(),
  values: text(4096).optional(),
  unit: z.number().int().optional(),
  result: z.enum(['ok', 'exception', 'error']).optional(),
  value: z.union([z.number(), text(4096), z.boolean()]).optional(),
  uom: text(64).optional(),
});

const list = z.array(text(200)).max(32);

/** EventFields: ECS sections, strict, so a misspelt field is an error on its line rather than lost. */
export const eventFieldsSchema = z.strictObject({
  source: endpoint.optional(),
  destination: endpoint.optional(),
  network: z.strictObject({ protocol: text(64).optional(), transport: text(64).optional(), bytes: count.optional(), packets: count.optional(), community_id: text(128).optional() }).optional(),
  event: z
    .strictObject({
      action: text(200).optional(),
      outcome: z.enum(['success', 'failure', 'unknown']).optional(),
      category: list.optional(),
      type: list.optional(),
      code: text(64).optional(),
      provider: text(200).optional(),
      dataset: text(200).optional(),
      duration: z.number().min(0).optional(),
    })
    .optional(),
  observer: z.strictObject({ name: text(255).optional(), hostname: text(255).optional(), type: text(64).optional(), vendor: text(200).optional(), product: text(200).optional() }).optional(),
  host: z.strictObject({ name: text(255).optional(), ip: text(64).optional() }).optional(),
  process: z
    .strictObject({
      name: text(255).optional(),
      pid: z.number().int().min(0).optional(),
      command_line: text(8192).optional(),
      executable: text(1024).optional(),
      parent: z.strictObject({ name: text(255).optional(), command_line: text(8192).optional() }).optional(),
    })
    .optional(),
  user: z.strictObject({ name: text(255).optional(), domain: text(255).optional() }).optional(),
  file: z.strictObject({ name: text(1024).optional(), path: text(4096).optional(), hash: z.strictObject({ sha256: text(64).optional(), md5: text(32).optional() }).optional() }).optional(),
  url: z.strictObject({ original: text(8192).optional(), domain: text(255).optional(), path: text(8192).optional() }).optional(),
  dns: z.strictObject({ question: z.strictObject({ name: text(255).optional(), type: text(32).optional() }).optional() }).optional(),
  rule: z.strictObject({ id: text(200).optional(), name: text(1024).optional(), category: text(200).optional() }).optional(),
  log: z
    .strictObject({
      syslog: z
        .strictObject({
          facility: z.number().int().min(0).max(23).optional(),
          severity: z.number().int().min(0).max(7).optional(),
          appname: text(64).optional(),
          procid: text(128).optional(),
          msgid: text(64).optional(),
          structured_data: z.record(text(64), z.record(text(64), text(4096))).optional(),
        })
        .optional(),
    })
    .optional(),
  ics: ics.optional(),
  labels: z.record(text(128), text(4096)).optional(),
});

/** One NDJSON line: an EventDraft (types.ts). */
export const eventDraftSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/, 'printable ASCII without spaces, at most 128 characters')
    .optional(),
  time: z.iso.datetime({ offset: true }),
  kind: z.enum(eventKinds),
  severity: z.enum(eventSeverities),
  message: z.string().max(65536),
  fields: eventFieldsSchema,
  raw: z.string().max(1_048_576).optional(),
  origin: z
    .strictObject({ file: text(4096).optional(), line: z.number().int().min(0).optional(), frame: z.number().int().min(0).optional(), sender: text(300).optional(), stream: text(300).optional() })
    .optional(),
});

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
/** ISO 8601, or relative to now: `now`, `now-15m`, `now-24h`, `now-7d`. */
const timeBound = z.string().max(40);
const queryText = z.string().max(maxQueryLength);

const window = { query: queryText.optional(), from: timeBound.optional(), to: timeBound.optional() };

export const eventSearchQuery = z.strictObject({
  ...window,
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(500).optional(),
  /** Event properties to return (comma-separated); `id` and `time` always come. */
  fields: z.string().max(500).optional(),
});
export const eventCountQuery = z.strictObject(window);
export const eventHistogramQuery = z.strictObject({
  ...window,
  /** `30s`, `5m`, `1h`, `1d` ...; chosen from the range when absent. */
  interval: z
    .string()
    .regex(/^\d{1,6}[smhd]$/, 'a number and a unit: s, m, h or d (e.g. 5m)')
    .optional(),
});
export const eventTopQuery = z.strictObject({ ...window, field: z.string().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).optional() });
export const eventTailQuery = z.strictObject({ query: queryText.optional() });
export const eventIngestQuery = z.strictObject({
  orgId: z.string().min(1).max(100).optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: booleanQuery.optional(),
  /** The name the events' source is shown with (default: http). */
  source: z.string().trim().min(1).max(200).optional(),
});

export const sensedEventSchema = z.object({
  id: z.string(),
  time: z.string(),
  receivedAt: z.string().optional(),
  orgId: z.string().optional(),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: z.boolean().optional(),
  source: z.object({ type: z.enum(sourceTypes), id: z.string(), name: z.string() }).optional(),
  kind: z.enum(eventKinds).optional(),
  severity: z.enum(eventSeverities).optional(),
  message: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  assets: z.object({ source: z.string().optional(), destination: z.string().optional() }).optional(),
  raw: z.string().nullable().optional(),
  rawTruncated: z.boolean().optional(),
  origin: z.record(z.string(), z.unknown()).optional(),
});

const windowSchema = { from: z.string(), to: z.string() };

export const eventPageSchema = z.object({ items: z.array(sensedEventSchema), nextCursor: z.string().nullable(), ...windowSchema });
export const eventCountSchema = z.object({ count: z.number(), ...windowSchema });
export const eventHistogramSchema = z.object({
  interval: z.string(),
  intervalSeconds: z.number(),
  buckets: z.array(z.object({ start: z.string(), count: z.number() })),
  ...windowSchema,
});
export const eventTopSchema = z.object({ field: z.string(), values: z.array(z.object({ value: z.string(), count: z.number() })), events: z.number(), ...windowSchema });
export const ingestReportSchema = z.object({
  lines: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  issues: z.array(z.object({ line: z.number(), path: z.string(), message: z.string() })),
  issuesTruncated: z.boolean(),
});

/** Ten years: longer is a mistake more often than a policy. */
export const MAX_RETENTION_DAYS = 3650;
const retentionOrg = z.string().min(1).max(100);
export const retentionQuery = z.strictObject({ orgId: retentionOrg.optional() });
export const retentionInputSchema = z.strictObject({
  orgId: retentionOrg.optional(),
  /** null: the organisation's own setting goes and the server's default applies. */
  days: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable(),
});
export const retentionSchema = z.object({ orgId: z.string(), days: z.number(), ownDays: z.number().nullable(), defaultDays: z.number() });
