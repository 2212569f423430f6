// Event sources: defined by an organisation's admins, readable by its members (and, when shared upward
// with a TLP that travels, by the analysts, responders and admins above), run by the server process.
// Every write is audited and brings the running source in line (restart on change). Server paths
// (followed files, TLS keys, password files) are named only by the local operator and the root
// organisation's admins: they run the machine; an organisation's admin naming a server file would read it.
import type { Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { newId } from '../../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError, type ErrorDetail } from '../../../platform/errors.js';
import type { Database } from '../../../storage/index.js';
import type { z } from 'zod';
import { configSchemas, sourceInputSchema, sourcePatchSchema } from './schemas.js';
import type { SourceManager } from './source-manager.js';
import { deleteSource, insertSource, selectOrgPaths, selectSyslogPortUsers, selectVisibleSource, selectVisibleSources, toSource, updateSource, type SourceRow } from './sources.store.js';
import type { EventSource, EventSourceConfig, EventSourceInput, EventSourcePatch, EventSourceType, EventSourceView, SourceStatus, SyslogSourceConfig } from './types.js';

/** Config keys that name a file on the server. */
const serverPathKeys = ['path', 'certFile', 'keyFile', 'caFile', 'passwordFile'] as const;

function checked<T extends z.ZodType>(schema: T, value: unknown, message = 'the event source is not valid', prefix: string[] = []): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(message, parsed.error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.'), message: i.message })));
}

export interface SourceServiceOptions {
  /** The running sources of this process; none: definitions only (the CLI on a local database). */
  readonly manager?: SourceManager | undefined;
}

export function createSourceService(database: Database, options: SourceServiceOptions = {}) {
  const { db } = database;
  const manager = options.manager;

  async function isRootAdmin(actor: Actor): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.role !== 'admin') return false;
    const org = await db.selectFrom('organisations').select('parent_id').where('id', '=', actor.orgId).executeTakeFirst();
    return org?.parent_id === null;
  }

  async function load(actor: Actor, id: string): Promise<SourceRow> {
    const row = await selectVisibleSource(db, actor, id);
    if (row === undefined) throw new NotFoundError(`event source ${id} not found`);
    return row;
  }

  /** Writers are the owning organisation's admins (and the local operator). */
  function requireWriter(actor: Actor, orgId: string, what: string): void {
    if (actor.kind === 'system') return;
    if (actor.orgId !== orgId || actor.role !== 'admin') throw new NotAllowedError(`only admins of the source's organisation may ${what}`);
  }

  function checkConfig(type: EventSourceType, config: unknown): EventSourceConfig {
    return checked(configSchemas[type], config, `the ${type} source's config is not valid`, ['config']) as EventSourceConfig;
  }

  async function checkPlacement(actor: Actor, orgId: string, type: EventSourceType, config: EventSourceConfig, selfId: string | undefined): Promise<void> {
    const named = serverPathKeys.filter((k) => (config as unknown as Record<string, unknown>)[k] !== undefined);
    if (named.length > 0 && !(await isRootAdmin(actor))) {
      throw new NotAllowedError('files on the server are named by the operator or the root organisation’s admins', named.map((k) => ({ path: `config.${k}`, message: 'a server path; ask the platform operator to define this source' })));
    }
    if (type !== 'syslog') return;
    const syslog = config as SyslogSourceConfig;
    const targets = [...(syslog.senders ?? []).map((s, i) => ({ orgId: s.orgId, path: `config.senders.${i}.orgId` })), ...(syslog.defaultOrgId ? [{ orgId: syslog.defaultOrgId, path: 'config.defaultOrgId' }] : [])];
    const paths = await selectOrgPaths(db, [orgId, ...targets.map((t) => t.orgId)]);
    const own = paths.get(orgId) ?? '\0';
    const outside: ErrorDetail[] = targets.filter((t) => !(paths.get(t.orgId) ?? '').startsWith(own)).map((t) => ({ path: t.path, message: `${t.orgId} is not this organisation or one below it` }));
    if (outside.length > 0) throw new InputError('sender ranges map to the source’s organisation or those below it', outside);
    // One port per transport on this server: TCP and TLS share TCP ports.
    const transport = (p: string) => (p === 'udp' ? 'udp' : 'tcp');
    const clash = (await selectSyslogPortUsers(db)).find((s) => {
      if (s.id === selfId) return false;
      const other = (typeof s.config === 'string' ? JSON.parse(s.config) : s.config) as SyslogSourceConfig;
      return other.port === syslog.port && transport(other.protocol) === transport(syslog.protocol);
    });
    if (clash !== undefined) throw new ConflictError(`${transport(syslog.protocol)} port ${syslog.port} is taken by another syslog source`, [{ path: 'config.port', message: 'choose another port' }]);
  }

  async function view(source: EventSource): Promise<EventSourceView> {
    const status: SourceStatus = manager === undefined ? await idleStatus(source) : await manager.status(source);
    return { ...source, status };
  }

  /** Without a manager in this process the source runs (or not) elsewhere: say what was saved. */
  function idleStatus(source: EventSource): Promise<SourceStatus> {
    return Promise.resolve({ id: source.id, state: source.enabled ? 'stopped' : 'disabled', since: null, endpoint: null, counters: source.counters, lastError: source.lastError });
  }

  return {
    async list(actor: Actor, filter: { type?: EventSourceType | undefined; orgId?: string | undefined } = {}): Promise<EventSourceView[]> {
      return Promise.all((await selectVisibleSources(db, actor, filter)).map((r) => view(toSource(r))));
    },

    async get(actor: Actor, id: string): Promise<EventSourceView> {
      return view(toSource(await load(actor, id)));
    },

    async status(actor: Actor, id: string): Promise<SourceStatus> {
      return (await view(toSource(await load(actor, id)))).status;
    },

    async create(actor: Actor, given: EventSourceInput): Promise<EventSourceView> {
      // The API checked this already; the CLI on the database did not.
      const input = checked(sourceInputSchema, given) as EventSourceInput;
      const orgId = input.orgId ?? (actor.kind === 'system' ? undefined : actor.orgId);
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation the source belongs to' }]);
      requireWriter(actor, orgId, 'define event sources');
      if ((await selectOrgPaths(db, [orgId])).size === 0) throw new NotFoundError(`organisation ${orgId} not found`);
      const config = checkConfig(input.type, input.config);
      await checkPlacement(actor, orgId, input.type, config, undefined);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        const inserted = await insertSource(trx, { id, orgId, type: input.type, name: input.name, config, enabled: input.enabled ?? true, tlp: input.tlp ?? 'amber', sharedUpward: input.sharedUpward ?? false, createdBy: actor.username });
        if (!inserted) throw new ConflictError(`the organisation already has an event source named ${input.name}`, [{ path: 'name', message: 'choose another name' }]);
        await recordAudit(trx, actor, { action: 'sensing.source.create', targetType: 'event_source', targetId: id, orgId, details: { type: input.type, name: input.name, config } });
      });
      await manager?.reconcile(id);
      return this.get(actor, id);
    },

    async update(actor: Actor, id: string, given: EventSourcePatch): Promise<EventSourceView> {
      const patch = checked(sourcePatchSchema, given);
      const row = await load(actor, id);
      requireWriter(actor, row.org_id, 'change event sources');
      const config = patch.config === undefined ? undefined : checkConfig(row.type as EventSourceType, patch.config);
      if (config !== undefined) await checkPlacement(actor, row.org_id, row.type as EventSourceType, config, id);
      await db.transaction().execute(async (trx) => {
        if (patch.name !== undefined && patch.name !== row.name) {
          const taken = await trx.selectFrom('event_sources').select('id').where('org_id', '=', row.org_id).where('name', '=', patch.name).executeTakeFirst();
          if (taken !== undefined) throw new ConflictError(`the organisation already has an event source named ${patch.name}`, [{ path: 'name', message: 'choose another name' }]);
        }
        await updateSource(trx, id, { ...patch, config });
        await recordAudit(trx, actor, { action: 'sensing.source.update', targetType: 'event_source', targetId: id, orgId: row.org_id, details: { ...patch, ...(config === undefined ? {} : { config }) } });
      });
      await manager?.reconcile(id);
      return this.get(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const row = await load(actor, id);
      requireWriter(actor, row.org_id, 'remove event sources');
      await db.transaction().execute(async (trx) => {
        await deleteSource(trx, id);
        await recordAudit(trx, actor, { action: 'sensing.source.delete', targetType: 'event_source', targetId: id, orgId: row.org_id, details: { type: row.type, name: row.name } });
      });
      await manager?.reconcile(id);
    },
  };
}

export type SourceService = ReturnType<typeof createSourceService>;
