import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { IntelClient } from './client-port.js';
import { inputKinds, type InputKind } from './extract/types.js';
import { reliabilities, type ImportIssue, type Reliability } from './types.js';

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function printIssues(ctx: CliContext, issues: readonly ImportIssue[], truncated: boolean): void {
  for (const i of issues.slice(0, 50)) {
    const where = i.index < 0 ? 'bundle' : `objects[${i.index}]${i.id === undefined ? '' : ` ${i.id}`}`;
    ctx.out.error(`  ${where}${i.path === '' ? '' : ` .${i.path}`}: ${i.message} (${i.code})`);
  }
  if (issues.length > 50 || truncated) ctx.out.error(`  ... more issues: use --json to see the ${issues.length} kept`);
}

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openIntelClient(connection: Connection): Promise<IntelClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpIntelClient(connection.api);
  return (await import('./client-local.js')).localIntelClient((await connection.services()).intel, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const intelFlags = { file: '<file>', tlp: '--tlp', sharedUpward: '--share-upward', source: '--source', reliability: '--reliability', confidence: '--confidence', types: '--type', ids: '--id', labels: '--label', addedAfter: '--added-after', tlpMax: '--tlp-max', pattern: '<pattern>', objects: '--observed', kind: '--kind', name: '--name' };

const withIntel = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<IntelClient>) => Promise<T>) => withClient(ctx, cmd, openIntelClient, fn, intelFlags);

export function intelCommand(ctx: CliContext): Command {
  const intel = new Command('intel').description('threat intelligence: STIX 2.1 bundles, patterns, the intelligence store');

  intel
    .command('import <file>')
    .description('import a STIX 2.1 bundle (streamed; bundles of hundreds of MB are fine)')
    .option('--org <org>', 'organisation that will hold the objects (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .addOption(new Option('--tlp <tlp>', 'TLP for objects without a TLP marking (default amber)').choices(tlpLevels))
    .option('--share-upward', 'let parent organisations read what TLP allows')
    .option('--source <name>', 'name of the feed or source the bundle comes from')
    .addOption(new Option('--reliability <A-F>', 'Admiralty reliability of the source').choices(reliabilities))
    .option('--confidence <n>', 'confidence (0-100) for objects that state none', (v) => Number.parseInt(v, 10))
    .action(
      async (
        file: string,
        o: { org?: string; tlp?: Tlp; shareUpward?: boolean; source?: string; reliability?: Reliability; confidence?: number },
        cmd: Command,
      ) =>
        withIntel(ctx, cmd, async ({ client, orgs }) => {
          if (o.confidence !== undefined && (!Number.isInteger(o.confidence) || o.confidence < 0 || o.confidence > 100)) {
            throw new Error('--confidence takes a whole number from 0 to 100');
          }
          const orgId = await orgs.choose(o.org);
          const report = await client.intelImport(file, {
            orgId,
            tlp: o.tlp,
            sharedUpward: o.shareUpward,
            source: o.source,
            reliability: o.reliability,
            confidence: o.confidence,
            name: file.split('/').pop() ?? file,
          });
          emit(ctx, cmd, report, () => {
            ctx.out.line(
              `import ${report.id}: ${report.status}, ${report.objects} objects in ${(report.elapsedMs / 1000).toFixed(2)} s (${report.objectsPerSecond} objects/s)`,
            );
            ctx.out.line(`${report.stored} stored, ${report.duplicates} already held, ${report.invalid} invalid, ${report.contradictions} contradicting, ${report.conflictsFlagged} conflicts flagged`);
            printIssues(ctx, report.issues, report.issuesTruncated);
          });
          if (report.status === 'failed') throw new Error(report.error ?? 'the import failed');
        }),
    );

  intel
    .command('export')
    .description('export a STIX 2.1 bundle of what you may see, with the objects it refers to')
    .option('--type <types>', 'STIX types, comma-separated or repeated', collect)
    .option('--id <ids>', 'object ids, comma-separated or repeated', collect)
    .option('--label <labels>', 'labels, comma-separated or repeated', collect)
    .option('--added-after <timestamp>', 'only objects added after this time (RFC 3339)')
    .addOption(new Option('--tlp-max <tlp>', 'most permissive TLP to include').choices(tlpLevels))
    .option('--all-versions', 'every stored version, not only the newest')
    .option('--no-dependencies', 'only the selected objects')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      async (
        o: { type?: string[]; id?: string[]; label?: string[]; addedAfter?: string; tlpMax?: Tlp; allVersions?: boolean; dependencies: boolean; out?: string },
        cmd: Command,
      ) =>
        withIntel(ctx, cmd, async ({ client }) => {
          const chunks = client.intelExport({
            types: o.type,
            ids: o.id,
            labels: o.label,
            addedAfter: o.addedAfter,
            tlpMax: o.tlpMax,
            versions: o.allVersions === true ? 'all' : 'last',
            dependencies: o.dependencies,
          });
          if (o.out !== undefined) {
            await pipeline(Readable.from(chunks), createWriteStream(o.out));
            ctx.out.error(`bundle written to ${o.out}`);
            return;
          }
          let text = '';
          for await (const chunk of chunks) text += chunk;
          ctx.out.line(text.trimEnd());
        }),
    );

  intel
    .command('validate <file>')
    .description('check a STIX 2.1 bundle without importing it; exits with an error when it has problems')
    .action(async (file: string, _o, cmd: Command) =>
      withIntel(ctx, cmd, async ({ client }) => {
        const result = await client.intelValidate(file);
        emit(ctx, cmd, result, () => {
          ctx.out.line(result.valid ? `valid: ${result.objects} objects` : `${result.issues.length} problems in ${result.objects} objects`);
          printIssues(ctx, result.issues, result.issuesTruncated);
        });
        if (!result.valid) throw new Error('the bundle is not valid');
      }),
    );

  intel
    .command('pattern <pattern>')
    .description('check a STIX pattern; with --observed, evaluate it against the observed-data in a bundle file')
    .option('--observed <file>', 'a bundle (or JSON array) of observed-data objects and the SCOs they refer to')
    .action(async (pattern: string, o: { observed?: string }, cmd: Command) =>
      withIntel(ctx, cmd, async ({ client }) => {
        let objects: unknown[] | undefined;
        if (o.observed !== undefined) {
          const parsed = JSON.parse(await readFile(o.observed, 'utf8')) as unknown;
          objects = Array.isArray(parsed) ? parsed : ((parsed as { objects?: unknown[] }).objects ?? []);
        }
        const result = await client.intelPattern(pattern, objects);
        emit(ctx, cmd, result, () => {
          if (!result.valid || result.error !== null) {
            ctx.out.error(pattern);
            ctx.out.error(`${' '.repeat(Math.max(0, (result.error?.offset ?? 0)))}^`);
            ctx.out.error(result.error?.message ?? 'invalid pattern');
            return;
          }
          ctx.out.line(`valid: ${result.normalized ?? ''}`);
          ctx.out.line(`object paths: ${result.objectPaths.join(', ')}`);
          if (result.match !== null) {
            ctx.out.line(result.match.matched ? `matched observations ${result.match.observations.join(', ')}` : 'no match');
            for (const s of result.match.skipped) ctx.out.error(`  skipped objects[${s.index}]: ${s.reason}`);
          }
        });
        if (!result.valid) throw new Error('the pattern is not valid');
      }),
    );

  intel
    .command('extract <file>')
    .description('draft a STIX report from a threat report (plain text, HTML or PDF): indicators, CVEs, ATT&CK techniques, vendors, protocols')
    .addOption(new Option('--kind <kind>', 'what the file is (default: from its extension)').choices(inputKinds))
    .option('--name <name>', 'the report name (default: the file name)')
    .option('--out <file>', 'write the draft bundle to a file instead of standard output')
    .action(async (file: string, o: { kind?: InputKind; name?: string; out?: string }, cmd: Command) =>
      withIntel(ctx, cmd, async ({ client }) => {
        const kind = o.kind ?? (await import('./extract-report.js')).kindOfFileName(file);
        if (kind === undefined) throw new Error('say what the file is with --kind text, html or pdf');
        const result = await client.intelExtract(file, { kind, name: o.name ?? file.split('/').pop() ?? file });
        const text = JSON.stringify(result.bundle, null, 2);
        for (const w of result.warnings) ctx.out.error(`warning: ${w.message}`);
        if (o.out !== undefined) {
          await writeFile(o.out, `${text}\n`);
          ctx.out.error(`${result.findings} findings; draft bundle of ${result.bundle.objects.length} objects written to ${o.out} (review it, then: bulwark intel import ${o.out})`);
          return;
        }
        emit(ctx, cmd, result, () => ctx.out.line(text));
      }),
    );

  return intel;
}
