import { apiUrl, request, requestNoContent } from './client';
import type { IssuedToken, Items, Organisation, OrgLevel, Role, Token, User } from './types';

export function listOrganisations(): Promise<Items<Organisation>> {
  return request<Items<Organisation>>(apiUrl('/organisations'));
}

export function createOrganisation(body: { name: string; level: OrgLevel; parentId: string }): Promise<Organisation> {
  return request<Organisation>(apiUrl('/organisations'), { method: 'POST', json: body });
}

export interface Industry {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string;
  readonly sector: string;
}

export function listIndustries(): Promise<Items<Industry>> {
  return request<Items<Industry>>(apiUrl('/organisations/industries'));
}

/** Sets an organisation's industry and region (admins above it); null clears. */
export function placeOrganisation(id: string, body: { industry: string | null; region: string | null }): Promise<Organisation> {
  return request<Organisation>(apiUrl(`/organisations/${encodeURIComponent(id)}`), { method: 'PATCH', json: body });
}

export function listUsers(): Promise<Items<User>> {
  return request<Items<User>>(apiUrl('/users'));
}

export interface UserCreate {
  username: string;
  displayName?: string;
  orgId: string;
  role: Role;
  password?: string;
}

export function createUser(body: UserCreate): Promise<User> {
  return request<User>(apiUrl('/users'), { method: 'POST', json: body });
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

export function updateUser(id: string, patch: UserPatch): Promise<User> {
  return request<User>(apiUrl(`/users/${encodeURIComponent(id)}`), { method: 'PATCH', json: patch });
}

export function listTokens(): Promise<Items<Token>> {
  return request<Items<Token>>(apiUrl('/tokens'));
}

export function createToken(body: { name: string; expiresInDays?: number }): Promise<IssuedToken> {
  return request<IssuedToken>(apiUrl('/tokens'), { method: 'POST', json: body });
}

export function revokeToken(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/tokens/${encodeURIComponent(id)}`), { method: 'DELETE' });
}
