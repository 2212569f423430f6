// Queries on playbooks; nothing else touches the table.
import type { ExpressionBuilder, Selectable } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import { tlpShareableUpward, type Tlp } from '../../platform/tlp.js';
import type { Db, Tables } from '../../storage/index.js';
import type { Playbook } from './cacao/index.js';
import type { PlaybookSummary } from './types.js';

type From = ExpressionBuilder<Tables & { p: Tables['playbooks']; o: Tables['organisations'] }, 'p' | 'o'>;
export type PlaybookRow = Selectable<Tables['playbooks']> & { org_path: string; org_name: string };

/** The read rule (ADR 002): the owner's members; admins, analysts and responders above when shared upward at CLEAR, GREEN or AMBER. */
export function playbookVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('p.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([own, eb.and([eb('o.path', 'like', `${actor.orgPath}%`), eb('p.shared_upward', '=', true), eb('p.tlp', 'in', [...tlpShareableUpward])])]);
  };
}

const rows = (db: Db) => db.selectFrom('playbooks as p').innerJoin('organisations as o', 'o.id', 'p.org_id').selectAll('p').select(['o.path as org_path', 'o.name as org_name']);

export function toSummary(row: PlaybookRow): PlaybookSummary {
  return {
    id: row.playbook_id, modified: row.modified, name: row.name, description: row.description, orgId: row.org_id, orgName: row.org_name,
    tlp: row.tlp as Tlp, sharedUpward: row.shared_upward, signed: row.signed, revoked: row.revoked, stepCount: row.step_count,
    importedBy: row.imported_by, importedAt: toIso(row.imported_at),
  };
}

export const contentOf = (row: PlaybookRow): Playbook => (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as Playbook;

/** Versions of one playbook the actor may read, newest first (by `modified`). */
export function selectVersions(db: Db, actor: Actor, id: string): Promise<PlaybookRow[]> {
  return rows(db).where(playbookVisibleTo(actor)).where('p.playbook_id', '=', id).orderBy('p.modified_at', 'desc').orderBy('p.modified', 'desc').execute();
}

/** The latest visible version of every playbook, by name. */
export async function selectLatest(db: Db, actor: Actor, filter: { readonly q?: string | undefined; readonly limit: number }): Promise<PlaybookRow[]> {
  let q = rows(db).where(playbookVisibleTo(actor));
  if (filter.q !== undefined && filter.q !== '') q = q.where((eb) => eb.or([eb('p.name', 'ilike', `%${filter.q}%`), eb('p.playbook_id', '=', filter.q as string)]));
  const all = await q.orderBy('p.playbook_id').orderBy('p.modified_at', 'desc').orderBy('p.modified', 'desc').execute();
  // Versions of one id held by two organisations are separate playbooks: latest per (org, id).
  const seen = new Set<string>();
  const latest = all.filter((r) => {
    const key = `${r.org_id} ${r.playbook_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return latest.sort((a, b) => a.name.localeCompare(b.name) || a.playbook_id.localeCompare(b.playbook_id)).slice(0, filter.limit);
}

/** The (id, modified) pairs the actor may read: what a playbook-action may call. */
export async function selectKnownVersions(db: Db, actor: Actor): Promise<Map<string, Set<string>>> {
  const found = await db.selectFrom('playbooks as p').innerJoin('organisations as o', 'o.id', 'p.org_id').where(playbookVisibleTo(actor)).select(['p.playbook_id', 'p.modified']).execute();
  const known = new Map<string, Set<string>>();
  for (const r of found) known.set(r.playbook_id, (known.get(r.playbook_id) ?? new Set()).add(r.modified));
  return known;
}

export function selectOwnVersion(db: Db, orgId: string, id: string, modified: string): Promise<PlaybookRow | undefined> {
  return rows(db).where('p.org_id', '=', orgId).where('p.playbook_id', '=', id).where('p.modified', '=', modified).executeTakeFirst();
}

export type NewPlaybookRow = Omit<Selectable<Tables['playbooks']>, 'imported_at' | 'content'> & { content: string };

export async function insertPlaybook(db: Db, row: NewPlaybookRow): Promise<void> {
  await db.insertInto('playbooks').values(row).execute();
}

export async function deletePlaybook(db: Db, orgId: string, id: string, modified: string | undefined): Promise<number> {
  let q = db.deleteFrom('playbooks').where('org_id', '=', orgId).where('playbook_id', '=', id);
  if (modified !== undefined) q = q.where('modified', '=', modified);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}
