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
}
