// Whether a hit falls under a suppression: every scope field the suppression sets must match, and
// it must not have expired.
import type { SensedEvent } from '../sensing/index.js';
import type { Suppression } from './types.js';

export interface HitScope {
  readonly orgId: string;
  readonly ruleId: string;
  readonly entity: string;
  readonly assetIds: readonly string[];
  readonly event: SensedEvent;
}

/** A dotted field of the event (`source.ip`, `ics.function`), or a top-level property (`message`). */
export function fieldValue(event: SensedEvent, path: string): string | undefined {
  let node: unknown = event.fields;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') {
      node = undefined;
      break;
    }
    node = (node as Record<string, unknown>)[part];
  }
  if (node === undefined) node = (event as unknown as Record<string, unknown>)[path];
  if (node === undefined || node === null || typeof node === 'object') return undefined;
  return String(node);
}

export function suppresses(s: Suppression, hit: HitScope, nowMs: number): boolean {
  if (s.orgId !== hit.orgId) return false;
  if (s.expiresAt !== null && Date.parse(s.expiresAt) <= nowMs) return false;
  if (s.ruleId !== null && s.ruleId !== hit.ruleId) return false;
  if (s.entity !== null && s.entity !== hit.entity) return false;
  if (s.assetId !== null && !hit.assetIds.includes(s.assetId)) return false;
  if (s.field !== null && fieldValue(hit.event, s.field) !== (s.value ?? undefined)) return false;
  return true;
}
