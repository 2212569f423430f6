// What the platform commands (org, user, token, audit) and every --org option need, locally or from a server.
import type { ApiToken, IssuedToken } from '../auth/auth.service.js';
import type { AuditEntry, AuditListOptions } from '../audit/audit.service.js';
import type { NewOrganisation, Organisation } from '../orgs/org.service.js';
import type { Industry } from '../orgs/sectors.js';
import type { OrganisationPlacement } from '../orgs/types.js';
import type { NewUser, User, UserPatch } from '../users/user.service.js';

export interface PlatformClient {
  listOrgs(): Promise<Organisation[]>;
  createOrg(input: NewOrganisation): Promise<Organisation>;
  placeOrg(id: string, patch: OrganisationPlacement): Promise<Organisation>;
  listIndustries(): Promise<Industry[]>;
  listUsers(orgId?: string): Promise<User[]>;
  createUser(input: NewUser): Promise<User>;
  updateUser(id: string, patch: UserPatch): Promise<User>;
  listTokens(userId?: string): Promise<ApiToken[]>;
  createToken(input: { name: string; userId?: string | undefined; expiresInDays?: number | undefined }): Promise<IssuedToken>;
  revokeToken(id: string): Promise<void>;
  listAudit(options: AuditListOptions): Promise<AuditEntry[]>;
}
