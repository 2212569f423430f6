// Contradictions between independent voices, found when a batch is written: the same relationship
// claim revoked by one and asserted by another, or an opinion disputing what another holds.
import type { Db } from '../../storage/index.js';
import { selectClaims, selectHolders, type ConflictRow, type VersionRow } from './intel.store.js';
import { voiceKey } from './corroboration.js';
import type { StixObject } from './stix-facts.js';

const DISAGREE = new Set(['disagree', 'strongly-disagree']);

/**
 * Claims that contradict across independent voices: the same relationship (type, source, target)
 * live for one and revoked for another, or an opinion disagreeing with what another holds.
 */
export async function claimConflicts(db: Db, rows: readonly VersionRow[], options: { readonly orgId: string; readonly source: string }): Promise<ConflictRow[]> {
  const out: ConflictRow[] = [];
  const myVoice = voiceKey(options.orgId, options.source);
  const relationships = rows.filter((r) => r.type === 'relationship' && r.source_ref !== null && r.target_ref !== null);
  if (relationships.length > 0) {
    const claims = await selectClaims(db, [...new Set(relationships.map((r) => r.source_ref as string))], options.orgId, options.source);
    const byClaim = new Map<string, typeof claims>();
    for (const c of claims) {
      const key = `${c.relationship_type}\n${c.source_ref}\n${c.target_ref}`;
      const list = byClaim.get(key);
      if (list === undefined) byClaim.set(key, [c]);
      else list.push(c);
    }
    for (const r of relationships) {
      const type = (r.object as StixObject)['relationship_type'];
      for (const c of byClaim.get(`${String(type)}\n${r.source_ref ?? ''}\n${r.target_ref ?? ''}`) ?? []) {
        if (voiceKey(c.org_id, c.source) === myVoice || c.revoked === r.revoked) continue;
        out.push({
          kind: 'revoked',
          object_id: r.id,
          version: r.version,
          org_id: options.orgId,
          source: options.source,
          other_org_id: c.org_id,
          other_source: c.source,
          detail: `${String(type)} ${r.source_ref ?? ''} → ${r.target_ref ?? ''} is ${r.revoked ? 'revoked here' : 'asserted here'} and ${c.revoked ? 'revoked' : 'asserted'} by ${c.id}`,
        });
      }
    }
  }
  const opinions = rows.filter((r) => r.type === 'opinion' && DISAGREE.has(String((r.object as StixObject)['opinion'])));
  if (opinions.length > 0) {
    const targets = [...new Set(opinions.flatMap((r) => ((r.object as StixObject)['object_refs'] as string[] | undefined) ?? []))];
    const holders = await selectHolders(db, targets);
    for (const r of opinions) {
      const refs = new Set(((r.object as StixObject)['object_refs'] as string[] | undefined) ?? []);
      for (const h of holders) {
        if (!refs.has(h.id) || voiceKey(h.org_id, h.source) === myVoice) continue;
        out.push({
          kind: 'disputed',
          object_id: h.id,
          version: h.version,
          org_id: options.orgId,
          source: options.source,
          other_org_id: h.org_id,
          other_source: h.source,
          detail: `opinion ${r.id} (${String((r.object as StixObject)['opinion'])}) disputes it`,
        });
      }
    }
  }
  return out;
}

