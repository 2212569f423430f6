// `bulwark playbook ...`: validating a file needs no database (our validator runs here and checks
// signatures); import, export and list go through the module's client, locally or to a server.
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { CacaoIssue } from './cacao/index.js';
import type { ResponseClient } from './client-port.js';

async function openResponseClient(connection: Connection): Promise<ResponseClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpResponseClient(connection.api);
  return (await import('./client-local.js')).localResponseClient((await connection.services()).response, connection.actor);
}

const withResponse = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<ResponseClient>) => Promise<T>) => withClient(ctx, cmd, openResponseClient, fn, { orgId: '--org' });

const located = (file: string, i: CacaoIssue) => `${file}: ${i.severity}: ${i.path === '' ? '(document)' : i.path}: ${i.message} [${i.code}]`;

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function playbookCommand(ctx: CliContext): Command {
  const playbook = new Command('playbook').description('CACAO 2.0 playbooks: validate files, import, export (optionally signed), list');

  playbook
    .command('validate <files...>')
    .description('check CACAO 2.0 playbook files without storing them: every problem with its JSON Pointer, signatures verified; exits with an error when one is invalid')
    .action(async (files: string[], _o, cmd: Command) => {
      const { validatePlaybook, verifySignatures } = await import('./cacao/index.js');
      const reports: { file: string; valid: boolean; issues: CacaoIssue[] }[] = [];
      for (const file of files) {
        let issues: CacaoIssue[];
        try {
          const result = validatePlaybook(await readJson(file));
          issues = result.success ? [...result.issues, ...verifySignatures(result.data)] : [...result.issues];
        } catch (error) {
          issues = [{ path: '', code: 'type', severity: 'error', message: error instanceof Error ? error.message : String(error) }];
        }
        reports.push({ file, valid: !issues.some((i) => i.severity === 'error'), issues });
      }
      const invalid = reports.filter((r) => !r.valid).length;
      emit(ctx, cmd, { files: reports.length, valid: reports.length - invalid, invalid, reports }, () => {
        for (const r of reports) for (const i of r.issues) ctx.out.line(located(r.file, i));
        ctx.out.line(`${reports.length} file${reports.length === 1 ? '' : 's'}: ${reports.length - invalid} valid, ${invalid} invalid`);
      });
      if (invalid > 0) throw new Error(`${invalid} of ${reports.length} playbooks are not valid CACAO 2.0`);
    });

  playbook
    .command('import <files...>')
    .description('import playbook files into the store; the same version again changes nothing, other content under a stored version is refused')
    .option('--org <org>', 'the organisation the playbooks belong to (id or name; the local operator must name one)')
    .addOption(new Option('--tlp <tlp>', 'TLP when the playbook carries no stricter TLP marking').choices([...tlpLevels]))
    .option('--shared', 'share upward to the parent organisations (CLEAR, GREEN and AMBER travel)')
    .action(async (files: string[], o: { org?: string; tlp?: Tlp; shared?: boolean }, cmd: Command) =>
      withResponse(ctx, cmd, async (use) => {
        const orgId = use.connection.mode === 'local' ? await use.orgs.choose(o.org) : undefined;
        const results: { file: string; created: boolean; id: string; modified: string; name: string; tlp: Tlp; warnings: readonly CacaoIssue[] }[] = [];
        for (const file of files) {
          const result = await use.client.importPlaybook(await readJson(file), { tlp: o.tlp, sharedUpward: o.shared === true, orgId });
          results.push({ file, created: result.created, id: result.playbook.id, modified: result.playbook.modified, name: result.playbook.name, tlp: result.playbook.tlp, warnings: result.warnings });
        }
        emit(ctx, cmd, results, () => {
          for (const r of results) {
            ctx.out.line(`${r.file}: ${r.created ? 'imported' : 'already stored'} ${r.name} (${r.id} version ${r.modified}, tlp:${r.tlp})`);
            for (const w of r.warnings) ctx.out.line(located(r.file, w));
          }
        });
      }),
    );

  playbook
    .command('export <id>')
    .description('write a playbook version as a CACAO document; --sign-key signs it (JSS, Ed25519 or ES256) with the operator’s key')
    .option('--modified <time>', 'the version (its modified timestamp); default the latest')
    .option('--secrets', 'put authentication secrets back (admins of the owning organisation)')
    .option('--sign-key <file>', 'PEM private key (PKCS#8, Ed25519 or EC P-256) to sign the exported playbook with')
    .option('--signee <name>', 'who signs, as the signature names them', 'Bulwark operator')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, o: { modified?: string; secrets?: boolean; signKey?: string; signee: string; out?: string }, cmd: Command) =>
      withResponse(ctx, cmd, async ({ client }) => {
        let document = await client.exportPlaybook(id, { modified: o.modified, secrets: o.secrets === true });
        if (o.signKey !== undefined) {
          const { signPlaybook } = await import('./cacao/index.js');
          document = signPlaybook(document, { privateKeyPem: await readFile(o.signKey, 'utf8'), signee: o.signee });
        }
        const text = `${JSON.stringify(document, null, 2)}\n`;
        if (o.out === undefined) ctx.out.line(text.trimEnd());
        else {
          await writeFile(o.out, text, { mode: o.secrets === true ? 0o600 : 0o644 });
          ctx.out.error(`wrote ${o.out}`);
        }
      }),
    );

  playbook
    .command('list')
    .description('playbooks you may see: the latest version of each')
    .option('--q <text>', 'name contains, or an exact playbook id')
    .action(async (o: { q?: string }, cmd: Command) =>
      withResponse(ctx, cmd, async ({ client }) => {
        const list = await client.listPlaybooks({ q: o.q });
        emit(ctx, cmd, list, () => ctx.out.table(list.map((p) => ({ ...p, steps: p.stepCount, tlp: `${p.tlp}${p.sharedUpward ? ' shared' : ''}`, signed: p.signed ? 'yes' : 'no' })), ['id', 'name', 'modified', 'orgName', 'tlp', 'steps', 'signed']));
      }),
    );

  return playbook;
}
