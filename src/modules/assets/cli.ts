import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { writeChunks } from '../../platform/cli-kit/text-stream.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import { InputError } from '../../platform/errors.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { AssetClient } from './client-port.js';
import { assetSortKeys, criticalities, exposureGrades, type Asset, type AssetSelection, type AssetSortKey, type Criticality, type ExposureGrade } from './types.js';

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openAssetClient(connection: Connection): Promise<AssetClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpAssetClient(connection.api);
  return (await import('./client-local.js')).localAssetClient((await connection.services()).assets, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const assetFlags = { name: '<name>', firmwareVersion: '--firmware', sharedUpward: '--share-upward', ip: '--ip', mac: '--mac', zone: '--zone', vendor: '--vendor', model: '--model', criticality: '--criticality', tlp: '--tlp' };

const withAssets = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<AssetClient>) => Promise<T>) => withClient(ctx, cmd, openAssetClient, fn, assetFlags);

const columns = ['name', 'orgName', 'zone', 'ip', 'vendor', 'model', 'firmwareVersion', 'criticality', 'tlp', 'exposures', 'kev', 'grade'];
const listed = (a: Asset) => ({ ...a, exposures: a.exposure.affected, kev: a.exposure.kev, grade: a.exposure.highestGrade ?? '' });

interface SelectionFlags {
  query?: string;
  org?: string;
  zone?: string;
  vendor?: string;
  criticality?: Criticality;
  tlp?: Tlp;
  exposed?: boolean;
  kev?: boolean;
  minGrade?: ExposureGrade;
  sort?: AssetSortKey;
  desc?: boolean;
}

/** The list's filters and sort, shared by list and export. */
function selectionOptions(cmd: Command): Command {
  return cmd
    .option('-q, --query <text>', 'search name, IP, MAC, vendor, model, zone')
    .option('--org <idOrName>', 'only this organisation')
    .option('--zone <zone>', 'only this zone')
    .option('--vendor <vendor>', 'only this vendor')
    .addOption(new Option('--criticality <level>', 'only this criticality').choices(criticalities))
    .addOption(new Option('--tlp <marking>', 'only this TLP marking').choices(tlpLevels))
    .option('--exposed', 'only assets with an affected vulnerability')
    .option('--no-exposed', 'only assets without one')
    .option('--kev', 'only assets with a known-exploited affected vulnerability')
    .option('--no-kev', 'only assets without one')
    .addOption(new Option('--min-grade <grade>', 'only assets whose highest affected grade is this or above').choices(exposureGrades))
    .addOption(new Option('--sort <key>', 'sort key').choices(assetSortKeys))
    .option('--desc', 'descending order');
}

function selectionOf(o: SelectionFlags, orgId: string | undefined): AssetSelection {
  return { q: o.query, orgId, zone: o.zone, vendor: o.vendor, criticality: o.criticality, tlp: o.tlp, exposed: o.exposed, kev: o.kev, minGrade: o.minGrade, sort: o.sort, order: o.desc === true ? 'desc' : undefined };
}

export function assetCommand(ctx: CliContext): Command {
  const asset = new Command('asset').description('the asset inventory: PLCs, RTUs, HMIs, workstations, network devices');
  selectionOptions(asset.command('list').description('list assets, with their exposure figures'))
    .option('--limit <n>', 'page size', (v) => Number.parseInt(v, 10), 100)
    .option('--all', 'follow every page')
    .action(async (o: SelectionFlags & { limit: number; all?: boolean }, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client, orgs }) => {
        const selection = selectionOf(o, await orgs.find(o.org));
        const items: Asset[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listAssets({ ...selection, limit: o.limit, cursor });
          items.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (o.all === true && cursor !== undefined);
        emit(ctx, cmd, items, () => ctx.out.table(items.map(listed), columns));
      }),
    );
  selectionOptions(asset.command('export').description('every asset the filters select, as CSV'))
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (o: SelectionFlags & { out?: string }, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client, orgs }) => {
        await writeChunks(ctx, client.exportAssets(selectionOf(o, await orgs.find(o.org))), o.out, 'assets');
      }),
    );
  asset
    .command('bulk-update <ids...>')
    .description('set criticality, zone, TLP or sharing on many assets; all or nothing')
    .addOption(new Option('--criticality <level>').choices(criticalities))
    .option('--zone <zone>', 'zone (an empty string clears it)')
    .addOption(new Option('--tlp <marking>').choices(tlpLevels))
    .option('--share-upward', 'let analysts of parent organisations see them (TLP permitting)')
    .option('--no-share-upward', 'keep them inside their organisation')
    .action(async (ids: string[], o: { criticality?: Criticality; zone?: string; tlp?: Tlp; shareUpward?: boolean }, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client }) => {
        const zone = o.zone === undefined ? undefined : o.zone === '' ? null : o.zone;
        const result = await client.bulkUpdateAssets(ids, { criticality: o.criticality, zone, tlp: o.tlp, sharedUpward: o.shareUpward });
        emit(ctx, cmd, result, () => ctx.out.line(`changed ${result.count} assets`));
      }),
    );
  asset
    .command('bulk-delete <ids...>')
    .description('delete many assets; all or nothing')
    .option('--yes', 'confirm: the assets, their exposures and conflicts are removed')
    .action(async (ids: string[], o: { yes?: boolean }, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client }) => {
        if (o.yes !== true) throw new InputError(`not deleting ${ids.length} assets without confirmation`, [{ path: '--yes', message: 'add --yes to delete them' }]);
        const result = await client.bulkDeleteAssets(ids);
        emit(ctx, cmd, result, () => ctx.out.line(`deleted ${result.count} assets`));
      }),
    );
  asset
    .command('create <name>')
    .description('create an asset')
    .option('--org <idOrName>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .option('--zone <zone>')
    .option('--ip <ip>')
    .option('--mac <mac>')
    .option('--vendor <vendor>')
    .option('--model <model>')
    .option('--firmware <version>')
    .addOption(new Option('--criticality <level>').choices(criticalities))
    .addOption(new Option('--tlp <marking>').choices(tlpLevels))
    .option('--share-upward', 'let analysts of parent organisations see it (TLP permitting)')
    .action(
      async (
        name: string,
        o: { org?: string; zone?: string; ip?: string; mac?: string; vendor?: string; model?: string; firmware?: string; criticality?: Criticality; tlp?: Tlp; shareUpward?: boolean },
        cmd: Command,
      ) =>
        withAssets(ctx, cmd, async ({ client, orgs }) => {
          const orgId = await orgs.choose(o.org);
          const created = await client.createAsset({
            name,
            orgId,
            zone: o.zone,
            ip: o.ip,
            mac: o.mac,
            vendor: o.vendor,
            model: o.model,
            firmwareVersion: o.firmware,
            criticality: o.criticality,
            tlp: o.tlp,
            sharedUpward: o.shareUpward,
          });
          emit(ctx, cmd, created, () => ctx.out.line(`created asset ${created.name} (${created.id})`));
        }),
    );
  asset
    .command('import <file>')
    .description('import a CSV inventory (columns: name, zone, ip, mac, vendor, model, firmware_version, criticality, tlp, shared_upward)')
    .option('--org <idOrName>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .option('--dry-run', 'check the file, write nothing')
    .action(async (file: string, o: { org?: string; dryRun?: boolean }, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        const report = await client.importAssets(await readFile(file, 'utf8'), { orgId, dryRun: o.dryRun });
        emit(ctx, cmd, report, () =>
          ctx.out.line(
            report.dryRun
              ? `${report.rows} rows valid; nothing written (dry run)`
              : `${report.rows} rows: ${report.created} created, ${report.updated} updated`,
          ),
        );
      }),
    );
  asset
    .command('delete <id>')
    .description('delete an asset')
    .action(async (id: string, _o, cmd: Command) =>
      withAssets(ctx, cmd, async ({ client }) => {
        await client.deleteAsset(id);
        emit(ctx, cmd, { deleted: id }, () => ctx.out.line(`deleted ${id}`));
      }),
    );
  return asset;
}
