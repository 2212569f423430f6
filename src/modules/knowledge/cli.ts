import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import type { KnowledgeClient } from './client-port.js';
import { sourceFormats, type SourceFormat } from './sources/types.js';
import { hazardGrades, reliabilities, type Reliability } from './types.js';
import { kbFeedsCommand } from './feeds/cli.js';

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openKnowledgeClient(connection: Connection): Promise<KnowledgeClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpKnowledgeClient(connection.api);
  return (await import('./client-local.js')).localKnowledgeClient((await connection.services()).knowledge, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const kbFlags = { location: '<location>', format: '--format', q: '[query]', deviceType: '--device-type', hasFix: '--has-fix', assetIds: '--asset', sourceId: '<source>', reliability: '<grade>', comment: '--comment', decision: '<confirm|reject>', minConfidence: '--min-confidence', vulnId: '<vulnerability>' };

const withKnowledge = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<KnowledgeClient>) => Promise<T>) => withClient(ctx, cmd, openKnowledgeClient, fn, kbFlags);

export function knowledgeCommand(ctx: CliContext): Command {
  const kb = new Command('kb').description('the basic resource library: vulnerabilities, advisories, products, ATT&CK for ICS');
  kb.command('import <location>')
    .description('import a file, a directory (local database), or a URL: CSAF (document, ROLIE feed, provider metadata), CVE 5, NVD 2.0, OSV, KEV, ATT&CK bundle, CNVD XML')
    .addOption(new Option('--format <format>', 'skip detection').choices(sourceFormats))
    .action(async (location: string, o: { format?: SourceFormat }, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        const report = await client.kbImport(location, o.format);
        emit(ctx, cmd, report, () => {
          const s = report.stats;
          ctx.out.line(`${s.files} files, ${s.records} records: ${s.vulnerabilities} vulnerabilities, ${s.advisories} advisories, ${s.threats} threat objects, ${s.relations} relations; ${s.unchanged} unchanged`);
          ctx.out.line(`${s.errors} errors, ${s.warnings} warnings (run ${report.runId})`);
          for (const issue of report.issues.filter((i) => i.severity === 'error').slice(0, 20)) ctx.out.error(`  ${issue.file} ${issue.pointer}: ${issue.message}`);
        });
      }),
    );
  kb.command('search [query]')
    .description('full-text search with filters')
    .option('--vendor <vendor>')
    .option('--product <product>')
    .option('--device-type <type>')
    .option('--cwe <cwe>')
    .addOption(new Option('--grade <grade>').choices(hazardGrades))
    .option('--kev', 'only known exploited')
    .option('--has-fix', 'only with a vendor fix')
    .addOption(new Option('--sort <sort>').choices(['relevance', 'published', 'score']))
    .option('--limit <n>', 'results', (v) => Number.parseInt(v, 10), 20)
    .action(async (query: string | undefined, o: { vendor?: string; product?: string; deviceType?: string; cwe?: string; grade?: 'critical'; kev?: boolean; hasFix?: boolean; sort?: 'relevance'; limit: number }, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        const result = await client.kbSearch(
          { q: query, vendor: o.vendor, product: o.product, deviceType: o.deviceType, cwe: o.cwe, grade: o.grade, kev: o.kev, hasFix: o.hasFix },
          { limit: o.limit, sort: o.sort },
        );
        emit(ctx, cmd, result, () => {
          ctx.out.line(`${result.total} found`);
          ctx.out.table(
            result.items.map((v) => ({ ...v, cve: v.aliases.filter((a) => a.scheme === 'cve').map((a) => a.value).join(' '), kev: v.kev ? 'KEV' : '', vendors: v.vendors.join(', ') })),
            ['id', 'cve', 'grade', 'cvssScore', 'kev', 'vendors', 'title'],
          );
        });
      }),
    );
  kb.command('show <id>')
    .description('one vulnerability by Bulwark id or alias, with sources, conflicts, affected products and remediations')
    .action(async (id: string, _o, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        const v = await client.kbShow(id);
        emit(ctx, cmd, v, () => {
          ctx.out.line(`${v.id}  ${v.aliases.map((a) => a.value).join(', ')}`);
          ctx.out.line(`${v.title ?? '(no title)'}`);
          ctx.out.line(`grade ${v.grade ?? '-'}  CVSS ${v.cvssVersion ?? ''} ${v.cvssScore ?? '-'} ${v.cvssVector ?? ''}  GB/T ${v.gbtGrade ?? '-'}  cause ${v.causeCategory ?? '-'}  ${v.cwes.join(' ')}`);
          if (v.kev) ctx.out.line(`KNOWN EXPLOITED since ${v.kevDateAdded ?? '?'} (due ${v.kevDueDate ?? '?'})${v.kevRansomware === true ? ', used by ransomware' : ''}`);
          for (const c of v.conflicts) ctx.out.line(`conflict ${c.field}: ${c.values.map((x) => `${x.sourceId}=${JSON.stringify(x.value)}`).join('  ')}`);
          ctx.out.line('affected:');
          ctx.out.table(v.affected, ['vendor', 'product', 'rangeText', 'status', 'sourceId']);
          ctx.out.line('remediations:');
          ctx.out.table(v.remediations, ['category', 'details', 'sourceId']);
        });
      }),
    );
  kb.command('correlate')
    .description('recompute which known vulnerabilities affect which assets')
    .option('--asset <id...>', 'only these assets')
    .action(async (o: { asset?: string[] }, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        const report = await client.kbCorrelate(o.asset);
        emit(ctx, cmd, report, () => ctx.out.line(`${report.assets} assets: ${report.affected} affected, ${report.unknown} unknown exposures (${report.ms} ms)`));
      }),
    );
  kb.command('sources')
    .description('list sources and their reliability')
    .action(async (_o, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        const sources = await client.kbSources();
        emit(ctx, cmd, sources, () => ctx.out.table(sources, ['id', 'name', 'reliability']));
      }),
    );
  kb.command('reliability <source> <grade>')
    .description('set a source’s Admiralty reliability (A–F); displayed values are re-decided')
    .action(async (source: string, grade: string, _o, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        if (!(reliabilities as readonly string[]).includes(grade)) throw new Error(`<grade> must be one of ${reliabilities.join(', ')}`);
        const updated = await client.kbSetReliability(source, grade as Reliability);
        emit(ctx, cmd, updated, () => ctx.out.line(`${updated.id}: ${updated.reliability}`));
      }),
    );
  kb.addCommand(exposureCommand(ctx));
  kb.addCommand(kbFeedsCommand(ctx));
  return kb;
}

/** `bulwark kb exposure list|confirm|reject|undecide`: exposures and the decisions on them. */
function exposureCommand(ctx: CliContext): Command {
  const exposure = new Command('exposure').description('exposures of assets to known vulnerabilities, and confirming or rejecting a match');
  exposure
    .command('list [asset]')
    .description('one asset’s exposures, or every visible asset’s; known-exploited first, rejected matches only with --decision rejected')
    .option('--kev', 'only known exploited')
    .addOption(new Option('--verdict <verdict>').choices(['affected', 'unknown']))
    .addOption(new Option('--grade <grade>').choices(hazardGrades))
    .option('--min-confidence <c>', 'lowest confidence, 0 to 1', Number.parseFloat)
    .addOption(new Option('--decision <decision>').choices(['confirmed', 'rejected', 'open', 'kept', 'any']))
    .option('--limit <n>', 'results', (v) => Number.parseInt(v, 10), 50)
    .option('--offset <n>', 'skip', (v) => Number.parseInt(v, 10), 0)
    .action(async (asset: string | undefined, o: { kev?: boolean; verdict?: 'affected'; grade?: string; minConfidence?: number; decision?: 'open'; limit: number; offset: number }, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        const page = await client.kbExposures(asset, { kev: o.kev, verdict: o.verdict, grade: o.grade, minConfidence: o.minConfidence, decision: o.decision, limit: o.limit, offset: o.offset });
        emit(ctx, cmd, page, () => {
          const c = page.counts;
          ctx.out.line(`${page.total} shown of ${c.affected} affected, ${c.unknown} unknown (${c.kev} known exploited); ${c.confirmed} confirmed, ${c.rejected} rejected`);
          ctx.out.table(
            page.items.map((e) => ({ ...e, id: e.cve ?? e.vulnId, kev: e.kev ? 'KEV' : '', decision: e.decision?.decision ?? '', basis: e.reasons[0]?.basis ?? '' })),
            ['assetName', 'id', 'kev', 'verdict', 'confidence', 'grade', 'decision', 'basis'],
          );
        });
      }),
    );
  for (const [name, decision] of [['confirm', 'confirmed'], ['reject', 'rejected']] as const) {
    exposure
      .command(`${name} <asset> <vulnerability>`)
      .description(`${name} that this vulnerability concerns this asset (admins and analysts of its organisation); kept across recorrelation`)
      .requiredOption('--comment <text>', 'why, for the next person')
      .action(async (asset: string, vuln: string, o: { comment: string }, cmd: Command) =>
        withKnowledge(ctx, cmd, async ({ client }) => {
          const item = await client.kbDecide(asset, vuln, decision, o.comment);
          emit(ctx, cmd, item, () => ctx.out.line(`${item.assetName} ${item.cve ?? item.vulnId}: ${decision} by ${item.decision?.by ?? '?'}`));
        }),
      );
  }
  exposure
    .command('undecide <asset> <vulnerability>')
    .description('withdraw the decision on a match')
    .action(async (asset: string, vuln: string, _o, cmd: Command) =>
      withKnowledge(ctx, cmd, async ({ client }) => {
        await client.kbUndecide(asset, vuln);
        emit(ctx, cmd, { asset, vulnerability: vuln, decision: null }, () => ctx.out.line(`${asset} ${vuln}: no decision`));
      }),
    );
  return exposure;
}
