// Deterministic event ids: the same content from the same organisation is the same event, so an input
// that sends again (a sensor after an outage, a re-imported file, a NATS redelivery) never stores twice.
import { createHash } from 'node:crypto';
import type { EventDraft } from './types.js';

/** Ids a source may name itself (NDJSON ingest): printable ASCII without spaces, bounded. */
const OWN_ID = /^[\x21-\x7e]{1,128}$/;

export function isValidEventId(id: string): boolean {
  return OWN_ID.test(id);
}

/**
 * JSON with object keys sorted at every level and undefined members left out, so two drafts that
 * differ only in key order (a parser's construction order, a client's serializer) hash alike.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The id of a draft within an organisation: its own when it names one, else 32 hex digits of SHA-256
 * over the organisation, the normalized time, kind, source type, message, fields and origin.
 * `time` must already be normalized (normalize.ts), so offsets that name the same instant agree.
 */
export function eventId(orgId: string, sourceType: string, time: string, draft: Pick<EventDraft, 'id' | 'kind' | 'message' | 'fields' | 'origin'>): string {
  if (draft.id !== undefined) return draft.id;
  return createHash('sha256')
    .update(orgId)
    .update('\n')
    .update(time)
    .update('\n')
    .update(draft.kind)
    .update('\n')
    .update(sourceType)
    .update('\n')
    .update(draft.message)
    .update('\n')
    .update(canonicalJson(draft.fields))
    .update('\n')
    .update(canonicalJson(draft.origin ?? {}))
    .digest('hex')
    .slice(0, 32);
}
