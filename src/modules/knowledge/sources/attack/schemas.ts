import { z } from 'zod';
import { timestampText } from '../timestamp.js';

// STIX 2.1 bundle as MITRE publishes ATT&CK for ICS (mitre-attack/attack-stix-data). Lenient:
// unknown properties are ignored; each object is validated on its own.

export const stixBundleSchema = z.object({
  type: z.literal('bundle'),
  objects: z.array(z.unknown()),
});

/** The STIX common properties every object must have before it can be dispatched on its type. */
export const stixObjectHeadSchema = z.object({
  type: z.string().min(1),
  id: z.string().regex(/^[a-z0-9-]+--[0-9a-f-]{36}$/i, 'not a STIX identifier (type--UUID)'),
});

export const stixExternalReferenceSchema = z.object({
  source_name: z.string(),
  external_id: z.string().optional(),
  url: z.string().optional(),
});

export const attackObjectSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().min(1),
  description: z.string().optional(),
  modified: timestampText.optional(),
  revoked: z.boolean().optional(),
  external_references: z.array(stixExternalReferenceSchema).optional(),
  kill_chain_phases: z.array(z.object({ kill_chain_name: z.string(), phase_name: z.string() })).optional(),
  x_mitre_deprecated: z.boolean().optional(),
  x_mitre_shortname: z.string().optional(),
  x_mitre_platforms: z.array(z.string()).optional(),
});
export type AttackObject = z.infer<typeof attackObjectSchema>;

export const stixRelationshipSchema = z.object({
  id: z.string(),
  relationship_type: z.string().min(1),
  source_ref: z.string().min(1),
  target_ref: z.string().min(1),
  description: z.string().optional(),
  revoked: z.boolean().optional(),
  x_mitre_deprecated: z.boolean().optional(),
});
