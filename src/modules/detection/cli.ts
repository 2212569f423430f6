// `bulwark rules ...` and `bulwark alerts ...`: validating and testing rule files needs no database
// (the engine runs here); the rest goes through the module's client, locally or to a server.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import type { DetectionClient } from './client-port.js';
import { channelsCommand } from './notify/cli.js';
import { alertSeverities, alertStatuses, type Alert, type AlertStatus, type RuleProblem, type RuleTestReport } from './types.js';

async function openDetectionClient(connection: Connection): Promise<DetectionClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpDetectionClient(connection.api);
  return (await import('./client-local.js')).localDetectionClient((await connection.services()).detection, connection.actor);
}

const withDetection = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<DetectionClient>) => Promise<T>) => withClient(ctx, cmd, openDetectionClient, fn, { orgId: '--org' });

const ruleFile = /\.ya?ml$/i;

/** The rule files a path names: the file itself, or every .yml/.yaml below a directory, in name order. */
export async function ruleFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await ruleFiles(full)));
    else if (ruleFile.test(entry.name)) out.push(full);
  }
  return out;
}

const located = (p: RuleProblem) => `${p.file ?? '-'}:${p.line}:${p.column}: ${p.severity}: ${p.message}${p.path === '' ? '' : ` (${p.path})`}`;

function printTest(ctx: CliContext, report: RuleTestReport): void {
  for (const e of report.events) ctx.out.line(`line ${e.line}  ${e.id}  ${e.hits.map((h) => h.title).join('; ')}  ${JSON.stringify(e.event)}`);
  ctx.out.line(`${report.matches} matching event${report.matches === 1 ? '' : 's'}`);
}

export function rulesCommand(ctx: CliContext): Command {
  const rules = new Command('rules').description('Sigma detection rules: validate and test files, import, list');

  rules
    .command('validate <path>')
    .description('check Sigma rule files (a file, or every .yml/.yaml under a directory) without storing them; every problem with file, line and column; exits with an error when one is invalid')
    .action(async (path: string, _o, cmd: Command) => {
      const { validateText } = await import('./engine.js');
      const files = await ruleFiles(path);
      const problems: RuleProblem[] = [];
      let valid = 0;
      for (const file of files) {
        const report = validateText(await readFile(file, 'utf8'), file);
        problems.push(...report.problems.map((p) => ({ ...p, file })));
        if (report.valid) valid += 1;
      }
      const summary = { files: files.length, valid, invalid: files.length - valid, problems };
      emit(ctx, cmd, summary, () => {
        for (const p of problems) ctx.out.line(located(p));
        ctx.out.line(`${summary.files} files: ${summary.valid} valid, ${summary.invalid} invalid`);
      });
      if (summary.invalid > 0) throw new Error(`${summary.invalid} of ${summary.files} rule files are not valid`);
    });

  rules
    .command('test <rule>')
    .description('run a rule (a Sigma file, or a stored rule id) over NDJSON events and print those that match')
    .requiredOption('--events <file>', 'NDJSON events, one per line (as `bulwark events query --json` prints them, or drafts)')
    .action(async (rule: string, o: { events: string }, cmd: Command) => {
      const events = await readFile(o.events, 'utf8');
      const isFile = await stat(rule).then((s) => s.isFile(), () => false);
      let report: RuleTestReport;
      if (isFile) {
        const { parseRuleText } = await import('./engine.js');
        const { runRuleTest } = await import('./test-events.js');
        const parsed = parseRuleText(await readFile(rule, 'utf8'), rule);
        if (!parsed.valid) {
          for (const p of parsed.problems) ctx.out.error(located(p));
          throw new Error(`${rule} is not a valid rule`);
        }
        report = runRuleTest(parsed.documents, events, 'local');
      } else report = await withDetection(ctx, cmd, ({ client }) => client.testStoredRule(rule, events));
      emit(ctx, cmd, { matches: report.matches, events: report.events }, () => printTest(ctx, report));
    });

  rules
    .command('import <path>')
    .description('store the Sigma rules of a file or of every .yml/.yaml under a directory; a known rule id becomes a new version')
    .option('--org <org>', 'the organisation the rules belong to (id or name)')
    .option('--platform', 'platform rules: they run on every organisation’s events')
    .option('--disabled', 'store them without running them')
    .action(async (path: string, o: { org?: string; platform?: boolean; disabled?: boolean }, cmd: Command) =>
      withDetection(ctx, cmd, async (use) => {
        const files = await ruleFiles(path);
        const orgId = o.platform === true ? undefined : await use.orgs.choose(o.org);
        const totals = { files: files.length, created: 0, updated: 0, unchanged: 0 };
        for (const file of files) {
          const report = await use.client.importRules({ text: await readFile(file, 'utf8'), file, ...(orgId === undefined ? {} : { orgId }), ...(o.platform === true ? { platform: true } : {}), ...(o.disabled === true ? { enabled: false } : {}) });
          totals.created += report.created;
          totals.updated += report.updated;
          totals.unchanged += report.unchanged;
        }
        emit(ctx, cmd, totals, () => ctx.out.line(`${totals.files} files: ${totals.created} rules created, ${totals.updated} updated, ${totals.unchanged} unchanged`));
      }),
    );

  rules
    .command('pack')
    .description('the industrial rule pack shipped with Bulwark (docs/detection/rule-pack.md)')
    .command('install')
    .description('install or upgrade the pack as platform rules (the server also does at every start); unchanged rules stay as they are')
    .action(async (_o, cmd: Command) =>
      withDetection(ctx, cmd, async (use) => {
        const { readPack } = await import('./pack/index.js');
        const files = await readPack();
        const totals = { files: files.length, created: 0, updated: 0, unchanged: 0 };
        for (const f of files) {
          const report = await use.client.importRules({ text: f.text, file: `rule-pack/${f.file}`, platform: true });
          totals.created += report.created;
          totals.updated += report.updated;
          totals.unchanged += report.unchanged;
        }
        emit(ctx, cmd, totals, () => ctx.out.line(`rule pack: ${totals.files} files, ${totals.created} rules created, ${totals.updated} updated, ${totals.unchanged} unchanged`));
      }),
    );

  rules
    .command('list', { isDefault: true })
    .description('rules with their level, techniques and hit counts')
    .option('--technique <id>', 'only rules of this ATT&CK technique, e.g. T0843')
    .action(async (o: { technique?: string }, cmd: Command) =>
      withDetection(ctx, cmd, async ({ client }) => {
        const list = await client.listRules(o.technique === undefined ? {} : { technique: o.technique });
        emit(ctx, cmd, list, () =>
          ctx.out.table(
            list.map((r) => ({ ...r, owner: r.orgId ?? 'platform', techniques: r.techniques.join(','), state: r.enabled ? 'enabled' : 'disabled', hits: r.hitCount })),
            ['id', 'title', 'level', 'techniques', 'owner', 'state', 'hits'],
          ),
        );
      }),
    );

  return rules;
}

function printAlert(ctx: CliContext, a: Alert): void {
  ctx.out.line(`${a.ruleTitle}  ${a.severity}  ${a.status}  (id ${a.id})`);
  ctx.out.line(`entity ${a.entity}; ${a.count} hits from ${a.firstSeen} to ${a.lastSeen}; techniques ${a.techniques.join(', ') || '-'}; tlp:${a.tlp}${a.sharedUpward ? ', shared upward' : ''}${a.assignee === null ? '' : `; assigned to ${a.assignee}`}`);
}

export function alertsCommand(ctx: CliContext): Command {
  const alerts = new Command('alerts').description('alerts raised by the detection rules: list, show, acknowledge, resolve');

  alerts
    .command('list', { isDefault: true })
    .description('alerts, latest activity first')
    .option('--technique <id>', 'only alerts of this ATT&CK technique, e.g. T0843')
    .addOption(new Option('--status <status>', 'only alerts in this status').choices(alertStatuses))
    .addOption(new Option('--severity <severity>', 'only alerts at least this severe').choices(alertSeverities))
    .option('--limit <n>', 'at most this many (default 100)', (v) => Number(v))
    .action(async (o: { technique?: string; status?: AlertStatus; severity?: (typeof alertSeverities)[number]; limit?: number }, cmd: Command) =>
      withDetection(ctx, cmd, async ({ client }) => {
        const page = await client.listAlerts({ technique: o.technique, status: o.status, severity: o.severity, limit: o.limit });
        emit(ctx, cmd, page.items, () =>
          ctx.out.table(
            page.items.map((a) => ({ ...a, techniques: a.techniques.join(','), rule: a.ruleTitle })),
            ['id', 'severity', 'status', 'rule', 'entity', 'count', 'lastSeen', 'techniques'],
          ),
        );
      }),
    );

  alerts
    .command('show <id>')
    .description('one alert with its comments, status history and linked events')
    .action(async (id: string, _o, cmd: Command) =>
      withDetection(ctx, cmd, async ({ client }) => {
        const alert = await client.showAlert(id);
        emit(ctx, cmd, alert, () => {
          printAlert(ctx, alert);
          for (const h of alert.history) ctx.out.line(`${h.createdAt}  ${h.actor}: ${h.fromStatus ?? '-'} -> ${h.toStatus}${h.note === null ? '' : ` (${h.note})`}`);
          for (const c of alert.comments) ctx.out.line(`${c.createdAt}  ${c.author}: ${c.body}`);
          ctx.out.line(`${alert.events.length} linked events`);
        });
      }),
    );

  for (const [verb, status] of [['ack', 'acknowledged'], ['resolve', 'resolved']] as const) {
    alerts
      .command(`${verb} <id>`)
      .description(verb === 'ack' ? 'acknowledge an alert (it keeps counting new hits)' : 'resolve an alert (the next hit raises a new one)')
      .option('--note <text>', 'why, kept in the status history')
      .action(async (id: string, o: { note?: string }, cmd: Command) =>
        withDetection(ctx, cmd, async ({ client }) => {
          const alert = await client.changeAlert(id, { status, ...(o.note === undefined ? {} : { note: o.note }) });
          emit(ctx, cmd, alert, () => printAlert(ctx, alert));
        }),
      );
  }

  alerts.addCommand(channelsCommand(ctx));
  return alerts;
}
