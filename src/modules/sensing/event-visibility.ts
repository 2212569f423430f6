// Who may read an event: the same rule as every other resource (ADR 002), once as SQL on the copied
// `org_path` column (no join on the hot path) and once in memory for events the live tail receives.
import type { ExpressionBuilder } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { tlpShareableUpward } from '../../platform/tlp.js';
import type { Tables } from '../../storage/index.js';
import type { SensedEvent } from './types.js';

type From = ExpressionBuilder<Tables & { e: Tables['events'] }, 'e'>;

/** Own organisation; ancestors' analysts, responders and admins see events shared upward with a TLP that travels. */
export function eventVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('e.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([own, eb.and([eb('e.org_path', 'like', `${actor.orgPath}%`), eb('e.shared_upward', '=', true), eb('e.tlp', 'in', [...tlpShareableUpward])])]);
  };
}

/** The same rule for an event in hand; `orgPath` is its organisation's path. */
export function eventVisible(actor: Actor, event: Pick<SensedEvent, 'orgId' | 'sharedUpward' | 'tlp'>, orgPath: string | undefined): boolean {
  if (actor.kind === 'system' || event.orgId === actor.orgId) return true;
  if (!upwardReaderRoles.includes(actor.role) || orgPath === undefined) return false;
  return orgPath.startsWith(actor.orgPath) && event.sharedUpward && tlpShareableUpward.includes(event.tlp);
}
