// Baselines as people see them: listed with learning progress, shown with content, versions and
// deviations (ADR 002 reads, as alerts); accepting deviations, relearning and the learning period are
// writes of the owning organisation's admins and analysts, each a new version and an audit record.
import { writerRoles, type Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { InputError, NotAllowedError, NotFoundError } from '../../../platform/errors.js';
import type { Database } from '../../../storage/index.js';
import {
  bumpVersion, itemCounts, markAccepted, openDeviationCounts, resetBaseline, selectAdds, selectDeviations, selectItemRows, selectOrgLearningMs, selectVersions, selectVisibleBaseline,
  selectVisibleBaselines, toItem, updateBaselineSettings, upsertItems, upsertOrgLearningMs,
} from './baseline.store.js';
import type { BaselineRuntime } from './runtime.js';
import type { Baseline, BaselineChange, BaselineDetail, BaselineListFilter, BaselineSettings, BaselineSummary } from './types.js';

const HOUR = 3_600_000;

export function progressOf(b: Baseline): number {
  if (b.state === 'active') return 1;
  if (b.learnStart === null || b.learnedThrough === null) return 0;
  return Math.max(0, Math.min(1, (Date.parse(b.learnedThrough) - Date.parse(b.learnStart)) / b.learningMs));
}

export function createBaselineService(database: Database, runtime: BaselineRuntime) {
  const { db } = database;

  async function load(actor: Actor, id: string): Promise<Baseline> {
    const b = await selectVisibleBaseline(db, actor, id);
    if (b === undefined) throw new NotFoundError(`baseline ${id} not found`);
    return b;
  }

  function requireWriter(actor: Actor, orgId: string): void {
    if (actor.kind === 'system') return;
    if (actor.orgId !== orgId || !writerRoles.includes(actor.role)) throw new NotAllowedError('only admins and analysts of the baseline’s organisation may change it');
  }

  async function summaries(list: readonly Baseline[]): Promise<BaselineSummary[]> {
    const ids = list.map((b) => b.id);
    const [items, open] = await Promise.all([itemCounts(db, ids), openDeviationCounts(db, ids)]);
    return list.map((b) => ({ ...b, progress: progressOf(b), items: items.get(b.id) ?? {}, openDeviations: open.get(b.id) ?? 0 }));
  }

  async function detail(actor: Actor, id: string): Promise<BaselineDetail> {
    const b = await load(actor, id);
    const [[summary], content, versions, deviations] = await Promise.all([summaries([b]), selectItemRows(db, id), selectVersions(db, id), selectDeviations(db, id)]);
    return { ...(summary as BaselineSummary), content: content.map(toItem), versions, deviations };
  }

  return {
    async list(actor: Actor, filter: BaselineListFilter = {}): Promise<{ items: BaselineSummary[]; settings: BaselineSettings | null }> {
      const items = await summaries(await selectVisibleBaselines(db, actor, filter));
      const settings = actor.kind === 'system' ? null : { orgId: actor.orgId, learningHours: (await selectOrgLearningMs(db, actor.orgId)) / HOUR };
      return { items, settings };
    },

    get: detail,

    /** The zone's learning period (from the next relearn or while still learning) and marking. */
    async update(actor: Actor, id: string, change: BaselineChange): Promise<BaselineDetail> {
      const b = await load(actor, id);
      requireWriter(actor, b.orgId);
      if (change.learningHours === undefined && change.tlp === undefined && change.sharedUpward === undefined) throw new InputError('nothing to change', [{ path: 'learningHours', message: 'give a learning period, a TLP or sharedUpward' }]);
      await db.transaction().execute(async (trx) => {
        await updateBaselineSettings(trx, id, { learningMs: change.learningHours === undefined ? undefined : Math.round(change.learningHours * HOUR), tlp: change.tlp, sharedUpward: change.sharedUpward });
        await recordAudit(trx, actor, { action: 'detection.baseline.update', targetType: 'baseline', targetId: id, orgId: b.orgId, details: { ...change } });
      });
      runtime.invalidate();
      return detail(actor, id);
    },

    /** What the deviations saw becomes normal: a new version of the baseline; already accepted ones are left as they are. */
    async accept(actor: Actor, id: string, deviationIds: readonly string[], note?: string): Promise<BaselineDetail> {
      const b = await load(actor, id);
      requireWriter(actor, b.orgId);
      const unique = [...new Set(deviationIds)];
      const found = await selectDeviations(db, id, unique);
      const missing = unique.filter((d) => !found.some((f) => f.id === d));
      if (missing.length > 0) throw new NotFoundError(`${missing.length} deviation(s) not found in this baseline`, missing.slice(0, 20).map((m) => ({ path: 'deviations', message: `${m} not found` })));
      const open = found.filter((d) => d.status === 'open');
      if (open.length > 0) {
        await db.transaction().execute(async (trx) => {
          const version = await bumpVersion(trx, id, 'accepted', actor.username, { deviations: open.map((d) => ({ id: d.id, kind: d.kind, key: d.key, seen: d.seen })), ...(note === undefined ? {} : { note }) });
          const at = Math.max(...open.map((d) => Date.parse(d.lastSeen)));
          const adds = await selectAdds(trx, open.map((d) => d.id));
          const items = new Map(adds.map((a) => [`${a.kind}\u0000${a.key}`, { baselineId: id, kind: a.kind, key: a.key, count: 0, first: at, last: at, lo: a.lo ?? null, hi: a.hi ?? null, ivN: 0, ivSum: 0, ivSumsq: 0, ivMin: a.intervalMs ?? null, ivMax: a.intervalMs ?? null }]));
          await upsertItems(trx, [...items.values()], 'accepted', version);
          await markAccepted(trx, open.map((d) => d.id), actor.username, version);
          await recordAudit(trx, actor, { action: 'detection.baseline.accept', targetType: 'baseline', targetId: id, orgId: b.orgId, details: { version, deviations: open.map((d) => d.id), ...(note === undefined ? {} : { note }) } });
        });
        runtime.invalidate();
      }
      return detail(actor, id);
    },

    /** Starts learning again from the next event; the old content is kept in the version it ends. */
    async relearn(actor: Actor, id: string, reason?: string): Promise<BaselineDetail> {
      const b = await load(actor, id);
      requireWriter(actor, b.orgId);
      const previous = (await selectItemRows(db, id)).slice(0, 5_000).map(toItem);
      await db.transaction().execute(async (trx) => {
        const version = await bumpVersion(trx, id, 'relearn', actor.username, { previous: { version: b.version, state: b.state, items: previous }, ...(reason === undefined ? {} : { reason }) });
        await resetBaseline(trx, id);
        await recordAudit(trx, actor, { action: 'detection.baseline.relearn', targetType: 'baseline', targetId: id, orgId: b.orgId, details: { version, ...(reason === undefined ? {} : { reason }) } });
      });
      runtime.invalidate();
      return detail(actor, id);
    },

    async settings(actor: Actor, orgId?: string): Promise<BaselineSettings> {
      const org = orgId ?? actor.orgId;
      if (actor.kind !== 'system' && org !== actor.orgId) throw new NotFoundError('no baseline settings of that organisation for you');
      return { orgId: org, learningHours: (await selectOrgLearningMs(db, org)) / HOUR };
    },

    /** The organisation's learning period for zones that start learning from now on. */
    async setSettings(actor: Actor, input: { orgId?: string | undefined; learningHours: number }): Promise<BaselineSettings> {
      const org = input.orgId ?? actor.orgId;
      if (actor.kind !== 'system' && org !== actor.orgId) throw new NotFoundError('no baseline settings of that organisation for you');
      requireWriter(actor, org);
      if (org === '') throw new InputError('the system operator names the organisation', [{ path: 'orgId', message: 'required' }]);
      await db.transaction().execute(async (trx) => {
        await upsertOrgLearningMs(trx, org, Math.round(input.learningHours * HOUR), actor.username);
        await recordAudit(trx, actor, { action: 'detection.baseline.settings', targetType: 'organisation', targetId: org, orgId: org, details: { learningHours: input.learningHours } });
      });
      return { orgId: org, learningHours: input.learningHours };
    },
  };
}

export type BaselineService = ReturnType<typeof createBaselineService>;
