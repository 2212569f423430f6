import { getAttackMatrix } from '../../api/knowledge';
import type { AttackMatrix } from '../../api/knowledge-types';
import { useLoad } from '../../lib/use-load';

export interface AttackIndex {
  /** By external id (T0843): the STIX id the knowledge page opens, the name and the tactics. */
  readonly byId: ReadonlyMap<string, { readonly stixId: string; readonly name: string; readonly tactics: readonly string[] }>;
  readonly matrix: AttackMatrix | null;
  readonly failed: unknown;
}

/** The ATT&CK for ICS matrix of the knowledge base (one shared request), indexed by technique id. */
export function useAttackIndex(): AttackIndex {
  const { load } = useLoad((signal) => getAttackMatrix(signal), [], { key: ['knowledge', 'attack-matrix'] });
  const byId = new Map<string, { stixId: string; name: string; tactics: string[] }>();
  for (const tactic of load.data?.tactics ?? []) {
    for (const t of tactic.techniques) {
      if (t.externalId === null) continue;
      const seen = byId.get(t.externalId);
      if (seen === undefined) byId.set(t.externalId, { stixId: t.id, name: t.name, tactics: [tactic.name] });
      else seen.tactics.push(tactic.name);
    }
  }
  return { byId, matrix: load.data, failed: load.state === 'failed' ? load.error : null };
}
