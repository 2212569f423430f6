// Indicator hits become STIX sightings in the intelligence store of the organisation that saw them:
// one sighting per indicator and organisation per window of event time, its count and first/last seen
// growing as hits arrive, written as new versions of the same sighting (same id, later `modified`)
// through the intelligence service, so they are shared upward like any other object.
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/access.js';
import type { Logger } from '../../../platform/logger.js';
import { tlpLevels, tlpShareableUpward, type Tlp } from '../../../platform/tlp.js';
import type { IntelService } from '../../intel/index.js';

/** The identity that stands for an organisation in STIX (where_sighted_refs, created_by_ref): stable per organisation. */
export function orgIdentityId(orgId: string): string {
  const h = createHash('sha256').update(`bulwark-organisation:${orgId}`).digest('hex');
  // A name-based UUID (version 5 layout, RFC 4122 variant) from the organisation id.
  return `identity--${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

interface Aggregate {
  readonly id: string;
  readonly orgId: string;
  readonly indicatorId: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
  tlp: Tlp;
  sharedUpward: boolean;
  created: string | undefined;
  modified: number;
  dirty: boolean;
}

export interface SightingWriter {
  record(orgId: string, indicatorId: string, time: number, tlp: Tlp, sharedUpward: boolean): void;
  /** Writes every sighting that changed since the last flush. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

export interface SightingWriterOptions {
  readonly intel: Pick<IntelService, 'ingestObjects'>;
  /** The organisation's name for its identity object. */
  readonly orgName: (orgId: string) => Promise<{ name: string; created: string }>;
  readonly logger?: Logger | undefined;
  /** Hits of one indicator in one organisation within this long (event time) add to one sighting. Default 1 h. */
  readonly windowMs?: number;
  /** How often changed sightings are written. Default 10 s; 0: only on flush(). */
  readonly flushMs?: number;
}

const actor: Actor = { kind: 'system', userId: null, username: 'detection', orgId: '', orgPath: '/', role: 'admin' };
const MAX_COUNT = 999_999_999;

export function createSightingWriter(options: SightingWriterOptions): SightingWriter {
  const windowMs = options.windowMs ?? 3_600_000;
  const open = new Map<string, Aggregate>();
  let writing: Promise<number> = Promise.resolve(0);
  const timer = (options.flushMs ?? 10_000) > 0 ? setInterval(() => void flush().catch(() => undefined), options.flushMs ?? 10_000) : undefined;
  timer?.unref();

  function record(orgId: string, indicatorId: string, time: number, tlp: Tlp, sharedUpward: boolean): void {
    const key = `${orgId}|${indicatorId}`;
    let a = open.get(key);
    if (a !== undefined && (time - a.firstSeen > windowMs || a.firstSeen - time > windowMs)) a = undefined;
    if (a === undefined) {
      a = { id: `sighting--${randomUUID()}`, orgId, indicatorId, firstSeen: time, lastSeen: time, count: 0, tlp, sharedUpward, created: undefined, modified: 0, dirty: true };
      open.set(key, a);
    }
    a.count = Math.min(MAX_COUNT, a.count + 1);
    a.firstSeen = Math.min(a.firstSeen, time);
    a.lastSeen = Math.max(a.lastSeen, time);
    // The sighting is as strict as the strictest event behind it, and travels only if all of them do.
    if (tlpLevels.indexOf(tlp) > tlpLevels.indexOf(a.tlp)) a.tlp = tlp;
    a.sharedUpward &&= sharedUpward;
    a.dirty = true;
  }

  async function write(): Promise<number> {
    const dirty = [...open.values()].filter((a) => a.dirty);
    if (dirty.length === 0) return 0;
    const groups = new Map<string, Aggregate[]>();
    for (const a of dirty) {
      a.dirty = false;
      const key = `${a.orgId}|${a.tlp}|${a.sharedUpward && tlpShareableUpward.includes(a.tlp)}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    let written = 0;
    for (const list of groups.values()) {
      const first = list[0] as Aggregate;
      try {
        const org = await options.orgName(first.orgId);
        const identity = orgIdentityId(first.orgId);
        const now = Date.now();
        const objects: unknown[] = [{ type: 'identity', spec_version: '2.1', id: identity, created: org.created, modified: org.created, name: org.name, identity_class: 'organization' }];
        for (const a of list) {
          a.modified = Math.max(now, a.modified + 1);
          a.created ??= new Date(a.modified).toISOString();
          objects.push({
            type: 'sighting',
            spec_version: '2.1',
            id: a.id,
            created: a.created,
            modified: new Date(a.modified).toISOString(),
            created_by_ref: identity,
            sighting_of_ref: a.indicatorId,
            where_sighted_refs: [identity],
            count: a.count,
            first_seen: new Date(a.firstSeen).toISOString(),
            last_seen: new Date(a.lastSeen).toISOString(),
          });
        }
        const { outcomes } = await options.intel.ingestObjects(actor, first.orgId, objects, { tlp: first.tlp, sharedUpward: first.sharedUpward, name: 'detection sightings' });
        const bad = outcomes.filter((o) => o.status === 'invalid' || o.status === 'refused');
        if (bad.length > 0) options.logger?.warn({ outcomes: bad.slice(0, 5) }, 'indicator sightings not stored');
        written += outcomes.filter((o) => o.status === 'stored' && o.id?.startsWith('sighting--') === true).length;
      } catch (error) {
        for (const a of list) a.dirty = true;
        options.logger?.error({ err: error, orgId: first.orgId }, 'indicator sightings not written; retried at the next flush');
      }
    }
    // Windows long past can take no more hits that would extend them.
    const newest = Math.max(...[...open.values()].map((a) => a.lastSeen));
    for (const [key, a] of open) if (!a.dirty && a.lastSeen < newest - 2 * windowMs) open.delete(key);
    return written;
  }

  function flush(): Promise<number> {
    const next = writing.then(write, write);
    writing = next.catch(() => 0);
    return next;
  }

  return {
    record,
    flush,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      await flush();
    },
  };
}
