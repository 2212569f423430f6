import { z } from 'zod';
import { tlpLevels } from '../../platform/tlp.js';
import { identityAttributes, operationClasses, protocolIds } from './dissectors/types.js';
import { deviceRoles } from './analysis/types.js';
import { captureJobStatuses } from './resources.js';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const uploadCaptureQuery = z.strictObject({
  name: z.string().trim().min(1).max(200),
  tlp: z.enum(tlpLevels).optional(),
  sharedUpward: booleanQuery.optional(),
  mergeAssets: booleanQuery.optional(),
  reanalyze: booleanQuery.optional(),
});

export const listCapturesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const operationsQuery = z.strictObject({
  protocol: z.enum(protocolIds).optional(),
  /** One class or several, comma-separated. */
  operation: z
    .string()
    .max(300)
    .refine((v) => v.split(',').every((c) => (operationClasses as readonly string[]).includes(c)), 'unknown operation class')
    .optional(),
  host: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const summarySchema = z.object({
  format: z.enum(['pcap', 'pcapng']),
  frames: z.number(),
  bytes: z.number(),
  firstTime: z.string().nullable(),
  lastTime: z.string().nullable(),
  elapsedMs: z.number(),
  packetsPerSecond: z.number(),
  megabytesPerSecond: z.number(),
  pdus: z.record(z.string(), z.number()),
  malformed: z.number(),
  hosts: z.number(),
  communications: z.number(),
  operations: z.number(),
  assets: z.object({ created: z.number(), updated: z.number(), conflicts: z.number() }),
  readError: z.object({ code: z.string(), message: z.string(), frame: z.number() }).nullable(),
});

export const captureJobSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  status: z.enum(captureJobStatuses),
  sizeBytes: z.number(),
  bytesRead: z.number(),
  progress: z.number(),
  frames: z.number(),
  summary: summarySchema.nullable(),
  error: z.string().nullable(),
  tlp: z.enum(tlpLevels),
  sharedUpward: z.boolean(),
  mergeAssets: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const captureJobPageSchema = z.object({ items: z.array(captureJobSchema), nextCursor: z.string().nullable() });

const evidenceSchema = z.object({ protocol: z.string(), frames: z.array(z.number()).readonly(), count: z.number() });

export const captureHostSchema = z.object({
  key: z.string(),
  assetId: z.string().nullable(),
  ip: z.string().nullable(),
  mac: z.string().nullable(),
  macVendor: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  packets: z.number(),
  bytes: z.number(),
  serves: z.array(z.string()).readonly(),
  uses: z.array(z.string()).readonly(),
  deviceType: z.enum(deviceRoles).nullable(),
  roles: z.array(z.object({ role: z.enum(deviceRoles), confidence: z.number(), reason: z.string(), frames: z.array(z.number()).readonly() })).readonly(),
  facts: z.array(z.object({ attribute: z.enum([...identityAttributes, 'mac-vendor']), value: z.string(), confidence: z.number(), evidence: evidenceSchema })).readonly(),
  identity: z.object({
    vendor: z.string().optional(),
    model: z.string().optional(),
    firmware: z.string().optional(),
    serial: z.string().optional(),
    name: z.string().optional(),
    deviceType: z.enum(deviceRoles).optional(),
    confidence: z.number(),
    rules: z.array(z.string()).readonly(),
  }),
});

export const captureCommunicationSchema = z.object({
  client: z.string(),
  server: z.string(),
  clientMac: z.string().nullable(),
  serverMac: z.string().nullable(),
  transport: z.string(),
  port: z.number().nullable(),
  protocol: z.string().nullable(),
  conversations: z.number(),
  packets: z.number(),
  bytes: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const captureOperationPageSchema = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      frame: z.number(),
      lastFrame: z.number(),
      time: z.string(),
      lastTime: z.string(),
      timeUs: z.number(),
      count: z.number(),
      protocol: z.string(),
      operation: z.string(),
      name: z.string(),
      code: z.number().nullable(),
      target: z.string().nullable(),
      values: z.string().nullable(),
      unit: z.number().nullable(),
      source: z.string(),
      destination: z.string(),
      result: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ).readonly(),
  nextCursor: z.string().nullable(),
  counts: z.object({ operation: z.record(z.string(), z.number()), protocol: z.record(z.string(), z.number()) }),
});

export const malformedSchema = z.array(z.object({ frame: z.number(), layer: z.string(), reason: z.string() }));

export const conflictSchema = z.array(
  z.object({
    assetId: z.string(),
    field: z.string(),
    jobId: z.string(),
    currentValue: z.string(),
    discoveredValue: z.string(),
    confidence: z.number(),
    evidence: z.string(),
    createdAt: z.string(),
  }),
);

export const ruleListSchema = z.array(z.looseObject({ id: z.string(), name: z.string(), builtin: z.boolean() }));
