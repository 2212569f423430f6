// What crosses the HTTP boundary for playbooks. The CACAO document itself is checked by our
// validator (every problem with its path), so the body here is only "a JSON object".
import { z } from 'zod';
import { tlpLevels } from '../../platform/tlp.js';

const playbookId = z.string().regex(/^playbook--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'a CACAO playbook id (playbook--uuid)');
const version = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'a playbook version: its modified timestamp');
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const playbookIdParams = z.strictObject({ id: playbookId });
export const playbookDocument = z.record(z.string(), z.unknown());
export const playbookListQuery = z.strictObject({ q: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });
export const playbookImportQuery = z.strictObject({ tlp: z.enum(tlpLevels).optional(), shared: booleanQuery.optional() });
export const playbookShowQuery = z.strictObject({ modified: version.optional() });
export const playbookExportQuery = z.strictObject({ modified: version.optional(), secrets: booleanQuery.optional(), sign: booleanQuery.optional() });
export const playbookDeleteQuery = z.strictObject({ modified: version.optional() });
