import type { Role } from '../access.js';

export interface User {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly hasPassword: boolean;
  readonly createdAt: string;
}

export interface NewUser {
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly orgId: string;
  readonly role: Role;
  readonly password?: string | undefined;
}

export interface UserPatch {
  readonly displayName?: string | undefined;
  readonly role?: Role | undefined;
  readonly disabled?: boolean | undefined;
  readonly password?: string | undefined;
}
