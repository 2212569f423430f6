// Detection rules: validated, imported (a new version when the Sigma id is known), enabled, disabled,
// removed and tested. An organisation's rules run on its own events; the platform's on everyone's.
// Writers: the organisation's admins and analysts; platform rules: the root organisation's admins.
import { writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId } from '../../platform/crypto.js';
import { InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { Database } from '../../storage/index.js';
import { parseRuleText, validateText, type StoredDocument } from './engine.js';
import { deleteRule, insertRules, selectBySigmaIds, selectVisibleRule, selectVisibleRules, setRuleEnabled, updateRuleDocument, type RuleListFilter } from './rules.store.js';
import { trialOverEvents, type RuleTrialReport } from './rule-trial.js';
import { MAX_TEST_EVENTS, parseTestEvents } from './test-events.js';
import type { SensedEvent } from '../sensing/index.js';
import type { DetectionRule, ImportReport, RuleProblem, ValidationReport } from './types.js';

export interface RuleImportInput {
  readonly text: string;
  readonly file?: string | undefined;
  /** The owner; default the caller's organisation. */
  readonly orgId?: string | undefined;
  /** A platform-wide rule (root organisation's admins and the local operator). */
  readonly platform?: boolean | undefined;
  readonly enabled?: boolean | undefined;
}

export interface RuleServiceOptions {
  /** Rules changed: the detector reloads. */
  readonly changed?: () => void;
  /** The stored events in [from, to) the caller may read, newest first, at most `limit` (the workbench's 24-hour trial). */
  readonly recentEvents?: ((actor: Actor, from: Date, to: Date, limit: number) => Promise<readonly SensedEvent[]>) | undefined;
}

/** Problems as error details: where, with line and column, and why. */
export const problemDetails = (problems: readonly RuleProblem[]) =>
  problems.filter((p) => p.severity === 'error').map((p) => ({ path: p.path === '' ? 'text' : p.path, message: `line ${p.line}, column ${p.column}: ${p.message}` }));

export function createRuleService(database: Database, options: RuleServiceOptions = {}) {
  const { db } = database;
  const changed = () => options.changed?.();

  async function isRootAdmin(actor: Actor): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.role !== 'admin') return false;
    const org = await db.selectFrom('organisations').select('parent_id').where('id', '=', actor.orgId).executeTakeFirst();
    return org?.parent_id === null;
  }

  async function requireWriter(actor: Actor, orgId: string | null): Promise<void> {
    if (actor.kind === 'system') return;
    if (orgId === null) {
      if (!(await isRootAdmin(actor))) throw new NotAllowedError('platform rules are written by the root organisation’s admins');
      return;
    }
    if (actor.orgId !== orgId || !writerRoles.includes(actor.role)) throw new NotAllowedError('only admins and analysts of the rule’s organisation may change it');
  }

  async function load(actor: Actor, id: string): Promise<DetectionRule> {
    const rule = await selectVisibleRule(db, actor, id);
    if (rule === undefined) throw new NotFoundError(`rule ${id} not found`);
    return rule;
  }

  async function ownerOf(actor: Actor, input: RuleImportInput): Promise<string | null> {
    if (input.platform === true) return null;
    const orgId = input.orgId ?? (actor.kind === 'system' ? undefined : actor.orgId);
    if (orgId === undefined) throw new InputError('name the organisation the rules belong to, or make them platform rules', [{ path: 'orgId', message: 'required for the local operator' }]);
    const org = await db.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
    if (org === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
    return orgId;
  }

  return {
    /** Parses and compiles without storing: every problem with its line and column. */
    validate(text: string, file?: string): ValidationReport {
      return validateText(text, file);
    },

    list(actor: Actor, filter: RuleListFilter = {}): Promise<DetectionRule[]> {
      return selectVisibleRules(db, actor, filter);
    },

    get: load,

    /** Every document of the text, or none when one is wrong. A known Sigma id becomes a new version. */
    async import(actor: Actor, input: RuleImportInput): Promise<ImportReport> {
      const report = this.validate(input.text, input.file);
      if (!report.valid) throw new InputError('the rules are not valid', problemDetails(report.problems));
      const parsed = parseRuleText(input.text, input.file);
      if (parsed.documents.length === 0) throw new InputError('the text holds no Sigma rule', [{ path: 'text', message: 'no rule, correlation or filter document' }]);
      const orgId = await ownerOf(actor, input);
      await requireWriter(actor, orgId);
      const ids = [...new Set(parsed.documents.map((d) => d.sigmaId))];
      if (ids.length !== parsed.documents.length) throw new InputError('two documents share a Sigma id', [{ path: 'id', message: 'each rule needs its own id' }]);
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      await db.transaction().execute(async (trx) => {
        const existing = new Map((await selectBySigmaIds(trx, orgId, ids)).map((r) => [r.sigmaId, r]));
        const fresh: Parameters<typeof insertRules>[1][number][] = [];
        for (const doc of parsed.documents) {
          const old = existing.get(doc.sigmaId);
          if (old === undefined) fresh.push({ id: newId(), orgId, doc, enabled: input.enabled ?? true, importedBy: actor.username });
          else if (old.source === doc.source && old.kind === doc.kind) unchanged += 1;
          else {
            await updateRuleDocument(trx, old.id, doc, actor.username);
            updated += 1;
          }
        }
        await insertRules(trx, fresh);
        created = fresh.length;
        await recordAudit(trx, actor, { action: 'detection.rules.import', targetType: 'detection_rule', ...(orgId === null ? {} : { orgId }), details: { file: input.file ?? null, platform: orgId === null, created, updated, unchanged, sigmaIds: ids } });
      });
      changed();
      const rules = await selectBySigmaIds(db, orgId, ids);
      return { created, updated, unchanged, rules, problems: report.problems };
    },

    async setEnabled(actor: Actor, id: string, enabled: boolean): Promise<DetectionRule> {
      const rule = await load(actor, id);
      await requireWriter(actor, rule.orgId);
      await db.transaction().execute(async (trx) => {
        await setRuleEnabled(trx, id, enabled);
        await recordAudit(trx, actor, { action: enabled ? 'detection.rule.enable' : 'detection.rule.disable', targetType: 'detection_rule', targetId: id, ...(rule.orgId === null ? {} : { orgId: rule.orgId }), details: { sigmaId: rule.sigmaId } });
      });
      changed();
      return load(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const rule = await load(actor, id);
      await requireWriter(actor, rule.orgId);
      await db.transaction().execute(async (trx) => {
        await deleteRule(trx, id);
        await recordAudit(trx, actor, { action: 'detection.rule.delete', targetType: 'detection_rule', targetId: id, ...(rule.orgId === null ? {} : { orgId: rule.orgId }), details: { sigmaId: rule.sigmaId, title: rule.title } });
      });
      changed();
    },

    /**
     * Runs rules over posted NDJSON events, or the stored events of the last 24 hours, without storing
     * anything: a posted rule text, or a stored rule by id. Answers which events matched and the
     * alerts they would have raised.
     */
    async test(actor: Actor, input: { text?: string | undefined; ruleId?: string | undefined; events?: string | undefined; stored?: '24h' | undefined }): Promise<RuleTrialReport> {
      let documents: readonly StoredDocument[];
      let problems: readonly RuleProblem[] = [];
      if (input.text !== undefined) {
        const parsed = parseRuleText(input.text);
        if (!parsed.valid) throw new InputError('the rule is not valid', problemDetails(parsed.problems));
        documents = parsed.documents;
        problems = parsed.problems;
      } else if (input.ruleId !== undefined) documents = [await load(actor, input.ruleId)];
      else throw new InputError('give a rule text or a stored rule', [{ path: 'text', message: 'text or ruleId is required' }]);
      let report: RuleTrialReport;
      if (input.events !== undefined) report = trialOverEvents(documents, parseTestEvents(input.events, actor.orgId));
      else {
        if (options.recentEvents === undefined) throw new InputError('stored events cannot be read here', [{ path: 'stored', message: 'post the events as NDJSON' }]);
        const to = new Date();
        const stored = await options.recentEvents(actor, new Date(to.getTime() - 86_400_000), to, MAX_TEST_EVENTS + 1);
        report = trialOverEvents(documents, stored.slice(0, MAX_TEST_EVENTS).map((event) => ({ line: 0, event })), stored.length > MAX_TEST_EVENTS);
      }
      return { ...report, problems: [...problems, ...report.problems] };
    },
  };
}

export type RuleService = ReturnType<typeof createRuleService>;
