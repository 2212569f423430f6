// Where each fact of an asset came from: the last writer of a field (a person through the console,
// API or CLI; passive discovery from a capture; a CSV import) is kept beside the asset.
import { sql } from 'kysely';
import type { Db } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import type { AssetFactSource, AssetFieldSource, AssetInput } from './types.js';

/** The facts whose origin is kept, in the API's names. */
export const trackedFacts = ['name', 'zone', 'ip', 'mac', 'vendor', 'model', 'firmwareVersion', 'criticality', 'tlp', 'sharedUpward'] as const;

/** The tracked facts an input sets (null clears a field: the clearing is a fact too). */
export function factsOf(input: Partial<Record<keyof AssetInput, unknown>>): string[] {
  return trackedFacts.filter((f) => input[f] !== undefined);
}

/** Records the source of the given fields of many assets in one statement. */
export async function recordFieldSources(
  db: Db,
  actor: Actor,
  source: AssetFactSource,
  jobId: string | null,
  changes: readonly { readonly id: string; readonly fields: readonly string[] }[],
): Promise<void> {
  const rows = changes.flatMap((c) => c.fields.map((field) => ({ asset_id: c.id, field, source, job_id: jobId, recorded_by: actor.username })));
  // Bounded by PostgreSQL's 65,535 parameters per statement (5 per row).
  for (let i = 0; i < rows.length; i += 10_000) {
    await db
      .insertInto('asset_field_sources')
      .values(rows.slice(i, i + 10_000))
      .onConflict((oc) =>
        oc.columns(['asset_id', 'field']).doUpdateSet((eb) => ({
          source: eb.ref('excluded.source'),
          job_id: eb.ref('excluded.job_id'),
          recorded_by: eb.ref('excluded.recorded_by'),
          recorded_at: sql`now()`,
        })),
      )
      .execute();
  }
}

export async function selectFieldSources(db: Db, assetId: string): Promise<AssetFieldSource[]> {
  const rows = await db.selectFrom('asset_field_sources').selectAll().where('asset_id', '=', assetId).execute();
  const order = (f: string) => trackedFacts.indexOf(f as (typeof trackedFacts)[number]);
  return rows
    .sort((a, b) => order(a.field) - order(b.field))
    .map((r) => ({ field: r.field, source: r.source as AssetFactSource, jobId: r.job_id, recordedBy: r.recorded_by, recordedAt: toIso(r.recorded_at) }));
}
