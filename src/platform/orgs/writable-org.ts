// Which organisation a write goes to. People write only in their own organisation (naming another is
// refused with `refusal`); the local operator (CLI on the database) must name one, and it must exist.
import type { Actor } from '../access.js';
import { InputError, NotAllowedError, NotFoundError } from '../errors.js';
import type { Db } from '../../storage/index.js';
import { selectOrgById } from './org.store.js';

export async function writableOrg(db: Db, actor: Actor, orgId: string | undefined, refusal: string): Promise<string> {
  if (actor.kind === 'system') {
    if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation' }]);
    if ((await selectOrgById(db, orgId)) === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
    return orgId;
  }
  if (orgId !== undefined && orgId !== actor.orgId) throw new NotAllowedError(refusal);
  return actor.orgId;
}
