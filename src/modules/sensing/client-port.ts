// What the CLI's `bulwark events ...` commands need, locally (in-process) or from a server.
import type { Tlp } from '../../platform/tlp.js';
import type { ImportFormat, ImportReport } from './event-import.js';
import type { EventRetention } from './retention.service.js';
import type { SensedEvent } from './types.js';

export interface EventImportOptions {
  readonly format: ImportFormat;
  readonly orgId: string | undefined;
  readonly tlp: Tlp | undefined;
  readonly sharedUpward: boolean | undefined;
}

export interface EventQueryInput {
  readonly query?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** An event as a page shows it: everything, or the properties asked for besides id and time. */
export type EventItem = Partial<SensedEvent> & Pick<SensedEvent, 'id' | 'time'>;

export interface EventPage {
  readonly items: readonly EventItem[];
  readonly nextCursor: string | null;
  readonly from: string;
  readonly to: string;
}

export interface EventsClient {
  /** Reads, parses and sends a file (or directory); resolves when everything sent is stored. */
  eventsImport(path: string, options: EventImportOptions): Promise<ImportReport>;
  eventsQuery(input: EventQueryInput & { limit?: number | undefined; cursor?: string | undefined }): Promise<EventPage>;
  eventsCount(input: EventQueryInput): Promise<{ count: number; from: string; to: string }>;
  /** Newly stored matching events until the signal aborts. */
  eventsTail(query: string | undefined, onEvent: (event: SensedEvent) => void, signal: AbortSignal): Promise<void>;
  /** The organisation's retention (the caller's own organisation when undefined). */
  eventsRetention(orgId: string | undefined): Promise<EventRetention>;
  /** Sets its own retention in days, or clears it (null) so the server's default applies. */
  setEventsRetention(orgId: string | undefined, days: number | null): Promise<EventRetention>;
}
