export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly orgId: string | null;
  readonly orgName: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly details: Record<string, unknown>;
  readonly ip: string | null;
}

export interface AuditEvent {
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | null;
  /** The organisation the write concerns; defaults to the actor's. */
  readonly orgId?: string;
  readonly details?: Record<string, unknown>;
}

export interface AuditListOptions {
  readonly limit?: number | undefined;
  readonly before?: string | undefined;
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  /** One organisation of the reader's subtree; any other answers nothing. */
  readonly orgId?: string | undefined;
}

/** What a caller who is not authenticated did (a failed login, a lockout). */
export interface StrangerEvent {
  readonly action: string;
  /** The username as typed; bounded and cleaned before it is stored. */
  readonly typedName: string;
  readonly ip: string | null;
  /** The organisation of the user the name belongs to; null for a name that is nobody's. */
  readonly orgId: string | null;
  readonly targetType: string;
  readonly targetId?: string | null;
  readonly details?: Record<string, unknown>;
}
