// Playbooks: validate, import (versioned, idempotent), read as ADR 002 allows, export (secrets only
// for the owner's admins, optionally signed with the operator's key), delete. Authentication
// secrets are sealed at rest (ADR 008); signatures are verified on import.
import { createHash, randomUUID } from 'node:crypto';
import { requireRole, writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { Database } from '../../storage/index.js';
import { canonicalJson } from '../intel/stix/index.js';
import { signPlaybook, validatePlaybook, verifySignatures, type CacaoIssue, type Playbook, type SigningKey } from './cacao/index.js';
import { contentOf, deletePlaybook, insertPlaybook, selectKnownVersions, selectLatest, selectOwnVersion, selectVersions, toSummary, type PlaybookRow } from './playbook.store.js';
import type { PlaybookExportOptions, PlaybookImportOptions, PlaybookImportResult, PlaybookSummary, PlaybookValidationReport, StoredPlaybook } from './types.js';

export interface PlaybookServiceOptions {
  readonly secrets: SecretBox;
  /** The operator's signing key for signed exports (BULWARK_PLAYBOOK_SIGNING_KEY); none: signed export is refused. */
  readonly signingKey?: SigningKey | undefined;
}

export interface PlaybookService {
  /** Validation without storing; with an actor, playbook-actions are checked against what the actor may read. */
  validate(document: unknown, actor?: Actor): Promise<PlaybookValidationReport>;
  import(actor: Actor, document: unknown, options?: PlaybookImportOptions): Promise<PlaybookImportResult>;
  list(actor: Actor, filter?: { readonly q?: string | undefined; readonly limit?: number | undefined }): Promise<PlaybookSummary[]>;
  show(actor: Actor, id: string, modified?: string): Promise<StoredPlaybook>;
  versions(actor: Actor, id: string): Promise<PlaybookSummary[]>;
  export(actor: Actor, id: string, options?: PlaybookExportOptions): Promise<Playbook>;
  /** Deletes one version, or every version of the caller's organisation. Returns how many. */
  delete(actor: Actor, id: string, modified?: string): Promise<number>;
}

const secretFields = ['password', 'token'] as const;
type Definitions = NonNullable<Playbook['authentication_info_definitions']>;
type Secrets = Record<string, Partial<Record<(typeof secretFields)[number], string>>>;

const tlpOfMarking: Readonly<Record<string, Tlp>> = { 'TLP:CLEAR': 'clear', 'TLP:GREEN': 'green', 'TLP:AMBER': 'amber', 'TLP:AMBER+STRICT': 'amber+strict', 'TLP:RED': 'red' };
const stricter = (a: Tlp, b: Tlp): Tlp => (tlpLevels.indexOf(a) >= tlpLevels.indexOf(b) ? a : b);

/** The TLP the playbook's own markings give it (the strictest), if any. */
export function markedTlp(playbook: Playbook): Tlp | undefined {
  let tlp: Tlp | undefined;
  for (const id of playbook.markings ?? []) {
    const m = playbook.data_marking_definitions?.[id];
    const level = m?.type === 'marking-tlp' ? tlpOfMarking[m.tlpv2_level] : undefined;
    if (level !== undefined) tlp = tlp === undefined ? level : stricter(tlp, level);
  }
  return tlp;
}

/** Takes the authentication secrets out of the document: what is stored in clear, and what is sealed. */
function withoutSecrets(playbook: Playbook): { content: Playbook; secrets: Secrets } {
  const secrets: Secrets = {};
  const definitions = playbook.authentication_info_definitions;
  if (definitions === undefined) return { content: playbook, secrets };
  const redacted = Object.fromEntries(Object.entries(definitions).map(([id, info]) => {
    const copy: Record<string, unknown> = { ...info };
    for (const field of secretFields) {
      const value = copy[field];
      if (typeof value === 'string' && value !== '') {
        (secrets[id] ??= {})[field] = value;
        copy[field] = '';
      }
    }
    return [id, copy];
  }));
  return { content: { ...playbook, authentication_info_definitions: redacted as unknown as Definitions }, secrets };
}

function withSecrets(playbook: Playbook, secrets: Secrets): Playbook {
  const definitions = playbook.authentication_info_definitions;
  if (definitions === undefined) return playbook;
  const restored = Object.fromEntries(Object.entries(definitions).map(([id, info]) => [id, { ...info, ...(secrets[id] ?? {}) }]));
  return { ...playbook, authentication_info_definitions: restored as unknown as Definitions };
}

/** Identity of a version's content: signatures do not make a new version (CACAO 2.0 section 2.5). */
const contentHash = (playbook: Playbook): string => {
  const { signatures: _s, ...unsigned } = playbook;
  return createHash('sha256').update(canonicalJson(unsigned)).digest('hex');
};

const details = (issues: readonly CacaoIssue[]) => issues.filter((i) => i.severity === 'error').map((i) => ({ path: i.path, message: i.message, code: i.code }));

export function createPlaybookService(database: Database, options: PlaybookServiceOptions): PlaybookService {
  const { db } = database;

  async function check(document: unknown, actor: Actor | undefined): Promise<{ issues: CacaoIssue[]; playbook?: Playbook }> {
    const known = actor === undefined ? undefined : await selectKnownVersions(db, actor);
    const result = validatePlaybook(document, known === undefined ? {} : { knownPlaybook: (id, version) => (version === undefined ? known.has(id) : known.get(id)?.has(version) === true) });
    if (!result.success) return { issues: [...result.issues] };
    return { issues: [...result.issues, ...verifySignatures(result.data)], playbook: result.data };
  }

  async function visibleVersion(actor: Actor, id: string, modified: string | undefined): Promise<PlaybookRow> {
    const versions = await selectVersions(db, actor, id);
    // Own organisation's versions first: another organisation's copy of the same id is read only when the caller has none.
    const ordered = [...versions.filter((r) => r.org_id === actor.orgId), ...versions.filter((r) => r.org_id !== actor.orgId)];
    const row = modified === undefined ? ordered[0] : ordered.find((r) => r.modified === modified);
    if (row === undefined) throw new NotFoundError(`playbook ${id}${modified === undefined ? '' : ` version ${modified}`} not found`);
    return row;
  }

  const open = (row: PlaybookRow): Secrets => {
    if (row.sealed_secrets === null) return {};
    const plain = options.secrets.open(row.sealed_secrets);
    if (plain === undefined) throw new ConflictError('the playbook\'s sealed secrets cannot be opened with this server\'s key');
    return JSON.parse(plain) as Secrets;
  };

  return {
    async validate(document, actor) {
      const { issues } = await check(document, actor);
      return { valid: !issues.some((i) => i.severity === 'error'), issues };
    },

    async import(actor, document, importOptions = {}) {
      requireRole(actor, writerRoles, 'import playbooks');
      const orgId = actor.kind === 'system' ? importOptions.orgId : actor.orgId;
      if (orgId === undefined || orgId === '') throw new InputError('the local operator names the organisation to import into', [{ path: 'orgId', message: 'required for the local operator' }]);
      if (importOptions.orgId !== undefined && importOptions.orgId !== orgId) throw new NotAllowedError('playbooks are imported into your own organisation');
      const { issues, playbook } = await check(document, actor);
      if (playbook === undefined || issues.some((i) => i.severity === 'error')) throw new InputError('the playbook is not valid CACAO 2.0', details(issues));
      const hash = contentHash(playbook);
      const warnings = issues.filter((i) => i.severity === 'warning');
      return db.transaction().execute(async (trx) => {
        const existing = await selectOwnVersion(trx, orgId, playbook.id, playbook.modified);
        if (existing !== undefined) {
          if (existing.content_hash !== hash) throw new ConflictError(`playbook ${playbook.id} version ${playbook.modified} is stored with other content: change modified to make a new version`, [{ path: '/modified', message: 'this version exists with other content' }]);
          return { created: false, playbook: toSummary(existing), warnings };
        }
        const marked = markedTlp(playbook);
        const tlp = marked === undefined ? (importOptions.tlp ?? 'amber') : importOptions.tlp === undefined ? marked : stricter(marked, importOptions.tlp);
        const { content, secrets } = withoutSecrets(playbook);
        await insertPlaybook(trx, {
          row_id: randomUUID(), org_id: orgId, playbook_id: playbook.id, modified: playbook.modified, modified_at: new Date(playbook.modified),
          name: playbook.name, description: playbook.description ?? null, content: JSON.stringify(content),
          sealed_secrets: Object.keys(secrets).length === 0 ? null : options.secrets.seal(JSON.stringify(secrets)), content_hash: hash,
          signed: (playbook.signatures ?? []).length > 0, revoked: playbook.revoked === true, step_count: Object.keys(playbook.workflow).length,
          tlp, shared_upward: importOptions.sharedUpward === true, imported_by: actor.username,
        });
        await recordAudit(trx, actor, { action: 'playbook.import', targetType: 'playbook', targetId: playbook.id, orgId, details: { modified: playbook.modified, tlp, signed: (playbook.signatures ?? []).length > 0 } });
        const stored = await selectOwnVersion(trx, orgId, playbook.id, playbook.modified);
        if (stored === undefined) throw new Error('the imported playbook vanished');
        return { created: true, playbook: toSummary(stored), warnings };
      });
    },

    async list(actor, filter = {}) {
      return (await selectLatest(db, actor, { q: filter.q, limit: filter.limit ?? 500 })).map(toSummary);
    },

    async show(actor, id, modified) {
      const row = await visibleVersion(actor, id, modified);
      return { ...toSummary(row), playbook: contentOf(row) };
    },

    async versions(actor, id) {
      const rows = await selectVersions(db, actor, id);
      if (rows.length === 0) throw new NotFoundError(`playbook ${id} not found`);
      return rows.map(toSummary);
    },

    async export(actor, id, exportOptions = {}) {
      const row = await visibleVersion(actor, id, exportOptions.modified);
      let playbook = contentOf(row);
      if (exportOptions.secrets === true) {
        if (actor.kind !== 'system' && (actor.orgId !== row.org_id || actor.role !== 'admin')) throw new NotAllowedError('only admins of the owning organisation may export authentication secrets');
        playbook = withSecrets(playbook, open(row));
        await recordAudit(db, actor, { action: 'playbook.export-secrets', targetType: 'playbook', targetId: id, orgId: row.org_id, details: { modified: row.modified } });
      } else if (row.sealed_secrets !== null) {
        // The document differs from what was signed: its signatures would no longer verify.
        const { signatures: _s, ...unsigned } = playbook;
        playbook = unsigned as Playbook;
      }
      if (exportOptions.sign === true) {
        if (options.signingKey === undefined) throw new InputError('no signing key is configured (BULWARK_PLAYBOOK_SIGNING_KEY)', [{ path: 'sign', message: 'signed export needs the operator\'s key' }]);
        playbook = signPlaybook(playbook, options.signingKey);
      }
      return playbook;
    },

    async delete(actor, id, modified) {
      requireRole(actor, writerRoles, 'delete playbooks');
      const rows = await selectVersions(db, actor, id);
      // The local operator deletes the versions of the organisation that holds the latest one.
      const owner = actor.kind === 'system' ? rows[0]?.org_id : actor.orgId;
      const own = rows.filter((r) => r.org_id === owner && (modified === undefined || r.modified === modified));
      if (own.length === 0) {
        if (rows.length > 0) throw new NotAllowedError('playbooks of another organisation are read-only');
        throw new NotFoundError(`playbook ${id}${modified === undefined ? '' : ` version ${modified}`} not found`);
      }
      return db.transaction().execute(async (trx) => {
        const count = await deletePlaybook(trx, owner as string, id, modified);
        await recordAudit(trx, actor, { action: 'playbook.delete', targetType: 'playbook', targetId: id, orgId: owner as string, details: { modified: modified ?? 'all', versions: count } });
        return count;
      });
    },
  };
}
