// Corroboration (ADR 007): independent voices holding the same object, or for indicators the same
// pattern, raise the displayed confidence; the rule is a noisy-OR weighted by source reliability.
import type { Reliability } from './types.js';

/** How far a voice's word counts, by Admiralty reliability; F (cannot be judged) counts half. */
export const reliabilityWeight: Readonly<Record<Reliability, number>> = { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.5 };

/** Confidence assumed when neither the object nor its import states one (STIX "medium"). */
export const UNKNOWN_CONFIDENCE = 50;

export interface VoiceClaim {
  /** Independence key: the named source, else the organisation that speaks for itself. */
  readonly voice: string;
  readonly confidence: number | null;
  readonly reliability: Reliability;
  readonly revoked: boolean;
}

export function voiceKey(orgId: string, source: string): string {
  return source === '' ? `org:${orgId}` : `source:${source}`;
}

/**
 * The confidence to display for an object held by `own`: 1 - (1 - own) x product over the other
 * independent voices of (1 - weight x confidence), each voice counted once at its strongest, revoked
 * holdings not counted. One voice alone shows its own confidence; every independent voice raises it.
 */
export function corroborate(own: { voice: string; confidence: number | null }, claims: readonly VoiceClaim[]): { confidence: number; sources: number } {
  const base = (own.confidence ?? UNKNOWN_CONFIDENCE) / 100;
  const strongest = new Map<string, number>();
  for (const c of claims) {
    if (c.revoked || c.voice === own.voice) continue;
    const p = (reliabilityWeight[c.reliability] * (c.confidence ?? UNKNOWN_CONFIDENCE)) / 100;
    strongest.set(c.voice, Math.max(strongest.get(c.voice) ?? 0, p));
  }
  let doubt = 1 - base;
  for (const p of strongest.values()) doubt *= 1 - p;
  return { confidence: Math.min(100, Math.round((1 - doubt) * 100)), sources: strongest.size + 1 };
}
