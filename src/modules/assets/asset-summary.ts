import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import type { Actor } from '../../platform/access.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { Db } from '../../storage/index.js';
import { visibleTo } from './asset.store.js';
import { criticalities, type Criticality } from './types.js';

export interface AssetSummary {
  readonly total: number;
  readonly sharedUpward: number;
  readonly byCriticality: Readonly<Record<Criticality, number>>;
  readonly byTlp: Readonly<Record<Tlp, number>>;
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * How the assets a reader may see divide by criticality, TLP and sharing: one grouped statement, so
 * the overview counts any inventory without paging through it.
 */
export async function selectAssetSummary(db: Db, actor: Actor): Promise<AssetSummary> {
  const rows = await db
    .selectFrom('assets as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .where(visibleTo(actor))
    .select(['a.criticality', 'a.tlp', 'a.shared_upward', sql<string>`count(*)`.as('n')])
    .groupBy(['a.criticality', 'a.tlp', 'a.shared_upward'])
    .execute();
  const byCriticality = zeroes(criticalities);
  const byTlp = zeroes(tlpLevels);
  let total = 0;
  let sharedUpward = 0;
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    byCriticality[row.criticality as Criticality] += n;
    byTlp[row.tlp as Tlp] += n;
    if (row.shared_upward) sharedUpward += n;
  }
  return { total, sharedUpward, byCriticality, byTlp };
}

const counts = <K extends string>(keys: readonly [K, ...K[]]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

export const assetSummarySchema = z.object({
  total: z.number().int(),
  sharedUpward: z.number().int(),
  byCriticality: counts(criticalities),
  byTlp: counts(tlpLevels),
});

export function assetSummaryRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/assets/summary',
      {
        schema: {
          tags: ['assets'],
          summary: 'How many assets you may see, by criticality, TLP marking and upward sharing',
          response: { 200: assetSummarySchema, ...commonErrors },
        },
      },
      async (request) => selectAssetSummary(db, actorOf(request)),
    );
  };
}
