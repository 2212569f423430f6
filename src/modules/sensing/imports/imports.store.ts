// The event_imports table: jobs with their progress, read by the same rule as every other resource.
import type { ExpressionBuilder } from 'kysely';
import type { Db, Tables } from '../../../storage/index.js';
import { upwardReaderRoles, type Actor } from '../../../platform/access.js';
import { toIso } from '../../../platform/crypto.js';
import { tlpShareableUpward, type Tlp } from '../../../platform/tlp.js';
import type { ImportFormat } from '../event-import.js';
import type { EventImportJob, ImportJobFormat, ImportJobIssue, ImportJobStatus, ImportProgress } from './types.js';

type From = ExpressionBuilder<Tables & { i: Tables['event_imports']; o: Tables['organisations'] }, 'i' | 'o'>;

/** Own organisation; ancestors' analysts, responders and admins see jobs shared upward with a TLP that travels. */
function importVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('i.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([own, eb.and([eb('o.path', 'like', `${actor.orgPath}%`), eb('i.shared_upward', '=', true), eb('i.tlp', 'in', [...tlpShareableUpward])])]);
  };
}

function imports(db: Db) {
  return db.selectFrom('event_imports as i').innerJoin('organisations as o', 'o.id', 'i.org_id').selectAll('i').select('o.name as org_name');
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof imports>['executeTakeFirst']>>>;

function toJob(row: Row): EventImportJob {
  const size = Number(row.size_bytes);
  const read = Number(row.bytes_read);
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    format: row.format as ImportJobFormat,
    detectedFormat: row.detected_format as ImportFormat | null,
    status: row.status as ImportJobStatus,
    tlp: row.tlp as Tlp,
    sharedUpward: row.shared_upward,
    sizeBytes: size,
    bytesRead: read,
    progress: row.status === 'finished' ? 1 : size === 0 ? 0 : Math.min(1, read / size),
    lines: Number(row.lines),
    eventsOffered: Number(row.events_offered),
    eventsStored: Number(row.events_stored),
    issuesCount: Number(row.issues_count),
    issues: (row.issues as ImportJobIssue[] | null) ?? [],
    error: row.error,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    startedAt: row.started_at ? toIso(row.started_at) : null,
    finishedAt: row.finished_at ? toIso(row.finished_at) : null,
  };
}

export interface NewImportRow {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly format: ImportJobFormat;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly sizeBytes: number;
  readonly createdBy: string;
}

export async function insertImport(db: Db, row: NewImportRow): Promise<void> {
  await db
    .insertInto('event_imports')
    .values({ id: row.id, org_id: row.orgId, name: row.name, format: row.format, tlp: row.tlp, shared_upward: row.sharedUpward, size_bytes: row.sizeBytes, status: 'queued', detected_format: null, error: null, bytes_read: 0, lines: 0, events_offered: 0, events_stored: 0, issues_count: 0, created_by: row.createdBy })
    .execute();
}

export async function selectImport(db: Db, actor: Actor, id: string): Promise<EventImportJob | undefined> {
  const row = await imports(db).where('i.id', '=', id).where(importVisibleTo(actor)).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function selectImports(db: Db, actor: Actor, query: { readonly limit: number; readonly status?: ImportJobStatus | undefined }): Promise<EventImportJob[]> {
  let q = imports(db).where(importVisibleTo(actor));
  if (query.status !== undefined) q = q.where('i.status', '=', query.status);
  const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(query.limit).execute();
  return rows.map(toJob);
}

export async function markStarted(db: Db, id: string): Promise<void> {
  await db.updateTable('event_imports').set({ status: 'running', started_at: new Date() }).where('id', '=', id).execute();
}

export async function updateProgress(db: Db, id: string, p: ImportProgress): Promise<void> {
  await db
    .updateTable('event_imports')
    .set({
      bytes_read: p.bytesRead,
      lines: p.lines,
      events_offered: p.eventsOffered,
      events_stored: p.eventsStored,
      issues_count: p.issuesCount,
      issues: JSON.stringify(p.issues),
      detected_format: p.detectedFormat,
    })
    .where('id', '=', id)
    .execute();
}

export async function markEnded(db: Db, id: string, outcome: { readonly status: 'finished' | 'failed'; readonly error?: string }): Promise<void> {
  await db
    .updateTable('event_imports')
    .set({ status: outcome.status, error: outcome.error ?? null, finished_at: new Date() })
    .where('id', '=', id)
    .execute();
}
