// What `bulwark sources ...` needs, locally (in-process, as the operator) or from a server.
import type { EventSourceInput, EventSourcePatch, EventSourceType, EventSourceView } from './types.js';

export interface SourceClient {
  listSources(filter?: { type?: EventSourceType | undefined; orgId?: string | undefined }): Promise<EventSourceView[]>;
  showSource(id: string): Promise<EventSourceView>;
  addSource(input: EventSourceInput): Promise<EventSourceView>;
  changeSource(id: string, patch: EventSourcePatch): Promise<EventSourceView>;
  removeSource(id: string): Promise<void>;
}
