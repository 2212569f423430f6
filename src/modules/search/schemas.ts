import { z } from 'zod';
import { assetFieldSourceSchema, assetSchema } from '../assets/index.js';
import { conflictSchema } from '../capture/index.js';
import { hitKinds } from './types.js';

export const searchQuery = z.strictObject({ q: z.string().trim().min(1).max(200).describe('an IP or MAC address, host or asset name, CVE or advisory id, STIX id, indicator value or any words') });

export const searchAnswerSchema = z.object({
  query: z.string(),
  recognised: z.enum(['ip', 'mac', 'cve', 'advisory', 'stix', 'hostname', 'text']),
  hits: z.array(z.object({ kind: z.enum(hitKinds), id: z.string(), label: z.string(), detail: z.string().nullable(), link: z.string(), exact: z.boolean() })),
});

export const assetContextSchema = z.object({
  asset: assetSchema,
  sources: z.array(assetFieldSourceSchema),
  captures: z.array(
    z.object({
      jobId: z.string(),
      jobName: z.string(),
      capturedAt: z.string(),
      hostKey: z.string(),
      ip: z.string().nullable(),
      mac: z.string().nullable(),
      deviceType: z.string().nullable(),
      serves: z.array(z.string()),
      uses: z.array(z.string()),
      packets: z.number(),
      bytes: z.number(),
      firstSeen: z.string(),
      lastSeen: z.string(),
    }),
  ),
  communications: z.array(
    z.object({
      jobId: z.string(),
      peer: z.string(),
      role: z.enum(['client', 'server']),
      transport: z.string(),
      port: z.number().nullable(),
      protocol: z.string().nullable(),
      packets: z.number(),
      bytes: z.number(),
      lastSeen: z.string(),
    }),
  ),
  operations: z.array(
    z.object({
      jobId: z.string(),
      time: z.string(),
      protocol: z.string(),
      operation: z.string(),
      name: z.string(),
      source: z.string(),
      destination: z.string(),
      target: z.string().nullable(),
      result: z.string().nullable(),
      count: z.number(),
    }),
  ),
  conflicts: conflictSchema,
  sightings: z.array(
    z.object({ id: z.string(), type: z.string(), name: z.string().nullable(), orgName: z.string(), tlp: z.string(), matched: z.enum(['ip', 'mac', 'name']), value: z.string() }),
  ),
});
